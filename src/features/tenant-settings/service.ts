// The province's settings: read with everything derived that the administrator left empty, and
// changed in one transaction (the tenant row locked, the version inside the json checked, audited).
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { agencies, provinces, tenants, users } from '../../db/schema.js';
import { InvalidInputError, NotFoundError, StaleVersionError } from '../../server/errors.js';
import { type Actor, recordAudit } from '../audit/service.js';
import {
  type ResolvedSettings,
  type Signer,
  type TenantSettings,
  type TenantSettingsUpdate,
  tenantSettingsSchema,
} from './schema.js';

type AgencyRef = { id: string; name: string; code: string };

/** The stored json: the settings and their version (0 before the first change). */
export function parseStored(raw: unknown): { version: number; settings: TenantSettings } {
  const obj = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const version =
    typeof obj.version === 'number' && Number.isInteger(obj.version) ? obj.version : 0;
  const parsed = tenantSettingsSchema.safeParse(obj);
  // A stored value an older version wrote differently falls back to "derived", never to an error.
  return { version, settings: parsed.success ? parsed.data : tenantSettingsSchema.parse({}) };
}

const PROVINCE_KINDS = ['Tỉnh', 'Thành phố'];

/** 'Tỉnh Lạng Sơn' → { kind: 'tỉnh', name: 'Lạng Sơn' }. */
export function splitProvinceName(full: string): { kind: string; name: string } {
  const text = full.normalize('NFC').trim();
  for (const kind of PROVINCE_KINDS) {
    if (text.toLocaleLowerCase('vi').startsWith(`${kind.toLocaleLowerCase('vi')} `)) {
      return { kind: kind.toLocaleLowerCase('vi'), name: text.slice(kind.length + 1).trim() };
    }
  }
  return { kind: 'tỉnh', name: text };
}

const AUTHORITY = 'Ủy ban nhân dân';

const or = (value: string, fallback: string) => (value.trim() ? value.trim() : fallback);
// Titles given: the signer as written. A name alone signs under the default titles.
const signerOr = (s: Signer, fallback: Signer): Signer =>
  s.authority || s.deputy || s.position ? s : { ...fallback, name: s.name || fallback.name };

export const DEFAULT_REPORT_SIGNER: Signer = {
  authority: 'TM. ỦY BAN NHÂN DÂN',
  deputy: 'KT. CHỦ TỊCH',
  position: 'PHÓ CHỦ TỊCH',
  name: '',
};
export const DEFAULT_URGING_SIGNER: Signer = {
  authority: '',
  deputy: 'KT. GIÁM ĐỐC',
  position: 'PHÓ GIÁM ĐỐC',
  name: '',
};
/** Who a provincial committee's report usually goes to; the province edits the list. */
export const DEFAULT_RECIPIENTS = [
  'Thường trực Tỉnh ủy (b/c)',
  'Thường trực HĐND tỉnh (b/c)',
  'Chủ tịch, các Phó Chủ tịch UBND tỉnh',
  'Các sở, ban, ngành tỉnh',
];

/** A registry code as a symbol part: 'STC-2' (a successor's numbered code) → 'STC'. */
export const symbolCode = (code: string) => code.replace(/-\d+$/, '');

/** Every empty value replaced by the one derived from the province and the registry. */
export function resolveSettings(
  s: TenantSettings,
  provinceName: string,
  consolidatingAgency: AgencyRef | null,
): ResolvedSettings {
  const province = splitProvinceName(provinceName);
  const authorityName = or(s.authorityName, `${AUTHORITY} ${province.kind} ${province.name}`);
  const authorityShortName = authorityName.replace(
    new RegExp(`^(${AUTHORITY}|Uỷ ban nhân dân)`, 'iu'),
    'UBND',
  );
  return {
    authorityName,
    authorityShortName,
    place: or(s.place, province.name),
    consolidatingAgency,
    reportSigner: signerOr(s.reportSigner, DEFAULT_REPORT_SIGNER),
    reportSymbol: or(s.reportSymbol, 'BC-UBND'),
    urgingSymbol: or(
      s.urgingSymbol,
      consolidatingAgency ? `${symbolCode(consolidatingAgency.code)}-KH` : '',
    ),
    urgingSigner: signerOr(s.urgingSigner, DEFAULT_URGING_SIGNER),
    recipients: s.recipients.length > 0 ? s.recipients : DEFAULT_RECIPIENTS,
  };
}

