// /du-an/:id – one key project: its figures for the year shown (?nam=2026), the capital plan by
// year and source, the disbursement by month (chart and table), the milestones planned and
// reached, site clearance and construction, linked tasks and targets, and the monthly updates
// with their approval. What a person may do is what the project's `abilities` say.
import { Breadcrumb, Card, Col, Flex, Row, Skeleton } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { QueryError } from '../../../app/query-state';
import { CapitalPlanSection } from '../components/capital-plan-section';
import { DisbursementSection } from '../components/disbursement-section';
import { DocumentsSection } from '../components/documents-section';
import { EditForm } from '../components/edit-form';
import { LinksSection } from '../components/links-section';
import { MilestonesSection } from '../components/milestones-section';
import { ProjectHeader } from '../components/project-header';
import { SiteSection } from '../components/site-section';
import { UpdatesSection } from '../components/updates-section';
import { useProject } from '../hooks/use-projects';

function shortName(name: string): string {
  return name.length > 80 ? `${name.slice(0, 79)}…` : name;
}

function yearParam(params: URLSearchParams): number | undefined {
  const year = Number(params.get('nam'));
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined;
}

export function ProjectPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const project = useProject(id, yearParam(params));
  const data = project.data;
  const [editing, setEditing] = useState(false);

  return (
    <div data-testid="project-page">
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to="/du-an">Dự án trọng điểm</Link> },
          { title: data ? shortName(data.name) : '…' },
        ]}
      />
      {project.isError && (
        <QueryError error={project.error} onRetry={() => void project.refetch()} />
      )}
      {project.isPending && (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      )}
      {data && (
        <Flex vertical gap={16}>
          <ProjectHeader
            project={data}
            onYearChange={(year) =>
              setParams(
                (prev) => {
                  const next = new URLSearchParams(prev);
                  next.set('nam', String(year));
                  return next;
                },
                { replace: true },
              )
            }
            onEdit={() => setEditing(true)}
          />
          <DisbursementSection project={data} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <MilestonesSection project={data} />
            </Col>
            <Col xs={24} xl={12}>
              <Flex vertical gap={16}>
                <SiteSection project={data} />
                <LinksSection project={data} />
              </Flex>
            </Col>
          </Row>
          <CapitalPlanSection project={data} />
          <UpdatesSection project={data} />
          <DocumentsSection project={data} />
          {editing && <EditForm project={data} open onClose={() => setEditing(false)} />}
        </Flex>
      )}
    </div>
  );
}
