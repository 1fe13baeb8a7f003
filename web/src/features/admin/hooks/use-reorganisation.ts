// The reorganisation: the tenant's successions, applying one to live tasks, and the review queue
// where a person chooses who takes over after a split or an abolition.
import type {
  ApplyResult,
  CreateSuccessionBody,
  ReassignmentReview,
  ResolveReviewBody,
  ReviewList,
  ReviewListQuery,
  SuccessionList,
  successionSchema,
} from '@features/reorganisation/schema';
import type { z } from 'zod';

type Succession = z.infer<typeof successionSchema>;

import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../app/api';

const enc = encodeURIComponent;

export const successionsKey = ['reorganisation', 'successions'] as const;
export const reviewsKey = (status: ReviewListQuery['status']) =>
  ['reorganisation', 'reviews', status] as const;

export function useSuccessions() {
  return useQuery({
    queryKey: successionsKey,
    queryFn: ({ signal }) => apiGet<SuccessionList>('/api/reorganisation', undefined, signal),
  });
}

export function useReviews(status: ReviewListQuery['status'], enabled = true) {
  return useQuery({
    queryKey: reviewsKey(status),
    queryFn: ({ signal }) => apiGet<ReviewList>('/api/reorganisation/reviews', { status }, signal),
    enabled,
  });
}

/** Who is responsible for tasks changed: every list that shows it reloads. */
function refreshAfterChange(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: ['reorganisation'] });
  void queryClient.invalidateQueries({ queryKey: ['tasks'] });
  void queryClient.invalidateQueries({ queryKey: ['my-work'] });
  void queryClient.invalidateQueries({ queryKey: ['urging'] });
  void queryClient.invalidateQueries({ queryKey: ['agencies'] });
}

export function useApplySuccession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiSend<ApplyResult>('POST', `/api/reorganisation/${enc(id)}/apply`),
    // A refusal (409: already applied by someone else) also reloads, to show it applied.
    onSettled: () => refreshAfterChange(queryClient),
  });
}

export function useResolveReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ResolveReviewBody }) =>
      apiSend<ReassignmentReview>('POST', `/api/reorganisation/reviews/${enc(id)}`, body),
    onSettled: () => refreshAfterChange(queryClient),
  });
}

export function useCreateSuccession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSuccessionBody) =>
      apiSend<Succession>('POST', '/api/reorganisation', body),
    onSuccess: () => refreshAfterChange(queryClient),
  });
}
