// The root address ("/", where signing in lands without a page asked for): each role's first page
// (auth/redirect.ts#homePathFor) – leadership the dashboard, everyone else their work.
import { Navigate } from 'react-router';
import { useCurrentUser } from '../features/auth/hooks/use-session';
import { homePathFor } from '../features/auth/redirect';

export function HomeRedirect() {
  const user = useCurrentUser();
  return <Navigate to={homePathFor(user.role)} replace />;
}
