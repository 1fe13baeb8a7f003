// The report's three tables and three narratives. The reference columns come from the system
// (status, progress and the window's approved reports; the latest approved actual; the window's
// disbursement and milestones); the agency fills the rest when it may save. Amounts are typed
// the Vietnamese way ("12,5"), read exactly and checked before saving.
import {
  type AgencyReportView,
  type ReportSave,
  TASK_STATE_LABELS,
} from '@features/agency-reports/schema';
import { MILESTONE_KIND_LABELS } from '@features/projects/schema';
import { TASK_STATES } from '@features/tasks/schema';
import { Card, Flex, Input, InputNumber, Select, Table, Tag, Typography } from 'antd';
import { formatDate, formatDecimal } from '../../../app/format';
import { amountInput, parseAmount } from '../../projects/figures';

/** What the page edits: the entries per row as typed, and the narratives. */
export type Draft = {
  tasks: Record<
    string,
    { status: ReportSave['tasks'][number]['status']; percent: number | null; note: string }
  >;
  targets: Record<string, { value: string; note: string }>;
  projects: Record<string, { disbursed: string; note: string }>;
  results: string;
  difficulties: string;
  proposals: string;
};

export function draftOf(r: AgencyReportView): Draft {
  return {
    tasks: Object.fromEntries(
      r.content.tasks.map((t) => [
        t.taskId,
        { status: t.status, percent: t.percent, note: t.note },
      ]),
    ),
    targets: Object.fromEntries(
      r.content.targets.map((t) => [
        t.targetId,
        { value: t.value === null ? '' : typedSigned(t.value), note: t.note },
      ]),
    ),
    projects: Object.fromEntries(
      r.content.projects.map((p) => [
        p.projectId,
        { disbursed: p.disbursed === null ? '' : amountInput(p.disbursed), note: p.note },
      ]),
    ),
    results: r.results,
    difficulties: r.difficulties,
    proposals: r.proposals,
  };
}

const typedSigned = (v: string) =>
  v.startsWith('-') ? `-${amountInput(v.slice(1))}` : amountInput(v);

/** A target's figure typed: empty, or a number (negative allowed) of at most 6 decimals. */
function parseFigure(
  text: string,
): { ok: true; value: string | null } | { ok: false; message: string } {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  const negative = t.startsWith('-');
  const parsed = parseAmount(negative ? t.slice(1) : t, 6);
  if (!parsed.ok) return parsed;
  return { ok: true, value: negative && parsed.value !== '0' ? `-${parsed.value}` : parsed.value };
}

/** The save body of a draft, or the problems (by row) that keep it from being saved. */
export function saveBody(
  version: number,
  draft: Draft,
): { ok: true; body: ReportSave } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const targets = Object.entries(draft.targets).map(([targetId, e]) => {
    const parsed = parseFigure(e.value);
    if (!parsed.ok) problems.push(`Chỉ tiêu: ${parsed.message}`);
    return { targetId, value: parsed.ok ? parsed.value : null, note: e.note };
  });
  const projects = Object.entries(draft.projects).map(([projectId, e]) => {
    const text = e.disbursed.trim();
    const parsed = text === '' ? null : parseAmount(text);
    if (parsed && !parsed.ok) problems.push(`Dự án: ${parsed.message}`);
    return { projectId, disbursed: parsed?.ok ? parsed.value : null, note: e.note };
  });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    body: {
      version,
      tasks: Object.entries(draft.tasks).map(([taskId, e]) => ({ taskId, ...e })),
      targets,
      projects,
      results: draft.results,
      difficulties: draft.difficulties,
      proposals: draft.proposals,
    },
  };
}

const stateOptions = TASK_STATES.map((s) => ({ value: s, label: TASK_STATE_LABELS[s] }));

