// "Báo cáo hằng tháng": the owner agency's monthly updates, newest first, each with its figures,
// milestones, evidence and approval; the agency head approves or returns one; the reporter sends
// a new one ("Cập nhật tháng").
import { CheckOutlined, PaperClipOutlined, RollbackOutlined } from '@ant-design/icons';
import type { ProjectDetail, ProjectUpdateView } from '@features/projects/schema';
import {
  Alert,
  App,
  Button,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Tag,
  Typography,
  theme,
} from 'antd';
import { useState } from 'react';
import { formatDate, formatDateTime, formatDecimal } from '../../../app/format';
import { formatFileSize } from '../../tasks/evidence';
import { formatBillion } from '../figures';
import { useReviewUpdate } from '../hooks/use-project-mutations';
import { CLEARANCE_UNIT_LABELS, MILESTONE_KIND_LABELS, UPDATE_STATUS_LABELS } from '../labels';
import { projectMessage } from '../messages';
import { ProjectSection } from './project-section';
import { UpdateForm } from './update-form';

function ReturnModal({
  open,
  pending,
  error,
  onSubmit,
  onClose,
}: {
  open: boolean;
  pending: boolean;
  error: unknown;
  onSubmit: (note: string) => void;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ note: string }>();
  return (
    <Modal
      open={open}
      title="Trả lại báo cáo tháng"
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          Hủy
        </Button>,
        <Button
          key="ok"
          type="primary"
          danger
          loading={pending}
          onClick={() => form.submit()}
          data-testid="project-return-ok"
        >
          Trả lại
        </Button>,
      ]}
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="project-return-form"
        onFinish={(v) => onSubmit(v.note.trim())}
      >
        <Form.Item
          name="note"
          label="Lý do trả lại"
          rules={[{ required: true, whitespace: true, message: 'Cần nhập lý do trả lại' }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount autoFocus />
        </Form.Item>
        {error != null && <Alert type="error" showIcon title={projectMessage(error)} />}
      </Form>
    </Modal>
  );
}

function ReviewActions({ projectId, update }: { projectId: string; update: ProjectUpdateView }) {
  const { message } = App.useApp();
  const review = useReviewUpdate(projectId);
  const [returning, setReturning] = useState(false);
  const approve = () =>
    review.mutate(
      { updateId: update.id, decision: 'approve' },
      {
        onSuccess: () => void message.success('Đã duyệt báo cáo tháng.'),
        onError: (error) => void message.error(projectMessage(error)),
      },
    );
  return (
    <Flex gap={8}>
      <Popconfirm
        title="Duyệt báo cáo tháng này?"
        description="Số liệu của báo cáo sẽ được tính cho dự án."
        okText="Duyệt"
        cancelText="Hủy"
        onConfirm={approve}
      >
        <Button
          type="primary"
          size="small"
          icon={<CheckOutlined />}
          loading={review.isPending && !returning}
          data-testid="project-update-approve"
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
        data-testid="project-update-return"
      >
        Trả lại
      </Button>
      <ReturnModal
        open={returning}
        pending={review.isPending}
        error={review.error}
        onClose={() => setReturning(false)}
        onSubmit={(note) =>
          review.mutate(
            { updateId: update.id, decision: 'return', note },
            {
              onSuccess: () => {
                setReturning(false);
                void message.success('Đã trả lại báo cáo tháng.');
              },
            },
          )
        }
      />
    </Flex>
  );
}

