// The end of every dialog form: the Vietnamese message of a failed submit, then "Hủy" and the
// submit button.
import { Alert, Button, Flex } from 'antd';

export function FormFooter({
  error,
  pending,
  onCancel,
  submitLabel,
  testId,
}: {
  /** The message to show when the last submit failed; null when it did not. */
  error: string | null;
  pending: boolean;
  onCancel: () => void;
  submitLabel: string;
  testId: string;
}) {
  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onCancel}>Hủy</Button>
        <Button type="primary" htmlType="submit" loading={pending} data-testid={testId}>
          {submitLabel}
        </Button>
      </Flex>
    </>
  );
}
