// A chart's figures as a real table (<table> with its <caption>, header cells with their scope):
// what a screen reader reads out and what prints. A cell with a link leads to the list it counts.
import { theme } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

export type FigureCell = { text: ReactNode; href?: string | null; numeric?: boolean };

function Cell({ cell, head, border }: { cell: FigureCell; head: boolean; border: string }) {
  const content = cell.href ? <Link to={cell.href}>{cell.text}</Link> : cell.text;
  const style = {
    padding: '6px 8px',
    borderBottom: border,
    textAlign: head && !cell.numeric ? 'left' : 'right',
    fontVariantNumeric: 'tabular-nums',
  } as const;
  return head ? (
    <th scope="row" style={{ ...style, fontWeight: 400 }}>
      {content}
    </th>
  ) : (
    <td style={style}>{content}</td>
  );
}

export function FigureTable({
  caption,
  columns,
  rows,
  testId,
}: {
  caption: string;
  /** Column headings; the first column heads each row. */
  columns: readonly string[];
  rows: readonly { key: string; cells: readonly FigureCell[] }[];
  testId?: string;
}) {
  const { token } = theme.useToken();
  const border = `1px solid ${token.colorBorderSecondary}`;
  const cellStyle = { padding: '6px 8px', borderBottom: border } as const;
  return (
    <div style={{ overflowX: 'auto' }}>
      <table
        className="dashboard-table"
        data-testid={testId}
        style={{ width: '100%', borderCollapse: 'collapse', fontSize: 14 }}
      >
        <caption
          style={{ captionSide: 'top', textAlign: 'left', fontWeight: 600, padding: '4px 0' }}
        >
          {caption}
        </caption>
        <thead>
          <tr style={{ background: token.colorFillAlter }}>
            {columns.map((c, i) => (
              <th
                key={c}
                scope="col"
                style={{ ...cellStyle, textAlign: i === 0 ? 'left' : 'right', fontWeight: 600 }}
              >
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, i) => (
                // A row's cells are its columns: keyed by the column's heading.
                <Cell key={columns[i] ?? String(i)} cell={cell} head={i === 0} border={border} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
