// Where a notification leads in the web client. The server writes paths of the app; a few name an
// address the client spells differently, translated here so that every link opens a page.
import { REORGANISATION_PATH } from '@features/reorganisation/paths';

/** The reorganisation page of the web client. */
export const REORGANISATION_PAGE = '/quan-tri/to-chuc-lai';

/** The path to open for a notification's link; null when it has none usable. */
export function notificationTarget(link: string | null): string | null {
  if (!link?.startsWith('/') || link.startsWith('//')) return null;
  const url = new URL(link, 'http://app.invalid');
  if (url.pathname === REORGANISATION_PATH) url.pathname = REORGANISATION_PAGE;
  // The task list filters by agency with ?agency=…
  if (url.pathname === '/nhiem-vu' && url.searchParams.has('agencyId')) {
    url.searchParams.set('agency', url.searchParams.get('agencyId') ?? '');
    url.searchParams.delete('agencyId');
  }
  return `${url.pathname}${url.search}${url.hash}`;
}

/** "vừa xong", "5 phút trước", "3 giờ trước", then the day and time (with the year if not this one). */
export function notificationTime(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const minutes = Math.floor((now.getTime() - at.getTime()) / 60_000);
  if (minutes < 1) return 'vừa xong';
  if (minutes < 60) return `${minutes} phút trước`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} giờ trước`;
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${pad(at.getDate())}/${pad(at.getMonth() + 1)}`;
  const year = at.getFullYear() === now.getFullYear() ? '' : `/${at.getFullYear()}`;
  return `${day}${year} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
