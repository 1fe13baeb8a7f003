// Agencies as the API shows them: never raw rows.
import type { Responsibility as DomainResponsibility } from '../../domain/succession.js';
import { abilities } from '../../server/policy.js';
import type { Principal } from '../../server/principal.js';
import { otherNamesOf } from './names.js';
import { agencyPolicy } from './policy.js';
import type { AgencyDetail, AgencyKind, AgencySummary, Responsibility } from './schema.js';
import { type AgencyRow, type getAgencyDetail, responsibleAgencyIds } from './service.js';

export function presentAgencySummary(row: AgencyRow, today: string): AgencySummary {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    shortName: row.shortName,
    kind: row.kind as AgencyKind,
    inForceFrom: row.inForceFrom,
    inForceTo: row.inForceTo,
    status: row.inForceTo !== null && row.inForceTo <= today ? 'ended' : 'active',
  };
}

export function presentResponsibility(
  r: DomainResponsibility,
  on: string,
  agencies: ReadonlyMap<string, AgencyRow>,
  today: string,
): Responsibility {
  const since =
    r.kind === 'self'
      ? null
      : r.via.reduce<string | null>(
          (latest, s) => (latest && latest > s.effectiveOn ? latest : s.effectiveOn),
          null,
        );
  return {
    kind: r.kind,
    on,
    since,
    agencies: responsibleAgencyIds(r).flatMap((id) => {
      const row = agencies.get(id);
      return row ? [presentAgencySummary(row, today)] : [];
    }),
  };
}

type Detail = NonNullable<Awaited<ReturnType<typeof getAgencyDetail>>>;

export function presentAgencyDetail(
  d: Detail,
  principal: Principal,
  on: string,
  today: string,
): AgencyDetail {
  const summary = (id: string) => {
    const row = d.related.get(id);
    return row ? [presentAgencySummary(row, today)] : [];
  };
  return {
    ...presentAgencySummary(d.agency, today),
    note: d.agency.note,
    aliases: d.aliases,
    otherNames: otherNamesOf(d.aliases, d.agency.name, d.agency.shortName),
    commune: d.commune ? { code: d.commune.code, name: d.commune.name } : null,
    succession: d.own
      ? {
          kind: d.own.kind,
          effectiveOn: d.own.effectiveOn,
          note: d.own.note ?? null,
          successors: d.own.successorIds.flatMap(summary),
        }
      : null,
    predecessors: d.predecessors.flatMap((p) =>
      summary(p.predecessorId).map((agency) => ({
        kind: p.kind,
        effectiveOn: p.effectiveOn,
        agency,
      })),
    ),
    responsible: presentResponsibility(d.responsibility, on, d.related, today),
    abilities: abilities(agencyPolicy, principal, d.agency),
  };
}
