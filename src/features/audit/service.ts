// The one way changes are recorded. Services call this inside the transaction of the change itself,
// so a change and its audit record land together or not at all.
import type { Db } from '../../db/client.js';
import { auditRecords } from '../../db/schema.js';

export type Actor = {
  /** "system", "cli:<os user>", later a user id. */
  id: string;
  tenantId: string | null;
  /** The agency a user acted for. */
  agencyId?: string | null | undefined;
  requestId?: string | undefined;
};

export type AuditEntry = {
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
};

const BATCH = 500;

export async function recordAudit(db: Db, actor: Actor, entries: readonly AuditEntry[]) {
  for (let i = 0; i < entries.length; i += BATCH) {
    await db.insert(auditRecords).values(
      entries.slice(i, i + BATCH).map((e) => ({
        tenantId: actor.tenantId,
        actor: actor.id,
        entity: e.entity,
        entityId: e.entityId,
        action: e.action,
        before: e.before ?? null,
        after: e.after ?? null,
        requestId: actor.requestId ?? null,
        actorAgencyId: actor.agencyId ?? null,
      })),
    );
  }
}
