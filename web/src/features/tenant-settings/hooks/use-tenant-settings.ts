// The province's settings (GET/PUT /api/tenant/settings): what is stored, what the documents use,
// and whether the caller may change them. A change carries the version it was made on (409 when
// someone else saved in between).
import type { TenantSettingsUpdate, TenantSettingsView } from '@features/tenant-settings/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../app/api';

export const tenantSettingsKey = ['tenant', 'settings'] as const;

export function useTenantSettings() {
  return useQuery({
    queryKey: tenantSettingsKey,
    queryFn: ({ signal }) => apiGet<TenantSettingsView>('/api/tenant/settings', undefined, signal),
  });
}

export function useSaveTenantSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TenantSettingsUpdate) =>
      apiSend<TenantSettingsView>('PUT', '/api/tenant/settings', body),
    onSuccess: (view) => queryClient.setQueryData(tenantSettingsKey, view),
  });
}
