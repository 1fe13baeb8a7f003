// A commune opened from the map, its table or its picker: its key projects and its tasks, each
// linking to its page, paged by the server.
import type { CommuneProject, CommuneTask } from '@features/map/schema';
import { Alert, Drawer, Empty, Flex, Grid, List, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDate, formatDecimal } from '../../../app/format';
import { QueryError } from '../../../app/query-state';
import { AMOUNT_DECIMALS } from '../../projects/figures';
import { TASK_STATE_COLORS, TASK_STATE_LABELS } from '../../tasks/labels';
import { COMMUNE_PAGE_SIZE, useCommuneWork } from '../hooks/use-map';

function ProjectItem({ project, year }: { project: CommuneProject; year: number }) {
  return (
    <List.Item data-testid="map-commune-project">
      <List.Item.Meta
        title={<Link to={project.path}>{project.name}</Link>}
        description={
          <Flex vertical gap={2}>
            <span>
              {project.plan.number ?? 'Kế hoạch chưa có số'}
              {project.owner ? ` · Chủ đầu tư: ${project.owner}` : ''}
            </span>
            <span>
              Giải ngân năm {year}: {formatDecimal(project.disbursed, AMOUNT_DECIMALS)} /{' '}
              {formatDecimal(project.capitalPlanned, AMOUNT_DECIMALS)} tỷ đồng
            </span>
            {project.via === 'owner' && (
              <Typography.Text type="secondary">
                Chưa ghi địa điểm: hiển thị theo nơi của chủ đầu tư
              </Typography.Text>
            )}
          </Flex>
        }
      />
    </List.Item>
  );
}

function TaskItem({ task }: { task: CommuneTask }) {
  return (
    <List.Item data-testid="map-commune-task">
      <List.Item.Meta
        title={
          <Link to={task.path}>
            {task.code ? `${task.code}. ` : ''}
            {task.title}
          </Link>
        }
        description={
          <Flex gap={6} wrap align="center">
            <Tag color={TASK_STATE_COLORS[task.state]}>{TASK_STATE_LABELS[task.state]}</Tag>
            <span>Hạn: {formatDate(task.dueOn)}</span>
            <span>· Chủ trì: {task.lead.name}</span>
            {task.via === 'former' && (
              <Tag title="Cơ quan đã kết thúc hoạt động; xã, phường này được hình thành từ địa bàn của cơ quan đó">
                Đơn vị cũ
              </Tag>
            )}
          </Flex>
        }
      />
    </List.Item>
  );
}

export function CommuneDrawer({
  code,
  name,
  planId,
  year,
  onClose,
}: {
  code: string | undefined;
  /** Known from the measures while the commune's own answer loads. */
  name: string | undefined;
  planId: string | undefined;
  /** The year of the projects' figures (the current year when absent). */
  year: number | undefined;
  onClose: () => void;
}) {
  const screens = Grid.useBreakpoint();
  const [pages, setPages] = useState({ code, tasks: 1, projects: 1 });
  // Another commune starts on the first pages.
  const current = pages.code === code ? pages : { code, tasks: 1, projects: 1 };
  const work = useCommuneWork(code, planId, year, current.tasks, current.projects);
  const data = work.data;
  const pagination = (page: number, total: number, key: 'tasks' | 'projects') =>
    total > COMMUNE_PAGE_SIZE
      ? {
          current: page,
          pageSize: COMMUNE_PAGE_SIZE,
          total,
          size: 'small' as const,
          showSizeChanger: false,
          onChange: (p: number) => setPages({ ...current, [key]: p }),
        }
      : false;

  return (
    <Drawer
      open={code !== undefined}
      onClose={onClose}
      title={data?.commune.name ?? name ?? 'Xã, phường'}
      size={screens.md ? 640 : '100%'}
      destroyOnHidden
      data-testid="map-commune-drawer"
    >
      {work.isError && <QueryError error={work.error} onRetry={() => void work.refetch()} />}
      {work.isPending && code !== undefined && <Skeleton active paragraph={{ rows: 8 }} />}
      {data && (
        <Flex vertical gap={24}>
          <Alert
            type="info"
            showIcon
            title="Nhiệm vụ theo địa bàn của cơ quan chủ trì hiện nay (nhiệm vụ của huyện cũ hiển thị ở mọi xã, phường hình thành từ huyện đó); dự án theo địa điểm thực hiện."
          />
          <section aria-labelledby="map-commune-projects">
            <Typography.Title level={5} id="map-commune-projects">
              Dự án trọng điểm ({data.projects.total})
            </Typography.Title>
            {data.projects.total === 0 ? (
              <Empty description="Không có dự án trọng điểm ở xã, phường này." />
            ) : (
              <List
                dataSource={data.projects.items}
                rowKey="id"
                loading={work.isFetching}
                pagination={pagination(current.projects, data.projects.total, 'projects')}
                renderItem={(p) => <ProjectItem project={p} year={data.year} />}
              />
            )}
          </section>
          <section aria-labelledby="map-commune-tasks">
            <Typography.Title level={5} id="map-commune-tasks">
              Nhiệm vụ ({data.tasks.total})
            </Typography.Title>
            {data.tasks.total === 0 ? (
              <Empty description="Không có nhiệm vụ do cơ quan ở xã, phường này chủ trì." />
            ) : (
              <List
                dataSource={data.tasks.items}
                rowKey="id"
                loading={work.isFetching}
                pagination={pagination(current.tasks, data.tasks.total, 'tasks')}
                renderItem={(t) => <TaskItem task={t} />}
              />
            )}
          </section>
        </Flex>
      )}
    </Drawer>
  );
}
