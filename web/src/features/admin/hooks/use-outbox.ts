// The mail outbox (administrators): mail queued for users, and whether an SMTP server sends it.
import type { OutboxList, OutboxStatus } from '@features/notifications/schema';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api';

export function useOutbox(status: OutboxStatus, page: { limit: number; offset: number }) {
  const query = { status, ...page };
  return useQuery({
    queryKey: ['outbox', query],
    queryFn: ({ signal }) => apiGet<OutboxList>('/api/outbox', query, signal),
    placeholderData: keepPreviousData,
  });
}
