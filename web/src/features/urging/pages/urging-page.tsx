// Đôn đốc (/don-doc): which agencies have overdue or due-soon tasks (counts from the server, the
// tasks behind each in server-paged lists), the tasks nobody leads yet, and the urging letter
// (.docx) for the agencies ticked, or for every agency with overdue tasks. The due-soon window and
// the plan are kept in the address (?ngay=30&ke-hoach=…).
import { DownloadOutlined } from '@ant-design/icons';
import type { Urging } from '@features/tasks/schema';
import {
  App,
  Button,
  Card,
  Col,
  Flex,
  Row,
  Segmented,
  Select,
  Skeleton,
  Statistic,
  Typography,
  theme,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../../app/api';
import { formatDate } from '../../../app/format';
import { QueryError } from '../../../app/query-state';
import { TaskList } from '../../my-work/components/task-list';
import { usePlans } from '../../plans/hooks/use-plans';
import { EscalationsPanel } from '../../reminders/components/escalations-panel';
import { useEscalations } from '../../reminders/hooks/use-reminders';
import { useTaskPage } from '../../tasks/hooks/use-tasks';
import { UrgingTable } from '../components/urging-table';
import { useUrging } from '../hooks/use-urging';
import { downloadUrgingLetter } from '../letter';

const WINDOWS = [7, 15, 30, 60] as const;
const DEFAULT_WINDOW = 30;

function readWindow(raw: string | null): number {
  const n = Number(raw);
  return (WINDOWS as readonly number[]).includes(n) ? n : DEFAULT_WINDOW;
}

function PlanFilter({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (id: string | undefined) => void;
}) {
  const plans = usePlans(1, 100);
  return (
    <Select<string>
      allowClear
      placeholder="Tất cả kế hoạch"
      style={{ minWidth: 220 }}
      value={value}
      onChange={(id) => onChange(id || undefined)}
      loading={plans.isFetching}
      data-testid="urging-plan"
      options={(plans.data?.items ?? []).map((p) => ({
        value: p.id,
        label: p.document.number ?? p.document.title ?? 'Kế hoạch chưa có số',
      }))}
    />
  );
}

function Totals({ urging, unassigned }: { urging: Urging; unassigned: number | undefined }) {
  const { token } = theme.useToken();
  const cards = [
    {
      key: 'overdue',
      title: 'Nhiệm vụ quá hạn',
      value: urging.totals.overdue,
      color: urging.totals.overdue > 0 ? token.colorError : undefined,
    },
    {
      key: 'due-soon',
      title: `Sắp đến hạn (trong ${urging.dueSoonDays} ngày)`,
      value: urging.totals.dueSoon,
      color: urging.totals.dueSoon > 0 ? token.colorWarning : undefined,
    },
    { key: 'agencies', title: 'Cơ quan có nhiệm vụ quá hạn', value: urging.totals.agenciesOverdue },
    { key: 'unassigned', title: 'Chưa có cơ quan chủ trì', value: unassigned ?? '–' },
  ];
  return (
    <Row gutter={[12, 12]} data-testid="urging-totals">
      {cards.map((c) => (
        <Col key={c.key} xs={12} lg={6}>
          <Card size="small" style={{ height: '100%' }} data-testid={`urging-total-${c.key}`}>
            <Statistic
              title={c.title}
              value={c.value}
              styles={{ content: c.color ? { color: c.color } : undefined }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

export function UrgingPage() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const dueSoonDays = readWindow(params.get('ngay'));
  const planId = params.get('ke-hoach') || undefined;
  const urging = useUrging({ dueSoonDays, planId });
  const [picked, setPicked] = useState<string[]>([]);
  const [downloading, setDownloading] = useState(false);

  // Open tasks nobody leads: counted by the first page of their list.
  const unassignedFilter = { unassigned: true, open: true, planId, sort: 'due' as const };
  const unassigned = useTaskPage(unassignedFilter, 1, 1);
  // The server orders agencies: most overdue first, then most due soon, then by name.
  const rows = urging.data?.agencies ?? [];
  // Only agencies still listed with overdue tasks count as picked (the window or plan may change).
  const selected = picked.filter((id) => rows.some((r) => r.agency.id === id && r.overdue > 0));
  const data = urging.data;
  const canWrite = data?.abilities.letter ?? false;
  // Agencies escalated for a missing period report are urged in the same letter.
  const escalations = useEscalations();
  const noOverdue =
    (data?.totals.overdue ?? 0) === 0 && (escalations.data?.items.length ?? 0) === 0;

  const setParam = (name: string, value: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  const download = async () => {
    if (!data) return;
    setDownloading(true);
    try {
      await downloadUrgingLetter(selected, planId, `cong-van-don-doc-${data.asOf}.docx`);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <div data-testid="urging-page">
      <Flex vertical gap={2} style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Đôn đốc thực hiện nhiệm vụ
        </Typography.Title>
        <Typography.Text type="secondary">
          {data
            ? `Nhiệm vụ quá hạn và sắp đến hạn theo cơ quan chủ trì, số liệu đến ngày ${formatDate(data.asOf)}`
            : 'Nhiệm vụ quá hạn và sắp đến hạn theo cơ quan chủ trì'}
        </Typography.Text>
      </Flex>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <PlanFilter value={planId} onChange={(id) => setParam('ke-hoach', id)} />
        <Flex align="center" gap={8} wrap>
          <Typography.Text>Sắp đến hạn trong:</Typography.Text>
          <Segmented<number>
            value={dueSoonDays}
            onChange={(n) => setParam('ngay', n === DEFAULT_WINDOW ? undefined : String(n))}
            options={WINDOWS.map((n) => ({ value: n, label: `${n} ngày` }))}
            data-testid="urging-window"
          />
        </Flex>
      </Flex>
      {urging.isError && <QueryError error={urging.error} onRetry={() => void urging.refetch()} />}
      {urging.isPending && (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      )}
      {data && (
        <Flex vertical gap={16}>
          <Totals urging={data} unassigned={unassigned.data?.total} />
          <EscalationsPanel />
          <Card
            title="Theo cơ quan chủ trì"
            extra={
              canWrite && (
                <Button
                  type="primary"
                  icon={<DownloadOutlined />}
                  disabled={noOverdue}
                  loading={downloading}
                  onClick={() => void download()}
                  data-testid="urging-letter"
                >
                  Tải công văn đôn đốc (.docx)
                </Button>
              )
            }
          >
            {canWrite && !noOverdue && (
              <Typography.Paragraph type="secondary" data-testid="urging-letter-scope">
                {selected.length > 0
                  ? `Công văn gửi ${selected.length} cơ quan đã chọn.`
                  : 'Chưa chọn cơ quan nào: công văn gửi mọi cơ quan có nhiệm vụ quá hạn. Đánh dấu để chỉ gửi một số cơ quan.'}
              </Typography.Paragraph>
            )}
            <UrgingTable
              rows={rows}
              dueSoonDays={data.dueSoonDays}
              planId={planId}
              loading={urging.isFetching}
              selected={selected}
              onSelect={canWrite ? setPicked : null}
            />
          </Card>
          <Card
            title={`Chưa có cơ quan chủ trì (${unassigned.data?.total ?? '…'})`}
            data-testid="urging-unassigned"
          >
            <Typography.Paragraph type="secondary">
              Nhiệm vụ giao cho nhóm cơ quan hoặc cơ quan đã kết thúc hoạt động: cần phân công cơ
              quan chủ trì trước khi đôn đốc.
            </Typography.Paragraph>
            <TaskList
              filter={unassignedFilter}
              empty="Mọi nhiệm vụ đang thực hiện đều đã có cơ quan chủ trì."
              testId="urging-unassigned-list"
            />
          </Card>
        </Flex>
      )}
    </div>
  );
}