export function ReportEditor({
  report,
  draft,
  editable,
  onChange,
}: {
  report: AgencyReportView;
  draft: Draft;
  editable: boolean;
  onChange: (draft: Draft) => void;
}) {
  const setTask = (id: string, change: Partial<Draft['tasks'][string]>) =>
    onChange({
      ...draft,
      tasks: {
        ...draft.tasks,
        [id]: { ...(draft.tasks[id] as Draft['tasks'][string]), ...change },
      },
    });
  const setTarget = (id: string, change: Partial<Draft['targets'][string]>) =>
    onChange({
      ...draft,
      targets: {
        ...draft.targets,
        [id]: { ...(draft.targets[id] as Draft['targets'][string]), ...change },
      },
    });
  const setProject = (id: string, change: Partial<Draft['projects'][string]>) =>
    onChange({
      ...draft,
      projects: {
        ...draft.projects,
        [id]: { ...(draft.projects[id] as Draft['projects'][string]), ...change },
      },
    });

  return (
    <Flex vertical gap={16}>
      <Card
        title={`Nhiệm vụ chủ trì (${report.content.tasks.length})`}
        size="small"
        data-testid="report-tasks"
      >
        <Table
          size="small"
          rowKey="taskId"
          pagination={false}
          scroll={{ x: 1100 }}
          dataSource={report.content.tasks}
          locale={{ emptyText: 'Cơ quan không chủ trì nhiệm vụ nào của kế hoạch.' }}
          columns={[
            { title: 'STT', dataIndex: 'code', width: 60, render: (c: string | null) => c ?? '' },
            {
              title: 'Nhiệm vụ',
              dataIndex: 'title',
              width: 280,
              render: (title: string, t) => (
                <Flex vertical gap={2}>
                  <Typography.Text>{title}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    Thời hạn: {formatDate(t.dueOn)} · Hệ thống: {TASK_STATE_LABELS[t.systemStatus]},{' '}
                    {t.systemPercent === null ? 'chưa có tiến độ' : `${t.systemPercent}%`}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: 'Cập nhật trong kỳ',
              dataIndex: 'updates',
              width: 220,
              render: (updates: AgencyReportView['content']['tasks'][number]['updates']) =>
                updates.length === 0 ? (
                  <Typography.Text type="secondary">Không có</Typography.Text>
                ) : (
                  <Flex vertical gap={2}>
                    {updates.map((u) => (
                      <Typography.Text
                        key={`${u.reportedOn}-${u.narrative}`}
                        style={{ fontSize: 12 }}
                      >
                        {formatDate(u.reportedOn)}
                        {u.percent === null ? '' : ` (${u.percent}%)`}: {u.narrative}
                      </Typography.Text>
                    ))}
                  </Flex>
                ),
            },
            {
              title: 'Trạng thái báo cáo',
              key: 'status',
              width: 210,
              render: (_, t) =>
                editable ? (
                  <Select
                    aria-label="Trạng thái báo cáo"
                    value={draft.tasks[t.taskId]?.status}
                    options={stateOptions}
                    onChange={(status) => setTask(t.taskId, { status })}
                    style={{ width: '100%' }}
                  />
                ) : (
                  TASK_STATE_LABELS[t.status]
                ),
            },
            {
              title: 'Tỷ lệ (%)',
              key: 'percent',
              width: 100,
              render: (_, t) =>
                editable ? (
                  <InputNumber
                    aria-label="Tỷ lệ hoàn thành"
                    min={0}
                    max={100}
                    precision={0}
                    value={draft.tasks[t.taskId]?.percent ?? null}
                    onChange={(v) => setTask(t.taskId, { percent: v === null ? null : Number(v) })}
                  />
                ) : t.percent === null ? (
                  '—'
                ) : (
                  `${t.percent}%`
                ),
            },
            {
              title: 'Ghi chú',
              key: 'note',
              width: 240,
              render: (_, t) =>
                editable ? (
                  <Input.TextArea
                    aria-label="Ghi chú nhiệm vụ"
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    maxLength={2000}
                    value={draft.tasks[t.taskId]?.note}
                    onChange={(e) => setTask(t.taskId, { note: e.target.value })}
                  />
                ) : (
                  t.note
                ),
            },
          ]}
        />
      </Card>

      <Card
        title={`Chỉ tiêu phụ trách (${report.content.targets.length})`}
        size="small"
        data-testid="report-targets"
      >
        <Table
          size="small"
          rowKey="targetId"
          pagination={false}
          scroll={{ x: 800 }}
          dataSource={report.content.targets}
          locale={{ emptyText: 'Cơ quan không phụ trách chỉ tiêu nào của kế hoạch.' }}
          columns={[
            { title: 'Chỉ tiêu', dataIndex: 'indicator', width: 300 },
            {
              title: 'Đơn vị',
              dataIndex: 'unit',
              width: 90,
              render: (u: string | null) => u ?? '',
            },
            {
              title: 'Số liệu gần nhất',
              key: 'latest',
              width: 150,
              render: (_, t) =>
                t.latestActual
                  ? `${formatDecimal(t.latestActual.value, 6)} (${t.latestActual.period})`
                  : 'Chưa có',
            },
            {
              title: 'Số liệu kỳ này',
              key: 'value',
              width: 150,
              render: (_, t) =>
                editable ? (
                  <Input
                    aria-label="Số liệu kỳ này"
                    inputMode="decimal"
                    placeholder="Ví dụ: 12,5"
                    value={draft.targets[t.targetId]?.value}
                    onChange={(e) => setTarget(t.targetId, { value: e.target.value })}
                  />
                ) : (
                  formatDecimal(t.value, 6)
                ),
            },
            {
              title: 'Ghi chú',
              key: 'note',
              width: 240,
              render: (_, t) =>
                editable ? (
                  <Input.TextArea
                    aria-label="Ghi chú chỉ tiêu"
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    maxLength={2000}
                    value={draft.targets[t.targetId]?.note}
                    onChange={(e) => setTarget(t.targetId, { note: e.target.value })}
                  />
                ) : (
                  t.note
                ),
            },
          ]}
        />
      </Card>

      <Card
        title={`Dự án trọng điểm (${report.content.projects.length})`}
        size="small"
        data-testid="report-projects"
      >
        <Table
          size="small"
          rowKey="projectId"
          pagination={false}
          scroll={{ x: 900 }}
          dataSource={report.content.projects}
          locale={{ emptyText: 'Cơ quan không làm chủ đầu tư dự án trọng điểm nào của kế hoạch.' }}
          columns={[
            { title: 'Dự án', dataIndex: 'name', width: 260 },
            {
              title: 'Giải ngân trong kỳ (hệ thống)',
              dataIndex: 'disbursedInWindow',
              width: 140,
              render: (v: string) => `${formatDecimal(v, 3)} tỷ đồng`,
            },
            {
              title: 'Mốc tiến độ',
              dataIndex: 'milestones',
              width: 200,
              render: (ms: AgencyReportView['content']['projects'][number]['milestones']) =>
                ms.length === 0 ? (
                  <Typography.Text type="secondary">Chưa có</Typography.Text>
                ) : (
                  <Flex vertical gap={2}>
                    {ms.map((m) => (
                      <Typography.Text key={m.kind} style={{ fontSize: 12 }}>
                        {MILESTONE_KIND_LABELS[m.kind]}: {formatDate(m.plannedOn)}
                        {m.actualOn ? ` (đạt ${formatDate(m.actualOn)})` : ''}
                      </Typography.Text>
                    ))}
                  </Flex>
                ),
            },
            {
              title: 'Giải ngân báo cáo (tỷ đồng)',
              key: 'disbursed',
              width: 150,
              render: (_, p) =>
                editable ? (
                  <Input
                    aria-label="Giải ngân trong kỳ"
                    inputMode="decimal"
                    suffix="tỷ"
                    value={draft.projects[p.projectId]?.disbursed}
                    onChange={(e) => setProject(p.projectId, { disbursed: e.target.value })}
                  />
                ) : (
                  formatDecimal(p.disbursed, 3)
                ),
            },
            {
              title: 'Ghi chú',
              key: 'note',
              width: 240,
              render: (_, p) =>
                editable ? (
                  <Input.TextArea
                    aria-label="Ghi chú dự án"
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    maxLength={2000}
                    value={draft.projects[p.projectId]?.note}
                    onChange={(e) => setProject(p.projectId, { note: e.target.value })}
                  />
                ) : (
                  p.note
                ),
            },
          ]}
        />
      </Card>

      <Card title="Thuyết minh" size="small" data-testid="report-narratives">
        <Flex vertical gap={12}>
          {(
            [
              ['results', 'Kết quả thực hiện'],
              ['difficulties', 'Khó khăn, vướng mắc'],
              ['proposals', 'Đề xuất, kiến nghị'],
            ] as const
          ).map(([key, label]) => (
            <div key={key}>
              <Typography.Text strong>{label}</Typography.Text>
              {editable ? (
                <Input.TextArea
                  aria-label={label}
                  data-testid={`report-${key}`}
                  autoSize={{ minRows: 3, maxRows: 12 }}
                  maxLength={20000}
                  value={draft[key]}
                  onChange={(e) => onChange({ ...draft, [key]: e.target.value })}
                  style={{ marginTop: 4 }}
                />
              ) : (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>
                  {draft[key] || <Typography.Text type="secondary">(chưa viết)</Typography.Text>}
                </Typography.Paragraph>
              )}
            </div>
          ))}
        </Flex>
      </Card>
    </Flex>
  );
}

export function StateTag({ state }: { state: AgencyReportView['state'] | null }) {
  const colors = {
    draft: 'default',
    submitted: 'blue',
    accepted: 'green',
    returned: 'orange',
  } as const;
  const labels = {
    draft: 'Đang soạn',
    submitted: 'Đã gửi',
    accepted: 'Đã tiếp nhận',
    returned: 'Bị trả lại',
  } as const;
  if (state === null) return <Tag>Chưa lập</Tag>;
  return <Tag color={colors[state]}>{labels[state]}</Tag>;
}
