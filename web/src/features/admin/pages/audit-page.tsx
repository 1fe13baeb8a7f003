// Nhật ký thay đổi (/quan-tri/nhat-ky): every change recorded by the services, for the
// administrator to read and export. Read-only: nothing here (nor anywhere) edits or removes a
// record. The filter lives in the address.
import { DownloadOutlined, LockOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { QueryError } from '../../../app/query-state';
import {
  type AuditPageState,
  auditFilterOf,
  hasAuditFilter,
  readAuditPageState,
  writeAuditPageState,
} from '../audit-params';
import { AuditFilters } from '../components/audit-filters';
import { AuditTable } from '../components/audit-table';
import { type AuditFilterValues, auditExportHref, useAuditRecords } from '../hooks/use-audit';

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const state = readAuditPageState(params);
  const filter = auditFilterOf(state);
  const records = useAuditRecords(filter, {
    limit: state.pageSize,
    offset: (state.page - 1) * state.pageSize,
  });

  const update = useCallback(
    (change: Partial<AuditPageState>) =>
      setParams((prev) => writeAuditPageState({ ...readAuditPageState(prev), ...change })),
    [setParams],
  );
  const onFilter = useCallback(
    (change: AuditFilterValues) => update({ ...change, page: 1 }),
    [update],
  );

  return (
    <div data-testid="audit-page">
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Nhật ký thay đổi
        </Typography.Title>
        <Button
          icon={<DownloadOutlined />}
          href={auditExportHref(filter)}
          download
          data-testid="audit-export"
        >
          Xuất Excel
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" data-testid="audit-readonly-note">
        <LockOutlined /> Nhật ký chỉ được xem và xuất, không ai sửa hoặc xóa được.
      </Typography.Paragraph>
      <AuditFilters
        filter={filter}
        onChange={onFilter}
        onClear={
          hasAuditFilter(state)
            ? () => setParams(writeAuditPageState({ page: 1, pageSize: state.pageSize }))
            : null
        }
      />
      {records.isError ? (
        <QueryError error={records.error} onRetry={() => void records.refetch()} />
      ) : (
        <AuditTable
          records={records.data?.items ?? []}
          total={records.data?.total ?? 0}
          page={state.page}
          pageSize={state.pageSize}
          loading={records.isFetching}
          onPageChange={(page, pageSize) =>
            update({ page: pageSize === state.pageSize ? page : 1, pageSize })
          }
          onFilter={onFilter}
        />
      )}
    </div>
  );
}
