// The registry's side of settling an unknown agency in a review (drafts.ts resolveUnknownAgency):
// an existing agency learns the plan's spelling as another name, so the next plan that writes it
// resolves by itself; or the agency is added with that spelling. Both through the agencies
// feature's registry (checked names, audited), in the draft's transaction.
import { eq } from 'drizzle-orm';
import { agencyAliases } from '../../db/schema.js';
import { NotFoundError } from '../../server/errors.js';
import { authorize } from '../../server/policy.js';
import type { UserPrincipal } from '../../server/principal.js';
import { otherNamesOf } from '../agencies/names.js';
import { agencyPolicy, canCreateAgency } from '../agencies/policy.js';
import { createAgency, type RegistryActor, setAgencyAliases } from '../agencies/registry.js';
import { findAgency } from '../agencies/service.js';
import type { RegistryStep } from './drafts.js';
import type { ResolveAgencyBody } from './schema.js';

export function registryStep(
  principal: UserPrincipal,
  actor: RegistryActor,
  resolution: ResolveAgencyBody['resolution'],
): RegistryStep {
  return async (tx, asWritten) => {
    if (resolution.action === 'create') {
      if (!canCreateAgency(principal)) throw new NotFoundError('agency');
      const row = await createAgency(tx, actor, {
        name: resolution.name,
        shortName: resolution.shortName,
        kind: resolution.kind,
        aliases: [asWritten],
      });
      return { agencyCode: row.code, agencyId: row.id, created: true };
    }
    const agency = await findAgency(tx, actor.tenantId, resolution.agencyId);
    if (!agency) throw new NotFoundError('agency');
    authorize(agencyPolicy, principal, 'update', agency);
    const aliases = (
      await tx
        .select({ alias: agencyAliases.alias })
        .from(agencyAliases)
        .where(eq(agencyAliases.agencyId, agency.id))
    ).map((r) => r.alias);
    await setAgencyAliases(tx, actor, agency.id, {
      aliases: [...otherNamesOf(aliases, agency.name, agency.shortName), asWritten],
    });
    return { agencyCode: agency.code, agencyId: agency.id, created: false };
  };
}
