// /dieu-chinh/dot/:id – a batch of proposals: the consolidating department's opinion (edited while
// the batch is a draft) and its submission to leadership; leadership decides each proposal here.
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../../app/api';
import { formatDateTime } from '../../../app/format';
import { QueryError } from '../../../app/query-state';
import { ProposalTable } from '../components/proposal-table';
import { useBatch, useSubmitBatch, useUpdateBatch } from '../hooks/use-adjustments';
import { adjustmentMessage, BATCH_STATE_LABELS, planName } from '../labels';

export function BatchPage() {
  const { id = '' } = useParams();
  const batch = useBatch(id);
  const update = useUpdateBatch(id);
  const submit = useSubmitBatch(id);
  const { message } = App.useApp();
  const data = batch.data;
  const [opinion, setOpinion] = useState('');
  useEffect(() => {
    if (data) setOpinion(data.opinion);
  }, [data]);
  const failed = update.error ?? submit.error;

  return (
    <div data-testid="batch-page">
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to="/dieu-chinh">Điều chỉnh kế hoạch</Link> },
          { title: 'Đợt trình' },
        ]}
      />
      {batch.isError && <QueryError error={batch.error} onRetry={() => void batch.refetch()} />}
      {batch.isPending && (
        <Card>
          <Skeleton active />
        </Card>
      )}
      {data && (
        <Flex vertical gap={16}>
          <Card
            title={`Đợt trình điều chỉnh: ${planName(data.plan)}`}
            extra={
              <Tag
                color={
                  data.state === 'decided' ? 'green' : data.state === 'submitted' ? 'blue' : 'gold'
                }
                data-testid="batch-state"
              >
                {BATCH_STATE_LABELS[data.state]}
              </Tag>
            }
          >
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                {
                  key: 'c',
                  label: 'Lập',
                  children: `${data.createdBy ?? ''} — ${formatDateTime(data.createdAt)}`,
                },
                {
                  key: 's',
                  label: 'Trình',
                  children: data.submittedAt
                    ? `${data.submittedBy ?? ''} — ${formatDateTime(data.submittedAt)}`
                    : 'Chưa trình',
                },
                {
                  key: 'n',
                  label: 'Kết quả',
                  children: `${data.counts.accepted} chấp thuận, ${data.counts.rejected} không chấp thuận, ${data.counts.pending} chờ quyết định`,
                },
              ]}
            />
            <Typography.Title level={5}>Ý kiến của cơ quan tổng hợp</Typography.Title>
            {data.abilities.update ? (
              <Flex vertical gap={8}>
                <Input.TextArea
                  rows={6}
                  value={opinion}
                  onChange={(e) => setOpinion(e.target.value)}
                  maxLength={20_000}
                  data-testid="batch-opinion"
                />
                <Flex gap={8} justify="flex-end">
                  <Button
                    loading={update.isPending}
                    onClick={() =>
                      update.mutate(
                        {
                          version: data.version,
                          opinion,
                          proposalIds: data.proposals.map((p) => p.id),
                        },
                        { onSuccess: () => void message.success('Đã lưu ý kiến.') },
                      )
                    }
                    data-testid="batch-save"
                  >
                    Lưu ý kiến
                  </Button>
                  <Button
                    type="primary"
                    loading={submit.isPending}
                    disabled={opinion.trim() !== data.opinion.trim() || data.opinion.trim() === ''}
                    onClick={() =>
                      submit.mutate(
                        { version: data.version },
                        { onSuccess: () => void message.success('Đã trình lãnh đạo UBND tỉnh.') },
                      )
                    }
                    data-testid="batch-submit"
                  >
                    Trình lãnh đạo
                  </Button>
                </Flex>
                {opinion.trim() !== data.opinion.trim() && (
                  <Typography.Text type="secondary">Lưu ý kiến trước khi trình.</Typography.Text>
                )}
              </Flex>
            ) : (
              <Typography.Paragraph
                style={{ whiteSpace: 'pre-wrap' }}
                data-testid="batch-opinion-text"
              >
                {data.opinion || '(chưa có ý kiến)'}
              </Typography.Paragraph>
            )}
            {failed && (
              <Alert
                type="error"
                showIcon
                title={adjustmentMessage(failed, errorMessage)}
                style={{ marginTop: 12 }}
                data-testid="batch-error"
              />
            )}
          </Card>
          <Card title={`Các đề xuất (${data.proposals.length})`}>
            <ProposalTable items={data.proposals} testId="batch-proposals" />
          </Card>
        </Flex>
      )}
    </div>
  );
}
