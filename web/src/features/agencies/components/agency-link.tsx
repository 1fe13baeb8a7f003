// A link to an agency's detail: the drawer of the agencies page, kept with its filters when already
// there (/co-quan?…&id=…).
import type { AgencySummary } from '@features/agencies/schema';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';

export const AGENCIES_PATH = '/co-quan';

export function agencyHref(id: string, currentPath: string, currentSearch: string): string {
  const params = new URLSearchParams(currentPath === AGENCIES_PATH ? currentSearch : '');
  params.set('id', id);
  return `${AGENCIES_PATH}?${params.toString()}`;
}

export function AgencyLink({
  agency,
  children,
}: {
  agency: Pick<AgencySummary, 'id' | 'name'>;
  children?: ReactNode;
}) {
  const { pathname, search } = useLocation();
  return (
    <Link to={agencyHref(agency.id, pathname, search)} data-testid="agency-link">
      {children ?? agency.name}
    </Link>
  );
}
