import type { PlanProject } from '@features/plans/schema';
import { Tag } from 'antd';
import { CollapsibleText } from './collapsible-text';
import { Field } from './field';
import { ItemFrame } from './item-frame';

export function ProjectItem({ project }: { project: PlanProject }) {
  return (
    <ItemFrame kind="project" testId="project-item" title={project.name}>
      {project.investmentForm && <Field label="Hình thức đầu tư">{project.investmentForm}</Field>}
      {project.owner && <Field label="Chủ đầu tư">{project.owner}</Field>}
      {project.sector && <Field label="Lĩnh vực">{project.sector}</Field>}
      {project.locations.length > 0 && (
        <Field label="Địa điểm">
          {project.locations.map((l) => (
            <Tag key={l.code} style={{ marginBlock: 2 }}>
              {l.name}
            </Tag>
          ))}
        </Field>
      )}
      {project.body && <CollapsibleText text={project.body} />}
    </ItemFrame>
  );
}
