// Every group of a search: its label and total, its results as links to their pages.
import type { SearchGroup } from '@features/search/schema';
import { Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { hitDetail, hitHref, NO_RESULTS, SEARCH_KIND_LABELS } from '../labels';

export function SearchResults({ groups }: { groups: SearchGroup[] }) {
  const found = groups.filter((g) => g.total > 0);
  if (found.length === 0) return <Empty description={NO_RESULTS} data-testid="search-no-results" />;
  return (
    <Flex vertical gap={16}>
      {found.map((g) => (
        <Card
          key={g.kind}
          size="small"
          data-testid={`search-results-${g.kind}`}
          title={
            <Flex gap={8} align="center">
              <span>{SEARCH_KIND_LABELS[g.kind]}</span>
              <Tag>{g.total}</Tag>
            </Flex>
          }
          extra={
            g.total > g.items.length ? (
              <Typography.Text type="secondary">
                {`Hiển thị ${g.items.length}/${g.total} kết quả phù hợp nhất`}
              </Typography.Text>
            ) : null
          }
        >
          <List
            dataSource={g.items}
            rowKey="id"
            renderItem={(hit) => {
              const href = hitHref(g.kind, hit);
              const detail = hitDetail(g.kind, hit);
              return (
                <List.Item data-testid="search-result">
                  <Flex vertical style={{ minWidth: 0 }}>
                    {href ? (
                      <Link to={href} data-testid="search-result-link">
                        {hit.title || detail}
                      </Link>
                    ) : (
                      <Typography.Text>{hit.title || detail}</Typography.Text>
                    )}
                    {detail && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {detail}
                      </Typography.Text>
                    )}
                  </Flex>
                </List.Item>
              );
            }}
          />
        </Card>
      ))}
    </Flex>
  );
}
