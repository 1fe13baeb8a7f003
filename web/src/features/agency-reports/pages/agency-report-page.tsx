// /bao-cao/ky/:periodId/co-quan/:agencyId – an agency's report for a reporting period: the
// pre-filled tables and narratives (editable by the agency's staff while a draft or returned),
// the steps the caller may take (the report's `abilities`), the Excel round trip and every
// version. Exported for the period overview to link to.
import {
  CheckOutlined,
  RollbackOutlined,
  SaveOutlined,
  SendOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import type { AgencyReportView } from '@features/agency-reports/schema';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  Modal,
  Skeleton,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { formatDate, formatDateTime } from '../../../app/format';
import { QueryError } from '../../../app/query-state';
import { useSession } from '../../auth/hooks/use-session';
import { type Draft, draftOf, ReportEditor, StateTag, saveBody } from '../components/report-editor';
import { ReportSpreadsheet } from '../components/report-spreadsheet';
import { ReportVersions } from '../components/report-versions';
import {
  type ReportStep,
  useAgencyReport,
  useReportStep,
  useSaveReport,
} from '../hooks/use-agency-report';
import { reportMessage } from '../messages';

const REASON_TITLES = {
  return: 'Trả lại báo cáo',
  unlock: 'Mở khóa báo cáo đã tiếp nhận',
} as const;

function ReasonModal({
  step,
  pending,
  onCancel,
  onConfirm,
}: {
  step: 'return' | 'unlock' | null;
  pending: boolean;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (step) setReason('');
  }, [step]);
  return (
    <Modal
      open={step !== null}
      title={step ? REASON_TITLES[step] : ''}
      okText={step === 'unlock' ? 'Mở khóa' : 'Trả lại'}
      cancelText="Hủy"
      okButtonProps={{ disabled: reason.trim() === '', loading: pending }}
      onCancel={onCancel}
      onOk={() => onConfirm(reason.trim())}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {step === 'unlock'
          ? 'Báo cáo sẽ được trả về cơ quan để chỉnh sửa và gửi lại; lý do được ghi vào lịch sử.'
          : 'Cơ quan sẽ nhận được lý do, chỉnh sửa và gửi lại báo cáo.'}
      </Typography.Paragraph>
      <Input.TextArea
        aria-label="Lý do"
        data-testid="reason-input"
        autoSize={{ minRows: 3, maxRows: 8 }}
        maxLength={2000}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder="Lý do (bắt buộc)"
      />
    </Modal>
  );
}

function Header({ report }: { report: AgencyReportView }) {
  return (
    <Card size="small">
      <Flex justify="space-between" align="start" wrap gap={8}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            Báo cáo của {report.agency.name}
          </Typography.Title>
          <Typography.Text type="secondary">
            {report.period.label} · {report.period.planName}
          </Typography.Text>
        </div>
        <StateTag state={report.stored ? report.state : null} />
      </Flex>
      <Descriptions
        size="small"
        style={{ marginTop: 12 }}
        column={{ xs: 1, md: 3 }}
        items={[
          {
            key: 'window',
            label: 'Số liệu',
            children: `${formatDate(report.period.windowFrom)} – ${formatDate(report.period.windowTo)}`,
          },
          { key: 'due', label: 'Hạn gửi', children: formatDate(report.period.submissionDueOn) },
          {
            key: 'version',
            label: 'Phiên bản',
            children: report.stored ? report.version : 'Chưa lưu',
          },
          ...(report.submittedAt
            ? [
                {
                  key: 'submitted',
                  label: 'Gửi lúc',
                  children: `${formatDateTime(report.submittedAt)} (${report.submittedBy?.displayName ?? ''})`,
                },
              ]
            : []),
          ...(report.decidedAt
            ? [
                {
                  key: 'decided',
                  label: 'Xử lý lúc',
                  children: `${formatDateTime(report.decidedAt)} (${report.decidedBy?.displayName ?? ''})`,
                },
              ]
            : []),
        ]}
      />
      {report.state === 'returned' && report.returnReason && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          data-testid="report-return-reason"
          title="Báo cáo bị trả lại"
          description={report.returnReason}
        />
      )}
      {report.state === 'accepted' && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 8 }}
          title="Báo cáo đã được tiếp nhận và khóa."
        />
      )}
    </Card>
  );
}

