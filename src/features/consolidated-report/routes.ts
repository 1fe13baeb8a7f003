// /api/periods/:periodId/consolidated-report: authenticate (app hook; requireUser) → validate
// (schemas) → authorize (policy) → service (a transaction for the narrative) → presenter. A period
// of another tenant answers 404, like a missing one.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../server/errors.js';
import { authorize } from '../../server/policy.js';
import { actorOf, type UserPrincipal } from '../../server/principal.js';
import { requireUser } from '../auth/hooks.js';
import { consolidatedReportPolicy } from './policy.js';
import { presentReport } from './presenter.js';
import {
  consolidatedReportViewSchema,
  narrativeUpdateSchema,
  periodParamsSchema,
} from './schema.js';
import {
  buildAppendixFile,
  buildAppendixWorkbook,
  buildReportDocx,
  computeFigures,
  findPeriod,
  loadNarrative,
  saveNarrative,
  subjectFor,
} from './service.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const consolidatedReportRoutes: FastifyPluginAsyncZod = async (app) => {
  async function period(p: UserPrincipal, periodId: string, action: 'read' | 'edit' | 'download') {
    authorize(consolidatedReportPolicy, p, action, { tenantId: p.tenantId });
    const found = await findPeriod(app.db, p.tenantId, periodId);
    if (!found) throw new NotFoundError('reporting_period');
    return found;
  }

  async function view(p: UserPrincipal, periodId: string) {
    const found = await period(p, periodId, 'read');
    const stored = await loadNarrative(app.db, found.id);
    const figures = await computeFigures(app.db, found);
    return presentReport(found, await subjectFor(app.db, found), stored, figures, p);
  }

  app.get(
    '/api/periods/:periodId/consolidated-report',
    {
      schema: {
        tags: ['consolidated-report'],
        summary:
          'The province’s report for a period: its figures (counted from data), the narrative and its version',
        params: periodParamsSchema,
        response: { 200: consolidatedReportViewSchema },
      },
    },
    async (request) => view(requireUser(request), request.params.periodId),
  );

  app.put(
    '/api/periods/:periodId/consolidated-report',
    {
      schema: {
        tags: ['consolidated-report'],
        summary:
          'A leader or the consolidator saves the narrative (409 on a stale version), audited',
        params: periodParamsSchema,
        body: narrativeUpdateSchema,
        response: { 200: consolidatedReportViewSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      const found = await period(p, request.params.periodId, 'edit');
      await saveNarrative(app.db, actorOf(p, request.id), p.userId, found.id, request.body);
      return view(p, found.id);
    },
  );

  const download = (
    suffix: string,
    summary: string,
    type: string,
    build: (p: UserPrincipal, periodId: string) => Promise<{ bytes: Buffer; name: string }>,
  ) =>
    app.get(
      `/api/periods/:periodId/consolidated-report${suffix}`,
      { schema: { tags: ['consolidated-report'], summary, params: periodParamsSchema } },
      async (request, reply) => {
        const p = requireUser(request);
        const { bytes, name } = await build(p, request.params.periodId);
        return reply
          .type(type)
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(bytes);
      },
    );

  download('.docx', 'The report as a .docx in the official format', DOCX, async (p, id) => {
    const found = await period(p, id, 'download');
    const { bytes } = await buildReportDocx(app.db, found);
    return { bytes, name: `bao-cao-tong-hop-${found.windowTo}.docx` };
  });
  download(
    '/appendix.docx',
    'The appendix: every task of the plan with its lead, coordinators, deadline, status, progress and last note (.docx)',
    DOCX,
    async (p, id) => {
      const found = await period(p, id, 'download');
      const { bytes } = await buildAppendixFile(app.db, found);
      return { bytes, name: `phu-luc-nhiem-vu-${found.windowTo}.docx` };
    },
  );
  download(
    '/appendix.xlsx',
    'The appendix as a spreadsheet (.xlsx), text cells guarded against formulas',
    XLSX,
    async (p, id) => {
      const found = await period(p, id, 'download');
      const { bytes } = await buildAppendixWorkbook(app.db, found);
      return { bytes, name: `phu-luc-nhiem-vu-${found.windowTo}.xlsx` };
    },
  );
};
