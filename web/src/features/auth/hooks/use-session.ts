// The session: who is signed in (GET /api/auth/session), signing in and out, changing one's password.
import type { Session } from '@features/auth/schema';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { apiGet, apiSend, setCsrfToken } from '../../../app/api';
import { LOGIN_PATH } from '../redirect';

export const sessionKey = ['auth', 'session'] as const;

const SIGNED_OUT: Session = { user: null, csrfToken: null };

// What the login page says after the app signed the user out (password changed, every device
// signed out). Kept here rather than in the navigation's state: the layout, seeing no user, may
// redirect to the login page before that navigation lands.
let loginNotice: string | null = null;

/** The message for the login page, if the last sign-out left one. */
export function currentLoginNotice(): string | null {
  return loginNotice;
}

const isSessionQuery = (key: readonly unknown[]) =>
  key[0] === sessionKey[0] && key[1] === sessionKey[1];

/** Whatever was loaded for the previous user goes; only the session stays. */
function forgetUserData(queryClient: QueryClient) {
  queryClient.removeQueries({ predicate: (q) => !isSessionQuery(q.queryKey) });
}

export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async ({ signal }) => {
      const session = await apiGet<Session>('/api/auth/session', undefined, signal);
      // Before anyone can send a request with it: effects run only after the next render.
      setCsrfToken(session.csrfToken);
      return session;
    },
    staleTime: 5 * 60_000,
  });
}

/** The signed-in user; only for components rendered inside the signed-in layout. */
export function useCurrentUser() {
  const user = useSession().data?.user;
  if (!user) throw new Error('useCurrentUser outside the signed-in layout');
  return user;
}

/** After the server ended the session: forget everything and show the login page (with a notice). */
export function useSignedOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(
    async (notice?: string) => {
      setCsrfToken(null);
      loginNotice = notice ?? null;
      // A session request still on its way (sent before the server ended the session) would
      // answer "signed in" after this and put the ended session back: cancel it first.
      await queryClient.cancelQueries({ queryKey: sessionKey });
      navigate(LOGIN_PATH, { replace: true });
      forgetUserData(queryClient);
      queryClient.setQueryData(sessionKey, SIGNED_OUT);
    },
    [queryClient, navigate],
  );
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      apiSend<Session>('POST', '/api/auth/login', body),
    onSuccess: (session) => {
      loginNotice = null;
      setCsrfToken(session.csrfToken);
      forgetUserData(queryClient);
      queryClient.setQueryData(sessionKey, session);
    },
  });
}

export function useLogout() {
  const signedOut = useSignedOut();
  return useMutation({
    mutationFn: () => apiSend<null>('POST', '/api/auth/logout'),
    onSuccess: () => signedOut(),
  });
}

export function useLogoutEverywhere() {
  const signedOut = useSignedOut();
  return useMutation({
    mutationFn: () => apiSend<{ ended: number }>('POST', '/api/auth/logout-all'),
    onSuccess: ({ ended }) =>
      signedOut(`Đã đăng xuất khỏi mọi thiết bị (${ended} phiên làm việc).`),
  });
}

export function useChangePassword() {
  const signedOut = useSignedOut();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      apiSend<null>('POST', '/api/auth/password', body),
    onSuccess: () =>
      signedOut(
        'Đã đổi mật khẩu. Mọi phiên làm việc đã kết thúc: hãy đăng nhập lại bằng mật khẩu mới.',
      ),
  });
}
