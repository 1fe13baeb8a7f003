// Where the login page sends the user afterwards (?tiep=…): only a path of this application,
// never another site ("//evil.example", "https://…") and never the login page itself.

export const LOGIN_PATH = '/dang-nhap';
/** The application's root: each role's own first page (app/home-redirect.tsx, homePathFor). */
export const HOME_PATH = '/';

/**
 * Where a role lands: leadership on the dashboard, the Fatherland Front's supervisor on the
 * accepted reports, everyone else on their work.
 */
export function homePathFor(role: string): string {
  if (role === 'leadership') return '/tong-quan';
  if (role === 'supervisor') return '/giam-sat';
  return '/viec-cua-toi';
}
export const RETURN_PARAM = 'tiep';

export function safeReturnPath(raw: string | null): string {
  if (!raw?.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) {
    return HOME_PATH;
  }
  if (raw === LOGIN_PATH || raw.startsWith(`${LOGIN_PATH}?`) || raw.startsWith(`${LOGIN_PATH}/`)) {
    return HOME_PATH;
  }
  return raw;
}

/** The login page's address for someone who wanted `path` (pathname + search). */
export function loginPathFor(path: string): string {
  if (path === HOME_PATH) return LOGIN_PATH;
  return `${LOGIN_PATH}?${new URLSearchParams({ [RETURN_PARAM]: path }).toString()}`;
}
