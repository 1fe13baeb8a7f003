// /tim-kiem?q= – every group of a search (plans, tasks, targets, key projects, agencies,
// documents), the best results of each with the total; each result opens its page.
import { Flex, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageLoading, QueryError } from '../../../app/query-state';
import { SearchResults } from '../components/search-results';
import { useSearch } from '../hooks/use-search';

/** Results shown per kind on the page. */
const PAGE_LIMIT = 20;

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const search = useSearch(q, PAGE_LIMIT);

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        Tìm kiếm
      </Typography.Title>
      <Input.Search
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => setParams(v.trim() ? { q: v.trim() } : {})}
        placeholder="Tìm kế hoạch, nhiệm vụ, chỉ tiêu, dự án, cơ quan, văn bản…"
        enterButton="Tìm"
        allowClear
        style={{ maxWidth: 640 }}
        aria-label="Từ cần tìm"
        autoFocus={!q}
        data-testid="search-page-input"
      />
      {!q ? (
        <Typography.Text type="secondary">
          Nhập từ cần tìm: có thể gõ không dấu (“dong dang”) hoặc viết tắt (UBND, KH&ĐT, QL, KCN).
        </Typography.Text>
      ) : search.isPending ? (
        <PageLoading />
      ) : search.isError ? (
        <QueryError error={search.error} onRetry={() => void search.refetch()} />
      ) : (
        <>
          <Typography.Text type="secondary" data-testid="search-summary">
            {`Kết quả cho “${q}”`}
          </Typography.Text>
          <SearchResults groups={search.data.groups} />
        </>
      )}
    </Flex>
  );
}
