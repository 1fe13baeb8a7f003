// Demo accounts for a demo database (a new embedded database started by `npm start`): one per
// role, listed in README.md, flagged `demo` so the UI shows a banner. Never created on a
// PostgreSQL server unless TIENDO_DEMO=1 asks for it.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { agencies } from '../../db/schema.js';
import type { Role } from '../../server/principal.js';
import type { Actor } from '../audit/service.js';
import { createUser } from './service.js';

export const DEMO_PASSWORD = 'demo2026tiendo';

export const DEMO_ACCOUNTS: readonly {
  username: string;
  displayName: string;
  role: Role;
  agencyCode: string | null;
}[] = [
  {
    username: 'quantri',
    displayName: 'Quản trị hệ thống',
    role: 'administrator',
    agencyCode: null,
  },
  { username: 'lanhdao', displayName: 'Nguyễn Văn Lãnh', role: 'leadership', agencyCode: 'VPUBND' },
  { username: 'tonghop', displayName: 'Trần Thị Hợp', role: 'consolidator', agencyCode: 'STC' },
  { username: 'stc.lanhdao', displayName: 'Lê Văn Tài', role: 'agency_head', agencyCode: 'STC' },
  {
    username: 'stc.canbo',
    displayName: 'Phạm Thị Chính',
    role: 'agency_officer',
    agencyCode: 'STC',
  },
  { username: 'sxd.lanhdao', displayName: 'Đỗ Văn Xây', role: 'agency_head', agencyCode: 'SXD' },
  {
    username: 'sxd.canbo',
    displayName: 'Hoàng Văn Dựng',
    role: 'agency_officer',
    agencyCode: 'SXD',
  },
  { username: 'xem', displayName: 'Người xem', role: 'viewer', agencyCode: 'VPUBND' },
  // The Fatherland Front's supervisor: the public view and the agencies' accepted reports.
  { username: 'mttq', displayName: 'Vũ Thị Giám', role: 'supervisor', agencyCode: 'MTTQ' },
];

export async function createDemoAccounts(db: Db, actor: Actor, tenantId: string) {
  for (const account of DEMO_ACCOUNTS) {
    let agencyId: string | null = null;
    if (account.agencyCode) {
      const [agency] = await db
        .select({ id: agencies.id })
        .from(agencies)
        .where(and(eq(agencies.tenantId, tenantId), eq(agencies.code, account.agencyCode)));
      if (!agency) throw new Error(`demo account agency ${account.agencyCode} is missing`);
      agencyId = agency.id;
    }
    await createUser(db, actor, tenantId, {
      username: account.username,
      displayName: account.displayName,
      email: `${account.username}@demo.tiendo.invalid`,
      role: account.role,
      agencyId,
      password: DEMO_PASSWORD,
      demo: true,
    });
  }
}