function Figures({ project, update }: { project: ProjectDetail; update: ProjectUpdateView }) {
  const unit = project.clearance.unit ? ` ${CLEARANCE_UNIT_LABELS[project.clearance.unit]}` : '';
  const parts = [
    update.disbursed !== null && `Giải ngân trong tháng: ${formatBillion(update.disbursed)}`,
    update.clearanceDone !== null &&
      `GPMB đã bàn giao: ${formatDecimal(update.clearanceDone, 3)}${unit}`,
    update.constructionPercent !== null && `Thi công: ${update.constructionPercent}%`,
  ].filter((p): p is string => Boolean(p));
  return (
    <Flex vertical gap={2} style={{ marginTop: 6 }}>
      {parts.length > 0 && (
        <Typography.Text data-testid="project-update-figures">{parts.join(' · ')}</Typography.Text>
      )}
      {update.milestones.map((m) => (
        <Typography.Text key={m.kind} data-testid="project-update-milestone">
          {`Đạt mốc ${MILESTONE_KIND_LABELS[m.kind]}: ngày ${formatDate(m.actualOn)}`}
        </Typography.Text>
      ))}
    </Flex>
  );
}

function UpdateItem({ project, update }: { project: ProjectDetail; update: ProjectUpdateView }) {
  const { token } = theme.useToken();
  const status = UPDATE_STATUS_LABELS[update.status];
  return (
    <div
      data-testid="project-update"
      data-status={update.status}
      style={{
        border: `1px solid ${token.colorBorderSecondary}`,
        borderLeft: `3px solid ${update.status === 'returned' ? token.colorError : token.colorPrimary}`,
        borderRadius: token.borderRadiusLG,
        padding: '10px 14px',
      }}
    >
      <Flex vertical gap={2}>
        <Flex gap={8} wrap align="center">
          <Typography.Text strong>{`Tháng ${update.month}/${update.year}`}</Typography.Text>
          <Typography.Text>{update.agency.name}</Typography.Text>
          <Tag color={status.color} data-testid="project-update-status">
            {status.label}
          </Tag>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {`${update.createdBy.name} gửi lúc ${formatDateTime(update.createdAt)}`}
        </Typography.Text>
      </Flex>
      <Figures project={project} update={update} />
      <Typography.Paragraph style={{ whiteSpace: 'pre-line', margin: '8px 0 4px' }}>
        {update.narrative}
      </Typography.Paragraph>
      {update.evidence.length > 0 && (
        <Flex gap={4} vertical style={{ marginBottom: 4 }}>
          {update.evidence.map((f) => (
            <span key={f.id}>
              <PaperClipOutlined style={{ color: token.colorTextSecondary, marginRight: 6 }} />
              <a href={f.url} download={f.fileName} data-testid="project-evidence-link">
                {f.fileName}
              </a>
              <Typography.Text type="secondary">{` (${formatFileSize(f.size)})`}</Typography.Text>
            </span>
          ))}
        </Flex>
      )}
      {update.status === 'withdrawn' && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
          {update.reviewNote}
        </Typography.Text>
      )}
      {update.reviewedBy && (
        <Typography.Text
          type={update.status === 'returned' ? 'danger' : 'secondary'}
          style={{ display: 'block', fontSize: 13 }}
          data-testid="project-update-review"
        >
          {`${update.status === 'returned' ? 'Trả lại' : 'Duyệt'}: ${update.reviewedBy.name}, ${formatDateTime(update.reviewedAt)}`}
          {update.reviewNote && ` – ${update.reviewNote}`}
        </Typography.Text>
      )}
      {update.abilities.review && (
        <div style={{ marginTop: 8 }}>
          <ReviewActions projectId={project.id} update={update} />
        </div>
      )}
    </div>
  );
}

export function UpdatesSection({ project }: { project: ProjectDetail }) {
  const [open, setOpen] = useState(false);
  return (
    <ProjectSection
      title="Báo cáo hằng tháng"
      testId="project-updates"
      extra={
        project.abilities.report && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="project-update-open">
            Cập nhật tháng
          </Button>
        )
      }
    >
      {project.updates.length === 0 ? (
        <Typography.Text type="secondary">Chưa có báo cáo tháng nào.</Typography.Text>
      ) : (
        <Flex vertical gap={10}>
          {project.updates.map((u) => (
            <UpdateItem key={u.id} project={project} update={u} />
          ))}
        </Flex>
      )}
      {open && <UpdateForm project={project} open onClose={() => setOpen(false)} />}
    </ProjectSection>
  );
}
