import type { PlanTask } from '@features/plans/schema';
import { Typography } from 'antd';
import { Fragment } from 'react';
import { Link } from 'react-router';
import { AgencyAssignment } from './agency-assignment';
import { CollapsibleText } from './collapsible-text';
import { Field } from './field';
import { ItemFrame } from './item-frame';

export function TaskItem({ task }: { task: PlanTask }) {
  const hasCoordination = task.coordinators.length > 0 || task.coordinationNote;
  return (
    <ItemFrame kind="task" testId="task-item" code={task.code} title={task.title}>
      <Field label="Chủ trì">
        {task.lead ? (
          <AgencyAssignment assignment={task.lead} />
        ) : task.leadUnresolved ? (
          <>
            {task.leadUnresolved}{' '}
            <Typography.Text type="warning">(chưa giao cho một cơ quan cụ thể)</Typography.Text>
          </>
        ) : (
          'Chưa xác định'
        )}
      </Field>
      {hasCoordination && (
        <Field label="Phối hợp">
          {task.coordinators.map((c, i) => (
            <Fragment key={`${c.agency.id}-${c.asWritten ?? ''}`}>
              {i > 0 && '; '}
              <AgencyAssignment assignment={c} />
            </Fragment>
          ))}
          {task.coordinationNote && (
            <>
              {task.coordinators.length > 0 && '; '}
              {task.coordinationNote}
            </>
          )}
        </Field>
      )}
      <Field label="Thời hạn">
        <span data-testid="task-deadline">{task.deadlineText}</span>
      </Field>
      {task.expectedOutput && <Field label="Sản phẩm">{task.expectedOutput}</Field>}
      {task.body && <CollapsibleText text={task.body} />}
      <Link to={`/nhiem-vu/${task.id}`} data-testid="task-open">
        Mở nhiệm vụ
      </Link>
    </ItemFrame>
  );
}
