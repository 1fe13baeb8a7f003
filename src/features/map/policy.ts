// Who may open the map: every signed-in user of the tenant — leadership, the consolidating
// department, the administrator and viewers, and agency staff too. Why agency staff: the map only
// places and counts what every signed-in user already reads (tasks and key projects are readable
// by all of the tenant, tasks/policy.ts and projects/policy.ts), and a commune's People's
// Committee, itself an agency, is the first to need its commune's work at a glance. The menu
// offers it to leaders; the rule is here.
import { definePolicy } from '../../server/policy.js';
import { hasRole, type Principal } from '../../server/principal.js';

export type MapAccess = { tenantId: string };

export const mapPolicy = definePolicy('map', {
  read: (p: Principal, m: MapAccess) =>
    hasRole(
      p,
      m.tenantId,
      'leadership',
      'consolidator',
      'administrator',
      'viewer',
      'agency_head',
      'agency_officer',
    ),
});
