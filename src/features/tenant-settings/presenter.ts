// The settings as the API shows them: what is stored (empty = derived), what the documents use,
// and what the caller may do.
import { abilities } from '../../server/policy.js';
import type { Principal } from '../../server/principal.js';
import { tenantSettingsPolicy } from './policy.js';
import type { TenantSettingsView } from './schema.js';
import type { LoadedSettings } from './service.js';

export function presentSettings(
  loaded: LoadedSettings,
  p: Principal,
  tenantId: string,
): TenantSettingsView {
  const { read: _read, ...can } = abilities(tenantSettingsPolicy, p, { tenantId });
  return {
    version: loaded.version,
    province: loaded.province,
    settings: loaded.settings,
    resolved: loaded.resolved,
    abilities: can,
  };
}
