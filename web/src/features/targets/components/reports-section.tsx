// "Báo cáo số liệu": every report of an actual, newest first, whatever its state – the period, the
// figure, who sent it and when, the note, the evidence, and the head's decision; an approved
// report later corrected by another of the same period stays, marked as corrected. The agency head
// approves or returns a report waiting for them.
import { CheckOutlined, PaperClipOutlined, RollbackOutlined } from '@ant-design/icons';
import type { ActualReport, TargetDetail } from '@features/targets/schema';
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
import { formatDateTime } from '../../../app/format';
import { formatFileSize } from '../../tasks/evidence';
import { actualText } from '../figures';
import { useReviewActual } from '../hooks/use-target-mutations';
import { REPORT_STATUS_LABELS } from '../labels';
import { targetMessage } from '../messages';
import { capitalised } from '../periods';
import { TargetSection } from './target-section';

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
      title="Trả lại báo cáo số liệu"
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
          data-testid="actual-return-ok"
        >
          Trả lại
        </Button>,
      ]}
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="actual-return-form"
        onFinish={(v) => onSubmit(v.note.trim())}
      >
        <Form.Item
          name="note"
          label="Lý do trả lại"
          rules={[{ required: true, whitespace: true, message: 'Cần nhập lý do trả lại' }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount autoFocus />
        </Form.Item>
        {error != null && <Alert type="error" showIcon title={targetMessage(error)} />}
      </Form>
    </Modal>
  );
}

function ApproveButton({
  pending,
  error,
  onApprove,
}: {
  pending: boolean;
  error: unknown;
  onApprove: (note: string | undefined) => void;
}) {
  const [note, setNote] = useState('');
  return (
    <Popconfirm
      title="Duyệt báo cáo số liệu này?"
      description={
        <Flex vertical gap={6} style={{ width: 300 }}>
          <Typography.Text>Số liệu sẽ được tính cho chỉ tiêu và dự báo.</Typography.Text>
          <Input.TextArea
            rows={2}
            maxLength={2000}
            placeholder="Ý kiến khi duyệt (không bắt buộc)"
            aria-label="Ý kiến khi duyệt"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            data-testid="actual-approve-note"
          />
          {error != null && <Typography.Text type="danger">{targetMessage(error)}</Typography.Text>}
        </Flex>
      }
      okText="Duyệt"
      cancelText="Hủy"
      onConfirm={() => onApprove(note.trim() || undefined)}
    >
      <Button
        type="primary"
        size="small"
        icon={<CheckOutlined />}
        loading={pending}
        data-testid="actual-approve"
      >
        Duyệt
      </Button>
    </Popconfirm>
  );
}

function ReviewActions({ targetId, report }: { targetId: string; report: ActualReport }) {
  const { message } = App.useApp();
  const review = useReviewActual(targetId);
  const [returning, setReturning] = useState(false);
  return (
    <Flex gap={8}>
      <ApproveButton
        pending={review.isPending && !returning}
        error={returning ? null : review.error}
        onApprove={(note) =>
          review.mutate(
            { actualId: report.id, decision: 'approve', ...(note ? { note } : {}) },
            {
              onSuccess: () => void message.success('Đã duyệt báo cáo số liệu.'),
              onError: (error) => void message.error(targetMessage(error)),
            },
          )
        }
      />
      <Button
        size="small"
        danger
        icon={<RollbackOutlined />}
        onClick={() => {
          review.reset();
          setReturning(true);
        }}
        data-testid="actual-return"
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
            { actualId: report.id, decision: 'return', note },
            {
              onSuccess: () => {
                setReturning(false);
                void message.success('Đã trả lại báo cáo số liệu.');
              },
            },
          )
        }
      />
    </Flex>
  );
}

/** A head's own report, approved when it was sent. */
function approvedAtOnce(r: ActualReport): boolean {
  return (
    r.status === 'approved' &&
    r.reviewedBy !== null &&
    r.reviewedBy === r.reportedBy &&
    !r.reviewNote &&
    r.reviewedAt !== null &&
    Math.abs(Date.parse(r.reviewedAt) - Date.parse(r.reportedAt)) < 60_000
  );
}

/** Ids of approved reports replaced by a later approved report of the same period. */
function correctedIds(reports: readonly ActualReport[]): Set<string> {
  const latest = new Map<string, ActualReport>();
  for (const r of reports) {
    if (r.status !== 'approved') continue;
    const seen = latest.get(r.period);
    if (!seen || (r.reviewedAt ?? '') > (seen.reviewedAt ?? '')) latest.set(r.period, r);
  }
  return new Set(
    reports
      .filter((r) => r.status === 'approved' && latest.get(r.period)?.id !== r.id)
      .map((r) => r.id),
  );
}

