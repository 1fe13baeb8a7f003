// "Báo cáo tiến độ": the reports of the lead agency and the contributions of the coordinating ones,
// newest first, each with its evidence and its approval; the agency head approves or returns.
import { CheckOutlined, PaperClipOutlined, RollbackOutlined } from '@ant-design/icons';
import type { ProgressUpdateView, TaskDetail } from '@features/tasks/schema';
import { App, Button, Flex, Popconfirm, Tag, Typography, theme } from 'antd';
import { useState } from 'react';
import { formatDate, formatDateTime } from '../../../app/format';
import { formatFileSize } from '../evidence';
import { useReviewProgress } from '../hooks/use-task-mutations';
import { isConflict, taskMessage } from '../messages';
import { NoteModal } from './note-modal';
import { ProgressForm, type ProgressKind } from './progress-form';
import { TaskSection } from './task-section';

const STATUS: Record<ProgressUpdateView['status'], { label: string; color: string }> = {
  pending: { label: 'Chờ lãnh đạo duyệt', color: 'gold' },
  approved: { label: 'Đã duyệt', color: 'green' },
  returned: { label: 'Trả lại', color: 'red' },
  withdrawn: { label: 'Đã rút (giao đơn vị khác)', color: 'default' },
};

function byNewest(a: ProgressUpdateView, b: ProgressUpdateView) {
  return b.reportedOn.localeCompare(a.reportedOn) || b.createdAt.localeCompare(a.createdAt);
}

/** A report its author's own standing approved when it was sent (a head's report, a contribution). */
function approvedAtOnce(u: ProgressUpdateView): boolean {
  return u.status === 'approved' && u.reviewedBy?.id === u.createdBy.id && !u.reviewNote;
}

function ReviewActions({ taskId, update }: { taskId: string; update: ProgressUpdateView }) {
  const { message } = App.useApp();
  const review = useReviewProgress(taskId);
  const [returning, setReturning] = useState(false);
  const approve = () =>
    review.mutate(
      { updateId: update.id, decision: 'approve' },
      {
        onSuccess: () => void message.success('Đã duyệt báo cáo.'),
        onError: (error) => {
          if (!isConflict(error)) void message.error(taskMessage(error));
        },
      },
    );
  return (
    <Flex gap={8}>
      <Popconfirm
        title="Duyệt báo cáo này?"
        description="Tiến độ báo cáo sẽ được tính cho nhiệm vụ."
        okText="Duyệt"
        cancelText="Hủy"
        onConfirm={approve}
      >
        <Button
          type="primary"
          size="small"
          icon={<CheckOutlined />}
          loading={review.isPending && !returning}
          data-testid="progress-approve"
        >
          Duyệt
        </Button>
      </Popconfirm>
      <Button
        size="small"
        danger
        icon={<RollbackOutlined />}
        onClick={() => {
          review.reset();
          setReturning(true);
        }}
        data-testid="progress-return"
      >
        Trả lại
      </Button>
      <NoteModal
        open={returning}
        title="Trả lại báo cáo"
        label="Lý do trả lại"
        okText="Trả lại"
        danger
        required
        pending={review.isPending}
        error={review.error}
        testId="progress-return-form"
        onClose={() => setReturning(false)}
        onSubmit={(note) =>
          review.mutate(
            { updateId: update.id, decision: 'return', note },
            {
              onSuccess: () => {
                setReturning(false);
                void message.success('Đã trả lại báo cáo.');
              },
            },
          )
        }
      />
    </Flex>
  );
}

