// User administration: the accounts of the province, creating, changing, resetting a password.
import type { CreateUserBody, UpdateUserBody, User } from '@features/users/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../app/api';

export const usersKey = ['users', 'list'] as const;

export function useUsers() {
  return useQuery({
    queryKey: usersKey,
    queryFn: ({ signal }) => apiGet<{ items: User[] }>('/api/users', undefined, signal),
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => apiSend<User>('POST', '/api/users', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: UpdateUserBody }) =>
      apiSend<User>('PATCH', `/api/users/${encodeURIComponent(id)}`, change),
    // A refusal (409: changed by someone else) also reloads, to show what the account is now.
    onSettled: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      apiSend<null>('POST', `/api/users/${encodeURIComponent(id)}/password`, { password }),
    // A reset also lifts a temporary lock and changes the account's version.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}