function ReportItem({
  target,
  report,
  corrected,
}: {
  target: TargetDetail;
  report: ActualReport;
  corrected: boolean;
}) {
  const { token } = theme.useToken();
  const status = REPORT_STATUS_LABELS[report.status];
  return (
    <div
      data-testid="actual-report"
      data-status={report.status}
      style={{
        border: `1px solid ${token.colorBorderSecondary}`,
        borderLeft: `3px solid ${report.status === 'returned' ? token.colorError : report.status === 'pending' ? token.colorWarning : token.colorSuccess}`,
        borderRadius: token.borderRadiusLG,
        padding: '10px 14px',
      }}
    >
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <Flex vertical gap={2} style={{ minWidth: 0, flex: '1 1 300px' }}>
          <Flex gap={8} wrap align="center">
            <Typography.Text strong>{capitalised(report.periodLabel)}</Typography.Text>
            {report.agency && <Typography.Text>{report.agency.name}</Typography.Text>}
            <Tag color={status.color} data-testid="actual-report-status">
              {status.label}
            </Tag>
            {corrected && <Tag>Đã được đính chính bằng báo cáo sau</Tag>}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {`${report.reportedBy ?? 'Không rõ người gửi'} gửi lúc ${formatDateTime(report.reportedAt)}`}
          </Typography.Text>
        </Flex>
        <Typography.Text strong style={{ fontSize: 18 }} data-testid="actual-report-value">
          {actualText(target, report)}
        </Typography.Text>
      </Flex>
      {report.note && (
        <Typography.Paragraph style={{ whiteSpace: 'pre-line', margin: '8px 0 4px' }}>
          {report.note}
        </Typography.Paragraph>
      )}
      {report.evidence.length > 0 && (
        <Flex gap={4} vertical style={{ marginBottom: 4 }}>
          {report.evidence.map((f) => (
            <span key={f.id}>
              <PaperClipOutlined style={{ color: token.colorTextSecondary, marginRight: 6 }} />
              <a href={f.url} download={f.fileName} data-testid="actual-evidence-link">
                {f.fileName}
              </a>
              <Typography.Text type="secondary">{` (${formatFileSize(f.size)})`}</Typography.Text>
            </span>
          ))}
        </Flex>
      )}
      {report.status === 'withdrawn' && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
          {report.reviewNote}
        </Typography.Text>
      )}
      {report.reviewedAt &&
        report.status !== 'withdrawn' &&
        (approvedAtOnce(report) ? (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
            Báo cáo của lãnh đạo đơn vị: được tính ngay.
          </Typography.Text>
        ) : (
          <Typography.Text
            type={report.status === 'returned' ? 'danger' : 'secondary'}
            style={{ display: 'block', fontSize: 13 }}
            data-testid="actual-report-review"
          >
            {`${report.status === 'returned' ? 'Trả lại' : 'Duyệt'}: ${report.reviewedBy ?? 'lãnh đạo đơn vị'}, ${formatDateTime(report.reviewedAt)}`}
            {report.reviewNote && ` – ${report.reviewNote}`}
          </Typography.Text>
        ))}
      {report.abilities.review && (
        <div style={{ marginTop: 8 }}>
          <ReviewActions targetId={target.id} report={report} />
        </div>
      )}
    </div>
  );
}

export function ReportsSection({ target }: { target: TargetDetail }) {
  const corrected = correctedIds(target.reports);
  const waiting = target.reports.filter((r) => r.status === 'pending').length;
  return (
    <TargetSection
      title={
        <Flex gap={8} align="center" wrap>
          <span>Báo cáo số liệu</span>
          {waiting > 0 && <Tag color="gold">{`${waiting} chờ duyệt`}</Tag>}
        </Flex>
      }
      testId="target-reports"
    >
      {target.reports.length === 0 ? (
        <Typography.Text type="secondary">
          {target.responsibleAgency
            ? `Chưa có báo cáo số liệu nào. ${target.responsibleAgency.name} báo cáo số liệu thực hiện, lãnh đạo đơn vị duyệt.`
            : 'Chưa có báo cáo số liệu nào. Chỉ tiêu chưa có cơ quan chủ trì để báo cáo.'}
        </Typography.Text>
      ) : (
        <Flex vertical gap={10}>
          {target.reports.map((r) => (
            <ReportItem key={r.id} target={target} report={r} corrected={corrected.has(r.id)} />
          ))}
        </Flex>
      )}
    </TargetSection>
  );
}
