// Loading and error states shared by every page.
import { Alert, Button, Flex, Spin } from 'antd';
import { ApiError, errorMessage } from './api';

export function PageLoading({ label = 'Đang tải…' }: { label?: string }) {
  return (
    <Flex justify="center" align="center" style={{ padding: 48 }} data-testid="loading">
      <Spin description={label} size="large">
        <div style={{ width: 120, height: 40 }} />
      </Spin>
    </Flex>
  );
}

/** The fields a rejected request named, without the part of the request they came in. */
function invalidFields(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.issues.length === 0) return null;
  const fields = error.issues
    .map((i) => i.field.replace(/^(querystring|params|body|headers)\.?/, ''))
    .filter(Boolean);
  return fields.length > 0 ? `Trường không hợp lệ: ${[...new Set(fields)].join(', ')}` : null;
}

export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      data-testid="query-error"
      title={errorMessage(error)}
      description={invalidFields(error)}
      action={
        onRetry ? (
          <Button size="small" danger onClick={onRetry}>
            Thử lại
          </Button>
        ) : undefined
      }
    />
  );
}
