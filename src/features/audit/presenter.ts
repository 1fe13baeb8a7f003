// Audit rows → API objects: the actor as recorded split into a kind and a readable name.
import type { AuditActor, AuditRecord } from './schema.js';
import type { AuditRow } from './service.js';

/** "user:<uuid>", "cli:<os user>", "anonymous"; anything else is the system acting on its own. */
export function parseActor(raw: string, userDisplayName: string | null = null): AuditActor {
  if (raw.startsWith('user:')) {
    return { kind: 'user', id: raw.slice('user:'.length), displayName: userDisplayName ?? raw };
  }
  if (raw.startsWith('cli:')) return { kind: 'cli', id: raw, displayName: raw };
  if (raw === 'anonymous') return { kind: 'anonymous', id: raw, displayName: raw };
  return { kind: 'system', id: raw, displayName: raw };
}

export function presentAuditRecord(r: AuditRow): AuditRecord {
  return {
    id: Number(r.id),
    at: r.at.toISOString(),
    actor: parseActor(r.actor, r.userDisplayName),
    actorAgency:
      r.actorAgencyId && r.agencyName !== null ? { id: r.actorAgencyId, name: r.agencyName } : null,
    entity: r.entity,
    entityId: r.entityId,
    action: r.action,
    before: r.before ?? null,
    after: r.after ?? null,
    requestId: r.requestId,
  };
}