async function agencyRef(db: Db, tenantId: string, id: string | null): Promise<AgencyRef | null> {
  if (!id) return null;
  const [row] = await db
    .select({ id: agencies.id, name: agencies.name, code: agencies.code })
    .from(agencies)
    .where(and(eq(agencies.tenantId, tenantId), eq(agencies.id, id)));
  return row ?? null;
}

/**
 * The consolidating department when the settings name none: the agency of the user asking (when a
 * consolidator), else that of the tenant's first consolidator account — the role identifies it.
 */
async function consolidatingByRole(
  db: Db,
  tenantId: string,
  askingAgencyId: string | null,
): Promise<AgencyRef | null> {
  if (askingAgencyId) return agencyRef(db, tenantId, askingAgencyId);
  const [row] = await db
    .select({ id: users.agencyId })
    .from(users)
    .where(
      and(eq(users.tenantId, tenantId), eq(users.role, 'consolidator'), isNotNull(users.agencyId)),
    )
    .orderBy(asc(users.createdAt))
    .limit(1);
  return agencyRef(db, tenantId, row?.id ?? null);
}

export type LoadedSettings = {
  version: number;
  province: { code: string; name: string };
  settings: TenantSettings;
  resolved: ResolvedSettings;
};

/**
 * The tenant's settings. `consolidatorAgencyId`: the agency of a consolidator asking, used when
 * the settings name no consolidating department.
 */
export async function loadSettings(
  db: Db,
  tenantId: string,
  consolidatorAgencyId: string | null = null,
): Promise<LoadedSettings> {
  const [row] = await db
    .select({ settings: tenants.settings, code: provinces.code, name: provinces.name })
    .from(tenants)
    .innerJoin(provinces, eq(provinces.code, tenants.provinceCode))
    .where(eq(tenants.id, tenantId));
  if (!row) throw new NotFoundError('tenant');
  const { version, settings } = parseStored(row.settings);
  const named = await agencyRef(db, tenantId, settings.consolidatingAgencyId);
  const consolidating = named ?? (await consolidatingByRole(db, tenantId, consolidatorAgencyId));
  return {
    version,
    province: { code: row.code, name: row.name },
    settings,
    resolved: resolveSettings(settings, row.name, consolidating),
  };
}

/** Replaces the settings when `version` is the stored one (409 otherwise), audited. */
export async function updateSettings(
  db: Db,
  actor: Actor & { tenantId: string },
  input: TenantSettingsUpdate,
): Promise<void> {
  const { version, ...fields } = input;
  const settings = tenantSettingsSchema.parse(fields);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ settings: tenants.settings })
      .from(tenants)
      .where(eq(tenants.id, actor.tenantId))
      .for('update');
    if (!row) throw new NotFoundError('tenant');
    const before = parseStored(row.settings);
    if (before.version !== version)
      throw new StaleVersionError('tenant_settings', { version: before.version });
    if (settings.consolidatingAgencyId) {
      const agency = await agencyRef(tx, actor.tenantId, settings.consolidatingAgencyId);
      if (!agency) {
        throw new InvalidInputError(
          [
            {
              field: 'consolidatingAgencyId',
              code: 'unknown_agency',
              message: 'no such agency in the registry',
            },
          ],
          'unknown_agency',
        );
      }
    }
    const next = { ...settings, version: version + 1 };
    await tx.update(tenants).set({ settings: next }).where(eq(tenants.id, actor.tenantId));
    await recordAudit(tx, actor, [
      {
        entity: 'tenant_settings',
        entityId: actor.tenantId,
        action: 'update',
        before: { ...before.settings, version: before.version },
        after: next,
      },
    ]);
  });
}
