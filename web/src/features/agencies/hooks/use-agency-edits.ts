// Changing the agency registry: add, edit (names, kind, other names), end. After a change every
// list that names agencies reloads, and so does the reorganisation when an end records a
// succession.
import type {
  AgencyDetail,
  CreateAgencyBody,
  EndAgencyBody,
  UpdateAgencyBody,
} from '@features/agencies/schema';
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../app/api';

const enc = encodeURIComponent;

function refreshAfterChange(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: ['agencies'] });
  // Task and work lists show agencies by name; an end with successors is a new succession.
  void queryClient.invalidateQueries({ queryKey: ['tasks'] });
  void queryClient.invalidateQueries({ queryKey: ['reorganisation'] });
}

export function useCreateAgency() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAgencyBody) => apiSend<AgencyDetail>('POST', '/api/agencies', body),
    onSuccess: () => refreshAfterChange(queryClient),
  });
}

export function useUpdateAgency(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateAgencyBody) =>
      apiSend<AgencyDetail>('PATCH', `/api/agencies/${enc(id)}`, body),
    onSuccess: () => refreshAfterChange(queryClient),
  });
}

export function useEndAgency(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EndAgencyBody) =>
      apiSend<AgencyDetail>('POST', `/api/agencies/${enc(id)}/end`, body),
    // A refusal (409: ended by someone else meanwhile) also reloads, to show it ended.
    onSettled: () => refreshAfterChange(queryClient),
  });
}
