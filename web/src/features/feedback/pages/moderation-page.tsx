// /gop-y: the consolidator's (and administrator's) queue of public feedback. Publishing needs an
// answer, shown under the feedback on the public page; rejecting needs a note (internal). The
// sender's contact is shown here only, for a private reply.
import type { FeedbackStatus, ModeratedFeedback } from '@features/feedback/schema';
import { Alert, Button, Card, Empty, Flex, Input, List, Segmented, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../../app/format';
import { PageLoading, QueryError } from '../../../app/query-state';
import { moderationErrorMessage, useFeedbackQueue, useModerate } from '../hooks/use-feedback';

const STATUS_LABELS: Record<FeedbackStatus, string> = {
  pending: 'Chờ xử lý',
  published: 'Đã đăng',
  rejected: 'Không đăng',
};
const PAGE_SIZE = 20;

function Decision({ f }: { f: ModeratedFeedback }) {
  const [text, setText] = useState('');
  const moderate = useModerate();
  return (
    <Flex vertical gap={8} style={{ marginTop: 8 }}>
      <Input.TextArea
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="Nội dung trả lời (đăng kèm góp ý), hoặc lý do không đăng (nội bộ)"
        aria-label="Trả lời hoặc lý do"
        data-testid="moderation-text"
      />
      {moderate.isError && (
        <Alert type="error" showIcon title={moderationErrorMessage(moderate.error)} />
      )}
      <Flex gap={8} wrap>
        <Button
          type="primary"
          disabled={text.trim().length < 2}
          loading={moderate.isPending}
          onClick={() => moderate.mutate({ id: f.id, answer: text.trim() })}
          data-testid="moderation-publish"
        >
          Đăng kèm trả lời
        </Button>
        <Button
          danger
          disabled={text.trim().length < 2}
          loading={moderate.isPending}
          onClick={() => moderate.mutate({ id: f.id, note: text.trim() })}
          data-testid="moderation-reject"
        >
          Không đăng
        </Button>
      </Flex>
    </Flex>
  );
}

export function ModerationPage() {
  const [status, setStatus] = useState<FeedbackStatus>('pending');
  const [page, setPage] = useState(1);
  const queue = useFeedbackQueue(status, page, PAGE_SIZE);
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        Góp ý của người dân, tổ chức
      </Typography.Title>
      <Segmented
        value={status}
        onChange={(v) => {
          setStatus(v as FeedbackStatus);
          setPage(1);
        }}
        options={(Object.keys(STATUS_LABELS) as FeedbackStatus[]).map((s) => ({
          value: s,
          label: STATUS_LABELS[s],
        }))}
      />
      {queue.isPending ? (
        <PageLoading />
      ) : queue.isError ? (
        <QueryError error={queue.error} onRetry={() => void queue.refetch()} />
      ) : queue.data.items.length === 0 ? (
        <Empty description="Không có góp ý nào." />
      ) : (
        <List
          data-testid="moderation-list"
          dataSource={queue.data.items}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: queue.data.total,
            onChange: setPage,
            hideOnSinglePage: true,
          }}
          renderItem={(f) => (
            <List.Item key={f.id}>
              <Card size="small" style={{ width: '100%' }} data-testid="moderation-item">
                <Flex justify="space-between" gap={8} wrap>
                  <Typography.Text strong>
                    {f.senderName}
                    {f.senderOrganisation ? ` (${f.senderOrganisation})` : ''}
                  </Typography.Text>
                  <Typography.Text type="secondary">{formatDateTime(f.createdAt)}</Typography.Text>
                </Flex>
                <Typography.Text type="secondary">
                  {f.item.kind === 'target' ? 'Chỉ tiêu' : 'Dự án'}:{' '}
                  <Link to={`/${f.item.kind === 'target' ? 'chi-tieu' : 'du-an'}/${f.item.id}`}>
                    {f.item.name}
                  </Link>
                  {f.item.plan.number ? ` – Kế hoạch ${f.item.plan.number}` : ''}
                </Typography.Text>
                {f.senderContact && (
                  <div>
                    <Tag>Liên hệ (không công khai): {f.senderContact}</Tag>
                  </div>
                )}
                <Typography.Paragraph style={{ marginTop: 8, whiteSpace: 'pre-wrap' }}>
                  {f.body}
                </Typography.Paragraph>
                {f.status === 'pending' ? (
                  <Decision f={f} />
                ) : (
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                    {f.status === 'published'
                      ? `Trả lời: ${f.answer ?? ''}`
                      : `Lý do: ${f.moderationNote ?? ''}`}
                    {f.moderatedBy ? ` — ${f.moderatedBy}, ${formatDateTime(f.moderatedAt)}` : ''}
                  </Typography.Paragraph>
                )}
              </Card>
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}
