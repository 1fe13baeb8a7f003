// Fetching, saving and confirming import drafts.
import type { ImportDraft, ImportDraftUpdate, ResolveAgencyBody } from '@features/imports/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../app/api';
import { assertRecordId } from '../../../app/ids';

export const importKey = (id: string) => ['imports', 'detail', id] as const;

export function useImportDraft(id: string) {
  return useQuery({
    queryKey: importKey(id),
    queryFn: ({ signal }) => {
      assertRecordId(id);
      return apiGet<ImportDraft>(`/api/imports/${encodeURIComponent(id)}`, undefined, signal);
    },
    // The review keeps its own copy; a refetch would only be noticed on the next visit.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSaveImport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (update: ImportDraftUpdate) =>
      apiSend<ImportDraft>('PUT', `/api/imports/${encodeURIComponent(id)}`, update),
    onSuccess: (draft) => queryClient.setQueryData(importKey(id), draft),
  });
}

export function useConfirmImport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; newVersion: boolean; acknowledgedGaps: string[] }) =>
      apiSend<{ planId: string }>('POST', `/api/imports/${encodeURIComponent(id)}/confirm`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
      void queryClient.invalidateQueries({ queryKey: importKey(id) });
    },
  });
}

/** Maps an agency the registry does not know, or adds it; the answer is the draft after it. */
export function useResolveAgency(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ResolveAgencyBody) =>
      apiSend<ImportDraft>('POST', `/api/imports/${encodeURIComponent(id)}/agencies`, body),
    onSuccess: (draft) => {
      queryClient.setQueryData(importKey(id), draft);
      // A new agency or a new spelling changes the registry the pickers search.
      void queryClient.invalidateQueries({ queryKey: ['agencies'] });
    },
  });
}
