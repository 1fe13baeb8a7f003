// The counters at the top of "Việc của tôi"; a click opens the list a counter counts.
import { Card, Col, Row, Statistic, theme } from 'antd';
import type { KeyboardEvent } from 'react';

export type Counter = {
  key: string;
  title: string;
  value: number;
  /** Red when it needs attention (overdue). */
  alarming?: boolean;
};

type Props = { counters: readonly Counter[]; active: string; onOpen: (key: string) => void };

export function WorkCounters({ counters, active, onOpen }: Props) {
  const { token } = theme.useToken();
  const onKey = (key: string) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen(key);
    }
  };
  return (
    <Row gutter={[12, 12]} data-testid="my-work-counters">
      {counters.map((c) => (
        <Col key={c.key} xs={12} sm={8} xl={4}>
          <Card
            size="small"
            hoverable
            role="button"
            tabIndex={0}
            aria-pressed={active === c.key}
            onClick={() => onOpen(c.key)}
            onKeyDown={onKey(c.key)}
            style={{
              height: '100%',
              borderColor: active === c.key ? token.colorPrimary : undefined,
            }}
            data-testid={`counter-${c.key}`}
          >
            <Statistic
              title={c.title}
              value={c.value}
              styles={{
                content: c.alarming && c.value > 0 ? { color: token.colorError } : undefined,
              }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
