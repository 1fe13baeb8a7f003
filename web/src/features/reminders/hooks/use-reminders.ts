// What the reminder job sent for a period (consolidator, leadership) and the agencies escalated
// for being 5 working days late (leadership, consolidator, administrator).
import type { EscalationList, PeriodReminders } from '@features/reminders/schema';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api';

export function usePeriodReminders(periodId: string) {
  return useQuery({
    queryKey: ['periods', periodId, 'reminders'],
    queryFn: ({ signal }) =>
      apiGet<PeriodReminders>(
        `/api/periods/${encodeURIComponent(periodId)}/reminders`,
        undefined,
        signal,
      ),
  });
}

export function useEscalations(periodId?: string) {
  return useQuery({
    queryKey: ['escalations', periodId ?? null],
    queryFn: ({ signal }) => apiGet<EscalationList>('/api/escalations', { periodId }, signal),
  });
}
