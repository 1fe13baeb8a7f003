// /api/audit: the administrator browses and exports the audit trail. Read-only: no route changes
// an audit record (and the database refuses UPDATE/DELETE anyway).
// authenticate → validate → authorize → service → presenter.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isoDateInVietnam } from '../../domain/calendar.js';
import { authorize } from '../../server/policy.js';
import { requireUser } from '../auth/hooks.js';
import { buildAuditWorkbook, EXPORT_MAX_ROWS, exportFileName } from './export.js';
import { auditPolicy } from './policy.js';
import { presentAuditRecord } from './presenter.js';
import { auditFilterSchema, auditListQuerySchema, auditListSchema } from './schema.js';
import { auditRecordBatches, countAuditRecords, listAuditRecords } from './service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit records of the tenant, newest first (administrators)',
        querystring: auditListQuerySchema,
        response: { 200: auditListSchema },
      },
    },
    async (request) => {
      const p = requireUser(request);
      authorize(auditPolicy, p, 'browse', { tenantId: p.tenantId });
      const { limit, offset, ...filter } = request.query;
      const [rows, total] = await Promise.all([
        listAuditRecords(app.db, p.tenantId, filter, { limit, offset }),
        countAuditRecords(app.db, p.tenantId, filter),
      ]);
      return { items: rows.map(presentAuditRecord), total };
    },
  );

  app.get(
    '/api/audit/export.xlsx',
    {
      schema: {
        tags: ['audit'],
        summary: `Audit records as an Excel workbook, newest first, at most ${EXPORT_MAX_ROWS} (administrators)`,
        querystring: auditFilterSchema,
      },
    },
    async (request, reply) => {
      const p = requireUser(request);
      authorize(auditPolicy, p, 'export', { tenantId: p.tenantId });
      const batches = auditRecordBatches(app.db, p.tenantId, request.query, {
        max: EXPORT_MAX_ROWS,
      });
      const presented = (async function* () {
        for await (const rows of batches) yield rows.map(presentAuditRecord);
      })();
      const file = await buildAuditWorkbook(presented);
      return reply
        .type(XLSX)
        .header(
          'content-disposition',
          `attachment; filename="${exportFileName(isoDateInVietnam())}"`,
        )
        .send(file);
    },
  );
};