export function AgencyReportPage() {
  const { periodId = '', agencyId = '' } = useParams();
  const query = useAgencyReport(periodId, agencyId);
  const report = query.data;
  const supervisor = useSession().data?.user?.role === 'supervisor';
  const save = useSaveReport(periodId, agencyId);
  const step = useReportStep(periodId, agencyId);
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [asking, setAsking] = useState<'return' | 'unlock' | null>(null);

  // A new version from the server (a save, a step, an upload, someone else) replaces the draft.
  const versionKey = report ? `${report.version}:${report.state}:${report.updatedAt}` : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the version changes.
  useEffect(() => {
    if (report) {
      setDraft(draftOf(report));
      setDirty(false);
    }
  }, [versionKey]);

  const doSave = async (): Promise<number | null> => {
    if (!report || !draft) return null;
    const body = saveBody(report.version, draft);
    if (!body.ok) {
      setProblems(body.problems);
      return null;
    }
    setProblems([]);
    const saved = await save.mutateAsync(body.body);
    message.success('Đã lưu nháp.');
    return saved.version;
  };

  const doStep = async (s: ReportStep, reason?: string) => {
    if (!report) return;
    let version = report.version;
    // The agency's changes not yet saved go with the submission.
    if (s === 'submit' && dirty) {
      const saved = await doSave().catch(() => null);
      if (saved === null) return;
      version = saved;
    }
    await step.mutateAsync({ step: s, version, ...(reason === undefined ? {} : { reason }) });
    setAsking(null);
    message.success(
      {
        submit: 'Đã gửi báo cáo.',
        accept: 'Đã tiếp nhận báo cáo.',
        return: 'Đã trả lại báo cáo.',
        unlock: 'Đã mở khóa báo cáo.',
      }[s],
    );
  };

  const error = save.error ?? step.error;
  const a = report?.abilities;

  return (
    <div data-testid="agency-report-page">
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to="/bao-cao">Báo cáo</Link> },
          { title: report ? report.period.label : '…' },
          { title: report ? report.agency.name : '…' },
        ]}
      />
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {query.isPending && (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      )}
      {report && draft && a && (
        <Flex vertical gap={16}>
          <Header report={report} />
          {!report.stored && a.save && (
            <Alert
              type="info"
              showIcon
              title="Bản điền sẵn từ số liệu hệ thống"
              description="Các bảng dưới đây lấy từ nhiệm vụ, chỉ tiêu và dự án của cơ quan trong kỳ. Kiểm tra, bổ sung rồi bấm Lưu nháp; bản điền sẵn chưa được lưu."
            />
          )}
          <Flex gap={8} wrap data-testid="report-actions">
            {a.save && (
              <Button
                icon={<SaveOutlined />}
                loading={save.isPending}
                onClick={() => void doSave().catch(() => undefined)}
                data-testid="report-save"
              >
                Lưu nháp
              </Button>
            )}
            {a.submit && (
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={step.isPending && step.variables?.step === 'submit'}
                onClick={() => void doStep('submit').catch(() => undefined)}
                data-testid="report-submit"
              >
                Gửi báo cáo
              </Button>
            )}
            {a.accept && (
              <Button
                type="primary"
                icon={<CheckOutlined />}
                loading={step.isPending && step.variables?.step === 'accept'}
                onClick={() => void doStep('accept').catch(() => undefined)}
                data-testid="report-accept"
              >
                Tiếp nhận
              </Button>
            )}
            {a.return && (
              <Button
                danger
                icon={<RollbackOutlined />}
                onClick={() => setAsking('return')}
                data-testid="report-return"
              >
                Trả lại
              </Button>
            )}
            {a.unlock && (
              <Button
                icon={<UnlockOutlined />}
                onClick={() => setAsking('unlock')}
                data-testid="report-unlock"
              >
                Mở khóa
              </Button>
            )}
            {dirty && <Typography.Text type="warning">Có thay đổi chưa lưu.</Typography.Text>}
          </Flex>
          {problems.length > 0 && (
            <Alert type="error" showIcon title="Chưa lưu được" description={problems.join(' · ')} />
          )}
          {error && !step.isPending && !save.isPending && (
            <Alert type="error" showIcon title={reportMessage(error)} data-testid="report-error" />
          )}
          <ReportEditor
            report={report}
            draft={draft}
            editable={a.save}
            onChange={(next) => {
              setDraft(next);
              setDirty(true);
            }}
          />
          {a.save && <ReportSpreadsheet report={report} />}
          {/* The versions' history (returns, reasons) is the staff's; a supervisor reads the accepted report. */}
          {!supervisor && (
            <ReportVersions periodId={periodId} agencyId={agencyId} stored={report.stored} />
          )}
        </Flex>
      )}
      <ReasonModal
        step={asking}
        pending={step.isPending}
        onCancel={() => setAsking(null)}
        onConfirm={(reason) => asking && void doStep(asking, reason).catch(() => undefined)}
      />
    </div>
  );
}
