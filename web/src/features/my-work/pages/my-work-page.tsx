// "Việc của tôi" (/viec-cua-toi): the tasks of the user's agency (overdue, due soon, led,
// coordinated) and what waits for the user: reports to approve (heads), extension requests to
// decide (the consolidating department). The open list is kept in the address (?muc=…).
import type { MyWork } from '@features/tasks/schema';
import { Card, Flex, Skeleton, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { formatDate } from '../../../app/format';
import { QueryError } from '../../../app/query-state';
import { useCurrentUser } from '../../auth/hooks/use-session';
import type { Role } from '../../auth/labels';
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
  if (DECIDERS.includes(role) && work.pendingExtensions.length > 0) return 'extensions';
  if (APPROVERS.includes(role) && work.awaitingApproval.length > 0) return 'approval';
  if (work.overdue.length > 0) return 'overdue';
  if (work.dueSoon.length > 0) return 'dueSoon';
  return work.lead.length > 0 || work.coordinate.length === 0 ? 'lead' : 'coordinate';
}

function tabLabel(label: string, n: number): ReactNode {
  return `${label} (${n})`;
}

function WorkSections({ work, role }: { work: MyWork; role: Role }) {
  const [params, setParams] = useSearchParams();
  const asked = params.get('muc');
  const showApproval = APPROVERS.includes(role) || work.awaitingApproval.length > 0;
  const showExtensions = DECIDERS.includes(role) || work.pendingExtensions.length > 0;
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

  const items = [
    {
      key: 'lead',
      label: tabLabel('Chủ trì', work.lead.length),
      children: (
        <TaskList
          tasks={work.lead}
          empty="Cơ quan không chủ trì nhiệm vụ nào."
          testId="my-work-lead"
        />
      ),
    },
    {
      key: 'coordinate',
      label: tabLabel('Phối hợp', work.coordinate.length),
      children: (
        <TaskList
          tasks={work.coordinate}
          empty="Cơ quan không phối hợp nhiệm vụ nào."
          testId="my-work-coordinate"
        />
      ),
    },
    {
      key: 'overdue',
      label: tabLabel('Quá hạn', work.overdue.length),
      children: (
        <TaskList
          tasks={work.overdue}
          empty="Không có nhiệm vụ quá hạn."
          testId="my-work-overdue"
        />
      ),
    },
    {
      key: 'dueSoon',
      label: tabLabel('Sắp đến hạn', work.dueSoon.length),
      children: (
        <TaskList
          tasks={work.dueSoon}
          empty={`Không có nhiệm vụ đến hạn trong ${work.dueSoonDays} ngày tới.`}
          testId="my-work-due-soon"
        />
      ),
    },
    {
      key: 'approval',
      label: tabLabel('Chờ duyệt', work.awaitingApproval.length),
      children: <ApprovalList rows={work.awaitingApproval} />,
    },
    {
      key: 'extensions',
      label: tabLabel('Đề nghị gia hạn', work.pendingExtensions.length),
      children: <ExtensionList rows={work.pendingExtensions} />,
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
