// Keeps the API client in step with the session: the CSRF token of the current session, and a
// session that ended on the server (any 401) sends the app back to the login page.
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { setCsrfToken, setUnauthenticatedHandler } from '../../app/api';
import { sessionKey, useSession } from './hooks/use-session';

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const session = useSession();
  const csrfToken = session.data?.csrfToken ?? null;

  useEffect(() => {
    setCsrfToken(csrfToken);
  }, [csrfToken]);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      void queryClient.invalidateQueries({ queryKey: sessionKey });
    });
    return () => setUnauthenticatedHandler(null);
  }, [queryClient]);

  return children;
}
