// Reading and changing proposed adjustments and their batches. Every change reloads the lists, the
// batch and the task or target it touched (an accepted proposal changes the plan).
import type {
  BatchDetail,
  batchListSchema,
  Proposal,
  ProposalState,
  proposalListSchema,
} from '@features/adjustments/schema';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiGet, apiSend, apiSendForm } from '../../../app/api';
import { assertRecordId } from '../../../app/ids';

type ProposalList = z.infer<typeof proposalListSchema>;
type BatchList = z.infer<typeof batchListSchema>;
const enc = encodeURIComponent;

export type ProposalFilter = {
  planId?: string | undefined;
  state?: ProposalState | undefined;
  agencyId?: string | undefined;
  unbatched?: boolean | undefined;
};

export function useProposals(filter: ProposalFilter, page: number, pageSize: number) {
  const query = {
    planId: filter.planId,
    state: filter.state,
    agencyId: filter.agencyId,
    unbatched: filter.unbatched ? 'true' : undefined,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
  return useQuery({
    queryKey: ['adjustments', 'list', query],
    queryFn: ({ signal }) => apiGet<ProposalList>('/api/adjustments', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProposal(id: string) {
  return useQuery({
    queryKey: ['adjustments', 'detail', id],
    queryFn: ({ signal }) => {
      assertRecordId(id);
      return apiGet<Proposal>(`/api/adjustments/${enc(id)}`, undefined, signal);
    },
  });
}

export function useBatches(enabled: boolean) {
  return useQuery({
    queryKey: ['adjustments', 'batches'],
    queryFn: ({ signal }) => apiGet<BatchList>('/api/adjustment-batches', undefined, signal),
    enabled,
  });
}

export function useBatch(id: string) {
  return useQuery({
    queryKey: ['adjustments', 'batch', id],
    queryFn: ({ signal }) => {
      assertRecordId(id);
      return apiGet<BatchDetail>(`/api/adjustment-batches/${enc(id)}`, undefined, signal);
    },
  });
}

function useAdjustmentMutation<TBody, TResult>(send: (body: TBody) => Promise<TResult>) {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['adjustments'] });
    void queryClient.invalidateQueries({ queryKey: ['tasks'] });
    void queryClient.invalidateQueries({ queryKey: ['targets'] });
    void queryClient.invalidateQueries({ queryKey: ['plans'] });
  };
  return useMutation({ mutationFn: send, onSuccess: refresh, onError: refresh });
}

/** The fields of a proposal as the server reads them (multipart), by kind. */
export type ProposalInput = Record<string, string | undefined> & { kind: string; reason: string };

export function usePropose() {
  return useAdjustmentMutation((input: { fields: ProposalInput; evidence: File[] }) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(input.fields)) if (v !== undefined) form.set(k, v);
    for (const file of input.evidence) form.append('evidence', file, file.name);
    return apiSendForm<Proposal>('/api/adjustments', form);
  });
}

export function useWithdraw() {
  return useAdjustmentMutation((p: { id: string; version: number }) =>
    apiSend<Proposal>('POST', `/api/adjustments/${enc(p.id)}/withdraw`, { version: p.version }),
  );
}

export function useDecide() {
  return useAdjustmentMutation(
    (p: { id: string; version: number; decision: 'accept' | 'reject'; note?: string }) =>
      apiSend<Proposal>('POST', `/api/adjustments/${enc(p.id)}/decision`, {
        version: p.version,
        decision: p.decision,
        ...(p.note ? { note: p.note } : {}),
      }),
  );
}

export function useCreateBatch() {
  return useAdjustmentMutation((body: { planId: string; opinion: string; proposalIds: string[] }) =>
    apiSend<BatchDetail>('POST', '/api/adjustment-batches', body),
  );
}

export function useUpdateBatch(id: string) {
  return useAdjustmentMutation(
    (body: { version: number; opinion: string; proposalIds: string[] }) =>
      apiSend<BatchDetail>('PUT', `/api/adjustment-batches/${enc(id)}`, body),
  );
}

export function useSubmitBatch(id: string) {
  return useAdjustmentMutation((body: { version: number }) =>
    apiSend<BatchDetail>('POST', `/api/adjustment-batches/${enc(id)}/submit`, body),
  );
}
