// "Việc của tôi" (/viec-cua-toi): the tasks of the user's agency (overdue, due soon, led,
// coordinated: counted by the server, each list a server-paged query) and what waits for the user:
// reports to approve (heads), extension requests to decide (the consolidating department). The
// open list is kept in the address (?muc=…).
import type { MyWork } from '@features/tasks/schema';
import { Card, Empty, Flex, Skeleton, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { formatDate } from '../../../app/format';
import { QueryError } from '../../../app/query-state';
import { useCurrentUser } from '../../auth/hooks/use-session';
import type { Role } from '../../auth/labels';
import type { TaskListFilter } from '../../tasks/hooks/use-tasks';
import { ApprovalList } from '../components/approval-list';
import { ExtensionList } from '../components/extension-list';
import { TaskList } from '../components/task-list';
import { type Counter, WorkCounters } from '../components/work-counters';
import { useMyWork } from '../hooks/use-my-work';

type Section = 'lead' | 'coordinate' | 'overdue' | 'dueSoon' | 'approval' | 'extensions';

const SECTIONS: readonly Section[] = [
  'lead',
  'coordinate',
  'overdue',
  'dueSoon',
  'approval',
  'extensions',
];

const APPROVERS: readonly Role[] = ['agency_head'];
const DECIDERS: readonly Role[] = ['consolidator', 'leadership'];

function counters(work: MyWork): Counter[] {
  const { counts } = work;
  return [
    { key: 'lead', title: 'Chủ trì', value: counts.lead },
    { key: 'coordinate', title: 'Phối hợp', value: counts.coordinate },
    { key: 'overdue', title: 'Quá hạn', value: counts.overdue, alarming: true },
    {
      key: 'dueSoon',
      title: `Sắp đến hạn (trong ${work.dueSoonDays} ngày)`,
      value: counts.dueSoon,
    },
    { key: 'approval', title: 'Chờ lãnh đạo duyệt', value: counts.awaitingApproval },
    {
      key: 'extensions',
      title: 'Đề nghị gia hạn chờ quyết định',
      value: counts.pendingExtensions,
    },
  ];
}

/** The list to open when the address names none: what needs attention first. */
function firstSection(work: MyWork, role: Role): Section {
  const { counts } = work;
  if (DECIDERS.includes(role) && counts.pendingExtensions > 0) return 'extensions';
  if (APPROVERS.includes(role) && counts.awaitingApproval > 0) return 'approval';
  if (counts.overdue > 0) return 'overdue';
  if (counts.dueSoon > 0) return 'dueSoon';
  return counts.lead > 0 || counts.coordinate === 0 ? 'lead' : 'coordinate';
}

/** When more wait than are listed: say so (the oldest are listed). */
function Shown({ listed, total }: { listed: number; total: number }) {
  if (listed >= total) return null;
  return (
    <Typography.Paragraph type="secondary" data-testid="my-work-shown">
      {`Hiển thị ${listed} mục cũ nhất trong tổng số ${total}.`}
    </Typography.Paragraph>
  );
}

function tabLabel(label: string, n: number): ReactNode {
  return `${label} (${n})`;
}

function WorkSections({ work, role }: { work: MyWork; role: Role }) {
  const [params, setParams] = useSearchParams();
  const asked = params.get('muc');
  const { counts } = work;
  const showApproval = APPROVERS.includes(role) || counts.awaitingApproval > 0;
  const showExtensions = DECIDERS.includes(role) || counts.pendingExtensions > 0;
  const shown = SECTIONS.filter(
    (s) => (s !== 'approval' || showApproval) && (s !== 'extensions' || showExtensions),
  );
  const active: Section = shown.find((s) => s === asked) ?? firstSection(work, role);
  const open = (key: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('muc', key);
        return next;
      },
      { replace: true },
    );
  // The agency's lists, by deadline; without an agency there is nothing to list.
  const agencyId = work.agency?.id;
  const list = (filter: TaskListFilter, empty: string, testId: string) =>
    agencyId ? (
      <TaskList filter={{ agencyId, sort: 'due', ...filter }} empty={empty} testId={testId} />
    ) : (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Tài khoản không gắn với cơ quan." />
    );

  const items = [
    {
      key: 'lead',
      label: tabLabel('Chủ trì', counts.lead),
      children: list({ role: 'lead' }, 'Cơ quan không chủ trì nhiệm vụ nào.', 'my-work-lead'),
    },
    {
      key: 'coordinate',
      label: tabLabel('Phối hợp', counts.coordinate),
      children: list(
        { role: 'coordinator' },
        'Cơ quan không phối hợp nhiệm vụ nào.',
        'my-work-coordinate',
      ),
    },
    {
      key: 'overdue',
      label: tabLabel('Quá hạn', counts.overdue),
      children: list({ state: 'overdue' }, 'Không có nhiệm vụ quá hạn.', 'my-work-overdue'),
    },
    {
      key: 'dueSoon',
      label: tabLabel('Sắp đến hạn', counts.dueSoon),
      children: list(
        { dueSoonDays: work.dueSoonDays },
        `Không có nhiệm vụ đến hạn trong ${work.dueSoonDays} ngày tới.`,
        'my-work-due-soon',
      ),
    },
    {
      key: 'approval',
      label: tabLabel('Chờ duyệt', counts.awaitingApproval),
      children: (
        <>
          <Shown listed={work.awaitingApproval.length} total={counts.awaitingApproval} />
          <ApprovalList rows={work.awaitingApproval} />
        </>
      ),
    },
    {
      key: 'extensions',
      label: tabLabel('Đề nghị gia hạn', counts.pendingExtensions),
      children: (
        <>
          <Shown listed={work.pendingExtensions.length} total={counts.pendingExtensions} />
          <ExtensionList rows={work.pendingExtensions} />
        </>
      ),
    },
  ].filter((item) => shown.includes(item.key as Section));

  return (
    <Flex vertical gap={16}>
      <WorkCounters counters={counters(work)} active={active} onOpen={open} />
      <Card>
        <Tabs activeKey={active} onChange={open} items={items} data-testid="my-work-tabs" />
      </Card>
    </Flex>
  );
}

export function MyWorkPage() {
  const user = useCurrentUser();
  const work = useMyWork();
  const agency = work.data?.agency ?? user.agency;

  return (
    <div data-testid="my-work-page">
      <Flex vertical gap={2} style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Việc của tôi
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="my-work-agency">
          {agency ? agency.name : 'Tài khoản không gắn với cơ quan nào'}
          {work.data && ` · Số liệu đến ngày ${formatDate(work.data.asOf)}`}
        </Typography.Text>
      </Flex>
      {work.isError && <QueryError error={work.error} onRetry={() => void work.refetch()} />}
      {work.isPending && (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      )}
      {work.data && <WorkSections work={work.data} role={user.role} />}
    </div>
  );
}
