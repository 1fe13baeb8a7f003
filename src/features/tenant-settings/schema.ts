// /api/tenant/settings: what the province's documents say of it — the authority (Ủy ban nhân dân
// tỉnh …), the place on the date line, the consolidating department, who signs the consolidated
// report, document symbols and default recipients. Stored in tenants.settings (jsonb) with its own
// version; an empty value means "derived from the province" (service.ts#resolveSettings), so no
// province is ever named in code. Shared by server (validation) and web client.
import { z } from 'zod';

const line = (max: number) => z.string().trim().max(max);

export const signerSchema = z.object({
  /** Collective signing: 'TM. ỦY BAN NHÂN DÂN'. */
  authority: line(80).default(''),
  /** Signing for the head: 'KT. CHỦ TỊCH'. */
  deputy: line(80).default(''),
  /** 'PHÓ CHỦ TỊCH'. */
  position: line(80).default(''),
  name: line(120).default(''),
});
export type Signer = z.infer<typeof signerSchema>;

/** The settings as stored (and as the administrator edits them): every field may be empty. */
export const tenantSettingsSchema = z.object({
  /** 'Ủy ban nhân dân tỉnh Lạng Sơn': the issuer of the province's reports. */
  authorityName: line(200).default(''),
  /** The place on the date line: 'Lạng Sơn'. */
  place: line(100).default(''),
  /** The consolidating department (cơ quan tổng hợp), an agency of the registry. */
  consolidatingAgencyId: z.uuid().nullable().default(null),
  /** Who signs the consolidated report. */
  reportSigner: signerSchema.default({ authority: '', deputy: '', position: '', name: '' }),
  /** The consolidated report's symbol: 'BC-UBND'. */
  reportSymbol: line(40).default(''),
  /** The urging letter's symbol: 'STC-KH'. */
  urgingSymbol: line(40).default(''),
  /** Who signs the urging letter for the consolidating department. */
  urgingSigner: signerSchema.default({ authority: '', deputy: '', position: '', name: '' }),
  /** "Nơi nhận" of the consolidated report, without "- " and without the archive line. */
  recipients: z.array(line(200).min(1)).max(30).default([]),
});
export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

/** What the documents use: every empty value replaced by the one derived from the province. */
export const resolvedSettingsSchema = z.object({
  authorityName: z.string(),
  /** 'UBND tỉnh Lạng Sơn': the parent line of a department's letter. */
  authorityShortName: z.string(),
  place: z.string(),
  consolidatingAgency: z.object({ id: z.uuid(), name: z.string(), code: z.string() }).nullable(),
  reportSigner: signerSchema,
  reportSymbol: z.string(),
  urgingSymbol: z.string(),
  urgingSigner: signerSchema,
  recipients: z.array(z.string()),
});
export type ResolvedSettings = z.infer<typeof resolvedSettingsSchema>;

export const tenantSettingsViewSchema = z.object({
  version: z.int(),
  province: z.object({ code: z.string(), name: z.string() }),
  settings: tenantSettingsSchema,
  resolved: resolvedSettingsSchema,
  abilities: z.object({ update: z.boolean() }),
});
export type TenantSettingsView = z.infer<typeof tenantSettingsViewSchema>;

export const tenantSettingsUpdateSchema = tenantSettingsSchema.extend({ version: z.int().min(0) });
export type TenantSettingsUpdate = z.infer<typeof tenantSettingsUpdateSchema>;