function ProgressItem({ taskId, update }: { taskId: string; update: ProgressUpdateView }) {
  const { token } = theme.useToken();
  const status = STATUS[update.status];
  return (
    <div
      data-testid="progress-item"
      data-status={update.status}
      style={{
        border: `1px solid ${token.colorBorderSecondary}`,
        borderLeft: `3px solid ${update.kind === 'contribution' ? token.colorInfo : token.colorPrimary}`,
        borderRadius: token.borderRadiusLG,
        padding: '10px 14px',
      }}
    >
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <Flex vertical gap={2} style={{ minWidth: 0, flex: '1 1 300px' }}>
          <Flex gap={8} wrap align="center">
            <Typography.Text strong>{formatDate(update.reportedOn)}</Typography.Text>
            <Typography.Text>{update.agency.name}</Typography.Text>
            {update.kind === 'contribution' && <Tag color="blue">Ý kiến phối hợp</Tag>}
            <Tag color={status.color} data-testid="progress-status">
              {status.label}
            </Tag>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {`${update.createdBy.displayName} gửi lúc ${formatDateTime(update.createdAt)}`}
          </Typography.Text>
        </Flex>
        {update.percent !== null && (
          <Typography.Text strong style={{ fontSize: 20 }} data-testid="progress-percent-value">
            {`${update.percent}%`}
          </Typography.Text>
        )}
      </Flex>
      <Typography.Paragraph style={{ whiteSpace: 'pre-line', margin: '8px 0 4px' }}>
        {update.narrative}
      </Typography.Paragraph>
      {update.evidence.length > 0 && (
        <Flex gap={4} vertical style={{ marginBottom: 4 }}>
          {update.evidence.map((f) => (
            <span key={f.id}>
              <PaperClipOutlined style={{ color: token.colorTextSecondary, marginRight: 6 }} />
              <a href={f.url} download={f.fileName} data-testid="evidence-link">
                {f.fileName}
              </a>
              <Typography.Text type="secondary">{` (${formatFileSize(f.size)})`}</Typography.Text>
            </span>
          ))}
        </Flex>
      )}
      {update.status === 'withdrawn' && update.reviewNote && (
        <Typography.Text
          type="secondary"
          style={{ display: 'block', fontSize: 13 }}
          data-testid="progress-withdrawn"
        >
          {update.reviewNote}
        </Typography.Text>
      )}
      {update.reviewedBy && !approvedAtOnce(update) && (
        <Typography.Text
          type={update.status === 'returned' ? 'danger' : 'secondary'}
          style={{ display: 'block', fontSize: 13 }}
          data-testid="progress-review"
        >
          {`${update.status === 'returned' ? 'Trả lại' : 'Duyệt'}: ${update.reviewedBy.displayName}, ${formatDateTime(update.reviewedAt)}`}
          {update.reviewNote && ` – ${update.reviewNote}`}
        </Typography.Text>
      )}
      {update.abilities.review && (
        <div style={{ marginTop: 8 }}>
          <ReviewActions taskId={taskId} update={update} />
        </div>
      )}
    </div>
  );
}

export function ProgressSection({ task }: { task: TaskDetail }) {
  const [open, setOpen] = useState<ProgressKind | null>(null);
  const updates = [...task.progress].sort(byNewest);
  const actions = (
    <Flex gap={8} wrap>
      {task.abilities.reportProgress && (
        <Button type="primary" onClick={() => setOpen('progress')} data-testid="progress-open">
          Cập nhật tiến độ
        </Button>
      )}
      {task.abilities.contribute && (
        <Button type="primary" onClick={() => setOpen('contribution')} data-testid="progress-open">
          Gửi ý kiến phối hợp
        </Button>
      )}
    </Flex>
  );
  return (
    <TaskSection title="Báo cáo tiến độ" testId="progress-section" extra={actions}>
      {updates.length === 0 ? (
        <Typography.Text type="secondary">Chưa có báo cáo tiến độ.</Typography.Text>
      ) : (
        <Flex vertical gap={10}>
          {updates.map((u) => (
            <ProgressItem key={u.id} taskId={task.id} update={u} />
          ))}
        </Flex>
      )}
      {open && <ProgressForm task={task} kind={open} open onClose={() => setOpen(null)} />}
    </TaskSection>
  );
}
