// A second province for tests: Đồng Tháp from examples/dong-thap-agencies.csv, served on its own
// host name (Chromium resolves any *.localhost to this machine, so a browser test can open
// http://dongthap.localhost:<port> and be in this tenant), with an administrator.
import { fileURLToPath } from 'node:url';
import type { Db } from '../../src/db/client.js';
import { checkRegistry, readRegistryCells } from '../../src/features/tenants/registry-file.js';
import { type CreatedTenant, createTenant } from '../../src/features/tenants/service.js';
import { TEST_PASSWORD } from './users.js';

export const DONG_THAP_REGISTRY = fileURLToPath(
  new URL('../../examples/dong-thap-agencies.csv', import.meta.url),
);

/**
 * Creates the Đồng Tháp tenant (registry of 20 agencies, consolidator STC) on `hosts`, with the
 * administrator `adminUsername` (password TEST_PASSWORD). A running app sees it at once only after
 * `app.tenants.invalidate()` (else within its cache's 10 seconds).
 */
export async function createDongThap(
  db: Db,
  options: { hosts: string[]; adminUsername?: string; code?: string },
): Promise<CreatedTenant> {
  return createTenant(
    db,
    { id: 'test' },
    {
      code: options.code ?? 'dong-thap',
      province: '82',
      hosts: options.hosts,
      registry: checkRegistry(await readRegistryCells(DONG_THAP_REGISTRY)),
      settings: { consolidator: 'STC' },
      admin: {
        username: options.adminUsername ?? 'quantri',
        displayName: 'Quản trị Đồng Tháp',
        email: null,
        password: TEST_PASSWORD,
      },
    },
  );
}
