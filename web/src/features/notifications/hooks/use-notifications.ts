// The signed-in user's notifications: the latest ones with the number unread, polled every minute
// and when the window comes back into focus; marking one or all read.
import type { Notification, NotificationList } from '@features/notifications/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../app/api';

export const NOTIFICATIONS_SHOWN = 20;
const POLL_MS = 60_000;

export const notificationsKey = ['notifications', 'list'] as const;

export function useNotifications() {
  return useQuery({
    queryKey: notificationsKey,
    queryFn: ({ signal }) =>
      apiGet<NotificationList>('/api/notifications', { limit: NOTIFICATIONS_SHOWN }, signal),
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 15_000,
  });
}

/** The list as it is once `ids` (all when null) are read: shown at once, confirmed by a reload. */
function markedRead(list: NotificationList, ids: ReadonlySet<string> | null): NotificationList {
  const now = new Date().toISOString();
  let newlyRead = 0;
  const items = list.items.map((n) => {
    if (n.readAt || (ids && !ids.has(n.id))) return n;
    newlyRead += 1;
    return { ...n, readAt: now };
  });
  const unreadCount = ids ? Math.max(0, list.unreadCount - newlyRead) : 0;
  return { items, unreadCount };
}

function useReadMutation<TArg>(
  send: (arg: TArg) => Promise<unknown>,
  ids: (arg: TArg) => Set<string> | null,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onMutate: async (arg: TArg) => {
      await queryClient.cancelQueries({ queryKey: notificationsKey });
      const previous = queryClient.getQueryData<NotificationList>(notificationsKey);
      if (previous) queryClient.setQueryData(notificationsKey, markedRead(previous, ids(arg)));
      return { previous };
    },
    onError: (_error, _arg, context) => {
      if (context?.previous) queryClient.setQueryData(notificationsKey, context.previous);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}

export function useMarkRead() {
  return useReadMutation(
    (id: string) =>
      apiSend<Notification>('POST', `/api/notifications/${encodeURIComponent(id)}/read`),
    (id) => new Set([id]),
  );
}

export function useMarkAllRead() {
  return useReadMutation(
    () => apiSend<{ updated: number }>('POST', '/api/notifications/read-all'),
    () => null,
  );
}
