// The tenant (province) this address serves (GET /api/tenant): its name on the login page and in
// the header comes from the server, never from the client's code.
import type { TenantView } from '@features/tenants/schema';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api';

export const tenantKey = ['tenant'] as const;

export function useTenant() {
  return useQuery({
    queryKey: tenantKey,
    queryFn: ({ signal }) => apiGet<TenantView>('/api/tenant', undefined, signal),
    // It changes only when the operator renames the tenant.
    staleTime: 60 * 60_000,
  });
}
