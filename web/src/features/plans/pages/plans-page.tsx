import { Card, Flex, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { QueryError } from '../../../app/query-state';
import { NoPlans, PlansTable } from '../components/plans-table';
import { usePlans } from '../hooks/use-plans';

// The upload (antd's Upload, and the import's dialog) is loaded only for who may import.
const ImportUpload = lazy(() =>
  import('../../imports/components/import-upload').then((m) => ({ default: m.ImportUpload })),
);

export function PlansPage() {
  const [{ page, pageSize }, setPaging] = useState({ page: 1, pageSize: 20 });
  const plans = usePlans(page, pageSize);

  return (
    <div data-testid="plans-page">
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Kế hoạch
        </Typography.Title>
        {/* Only the consolidating department imports plan documents (the server says who may). */}
        {plans.data?.abilities.import && (
          <Suspense fallback={null}>
            <ImportUpload />
          </Suspense>
        )}
      </Flex>
      {plans.isError ? (
        <QueryError error={plans.error} onRetry={() => void plans.refetch()} />
      ) : plans.data?.total === 0 ? (
        <Card>
          <NoPlans canImport={plans.data.abilities.import} />
        </Card>
      ) : (
        <PlansTable
          plans={plans.data?.items ?? []}
          total={plans.data?.total ?? 0}
          page={page}
          pageSize={pageSize}
          loading={plans.isFetching}
          canImport={plans.data?.abilities.import ?? false}
          onPageChange={(p, size) => setPaging({ page: size === pageSize ? p : 1, pageSize: size })}
        />
      )}
    </div>
  );
}
