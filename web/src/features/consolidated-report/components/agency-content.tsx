// What the agencies' reports bring into the consolidated report as written (their difficulties
// and proposals) and the plan adjustments proposed or decided in the period: shown so that the
// narrative can build on them without repeating them.
import type { Figures } from '@features/consolidated-report/schema';
import { Card, Collapse, List, Tag, Typography } from 'antd';
import { formatNumber } from '../../../app/format';
import { STATE_COLORS, STATE_LABELS } from '../../adjustments/labels';

function AgencyTexts({ items, empty }: { items: Figures['difficulties']; empty: string }) {
  if (items.length === 0) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(item) => (
        <List.Item>
          <div>
            <Typography.Text strong>{item.agency}</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>
              {item.text}
            </Typography.Paragraph>
          </div>
        </List.Item>
      )}
    />
  );
}

export function AgencyContent({ figures }: { figures: Figures }) {
  const { difficulties, proposals, adjustments, agencyReports } = figures;
  return (
    <Card
      title="Nội dung từ báo cáo của các cơ quan, đơn vị"
      extra={
        <Typography.Text type="secondary">
          Đã nhận {formatNumber(agencyReports.received)}/{formatNumber(agencyReports.expected)} báo
          cáo
        </Typography.Text>
      }
      data-testid="consolidated-agency-content"
    >
      <Typography.Paragraph type="secondary">
        Các nội dung dưới đây được tự động đưa vào báo cáo, sau phần thuyết minh tương ứng.
      </Typography.Paragraph>
      <Collapse
        items={[
          {
            key: 'difficulties',
            label: `Khó khăn, vướng mắc (${formatNumber(difficulties.length)})`,
            children: (
              <AgencyTexts
                items={difficulties}
                empty="Các cơ quan, đơn vị không báo cáo khó khăn, vướng mắc."
              />
            ),
          },
          {
            key: 'proposals',
            label: `Đề xuất, kiến nghị (${formatNumber(proposals.length)})`,
            children: (
              <AgencyTexts
                items={proposals}
                empty="Các cơ quan, đơn vị không có đề xuất, kiến nghị."
              />
            ),
          },
          {
            key: 'adjustments',
            label: `Đề xuất điều chỉnh kế hoạch trong kỳ (${formatNumber(adjustments.length)})`,
            children:
              adjustments.length === 0 ? (
                <Typography.Text type="secondary">
                  Trong kỳ không có đề xuất điều chỉnh kế hoạch.
                </Typography.Text>
              ) : (
                <List
                  size="small"
                  dataSource={adjustments}
                  renderItem={(a) => (
                    <List.Item>
                      <div>
                        <Typography.Text strong>{a.agency}</Typography.Text>{' '}
                        <Tag color={STATE_COLORS[a.state]}>{STATE_LABELS[a.state]}</Tag>
                        <div>{a.subject}</div>
                        <Typography.Text type="secondary">Lý do: {a.reason}</Typography.Text>
                        {a.decisionNote && (
                          <div>
                            <Typography.Text type="secondary">
                              Ý kiến quyết định: {a.decisionNote}
                            </Typography.Text>
                          </div>
                        )}
                      </div>
                    </List.Item>
                  )}
                />
              ),
          },
        ]}
      />
    </Card>
  );
}
