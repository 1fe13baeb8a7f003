// The legal basis of the plan: the chain of documents it implements, and the documents it cites.
import type { DocumentReference } from '@features/plans/schema';
import { Card, Empty, Typography, theme } from 'antd';
import { citation } from '../document-types';

const RELATION_LABELS: Record<DocumentReference['relation'], string> = {
  implements: 'Thực hiện',
  cites: 'Viện dẫn',
};

type ItemProps = {
  reference: DocumentReference;
  showRelation: boolean;
  /** Documents whose own basis is shown elsewhere on the card: not expanded again. */
  expandedElsewhere?: ReadonlySet<string>;
};

function ReferenceItem({ reference, showRelation, expandedElsewhere }: ItemProps) {
  const { token } = theme.useToken();
  const { name, rest } = citation(reference);
  return (
    <li
      data-testid="legal-basis-item"
      data-relation={reference.relation}
      style={{ marginBottom: 6 }}
    >
      <div>
        {showRelation && (
          <Typography.Text type="secondary">{`${RELATION_LABELS[reference.relation]}: `}</Typography.Text>
        )}
        <Typography.Text strong>{name}</Typography.Text>
        <Typography.Text>{rest}</Typography.Text>
      </div>
      {reference.title && (
        <Typography.Text type="secondary" style={{ display: 'block' }}>
          {reference.title}
        </Typography.Text>
      )}
      {reference.references.length > 0 && !expandedElsewhere?.has(reference.id) && (
        <ul
          style={{
            listStyle: 'none',
            margin: '6px 0 0 4px',
            paddingLeft: 14,
            borderLeft: `2px solid ${token.colorBorderSecondary}`,
          }}
        >
          {reference.references.map((r) => (
            <ReferenceItem key={`${r.id}-${r.relation}`} reference={r} showRelation />
          ))}
        </ul>
      )}
    </li>
  );
}

function ReferenceList({
  references,
  showRelation,
  expandedElsewhere,
}: { references: DocumentReference[] } & Omit<ItemProps, 'reference'>) {
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {references.map((r) => (
        <ReferenceItem
          key={`${r.id}-${r.relation}`}
          reference={r}
          showRelation={showRelation}
          expandedElsewhere={expandedElsewhere}
        />
      ))}
    </ul>
  );
}

function idsWithBasis(
  references: readonly DocumentReference[],
  into = new Set<string>(),
): Set<string> {
  for (const r of references) {
    if (r.references.length > 0) into.add(r.id);
    idsWithBasis(r.references, into);
  }
  return into;
}

export function LegalBasis({ references }: { references: DocumentReference[] }) {
  const implemented = references.filter((r) => r.relation === 'implements');
  const cited = references.filter((r) => r.relation === 'cites');
  const inChain = idsWithBasis(implemented);
  return (
    <Card title="Căn cứ pháp lý" data-testid="legal-basis">
      {references.length === 0 && (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description="Kế hoạch không nêu căn cứ pháp lý."
        />
      )}
      {implemented.length > 0 && <ReferenceList references={implemented} showRelation />}
      {cited.length > 0 && (
        <div data-testid="legal-basis-cited" style={{ marginTop: implemented.length > 0 ? 16 : 0 }}>
          <Typography.Title level={5}>Văn bản được viện dẫn</Typography.Title>
          <ReferenceList references={cited} showRelation={false} expandedElsewhere={inChain} />
        </div>
      )}
    </Card>
  );
}
