// A figure's list becomes the address of its page, in that page's own terms, and the page reads
// back exactly the filter the figure counted.
import { describe, expect, it } from 'vitest';
import { homePathFor } from '../auth/redirect';
import { readProjectsPageState } from '../projects/search-params';
import { readTargetsPageState } from '../targets/search-params';
import { readTasksPageState } from '../tasks/search-params';
import { hrefOf } from './links';
import { readDashboardPageState, writeDashboardPageState } from './search-params';

const PLAN = '11111111-1111-4111-8111-111111111111';
const AGENCY = '22222222-2222-4222-8222-222222222222';

const paramsOf = (href: string | null) => new URL(href ?? '', 'http://x').searchParams;

describe('figure links', () => {
  it('leads a task figure to the tasks page with its plan, sector, agency, state and age', () => {
    const href = hrefOf({
      kind: 'tasks',
      query: { planId: PLAN, sector: 'Giao thông', agencyId: AGENCY, overdueAge: 'over_60' },
    });
    expect(href?.startsWith('/nhiem-vu?')).toBe(true);
    expect(readTasksPageState(paramsOf(href))).toMatchObject({
      planId: PLAN,
      sector: 'Giao thông',
      agencyId: AGENCY,
      overdueAge: 'over_60',
      sort: 'due',
    });
    const open = readTasksPageState(paramsOf(hrefOf({ kind: 'tasks', query: { open: 'true' } })));
    expect(open.open).toBe(true);
    expect(hrefOf({ kind: 'tasks', query: {} })).toBe('/nhiem-vu');
  });

  it('leads targets, projects and a period to their pages', () => {
    const targets = hrefOf({ kind: 'targets', query: { planId: PLAN, projection: 'off_track' } });
    expect(targets?.startsWith('/chi-tieu?')).toBe(true);
    expect(readTargetsPageState(paramsOf(targets))).toMatchObject({
      planId: PLAN,
      projection: 'off_track',
    });
    const projects = hrefOf({
      kind: 'projects',
      query: { ownerAgencyId: AGENCY, year: '2026', slipping: 'true' },
    });
    expect(projects?.startsWith('/du-an?')).toBe(true);
    expect(readProjectsPageState(paramsOf(projects))).toMatchObject({
      ownerAgencyId: AGENCY,
      year: 2026,
      slipping: true,
    });
    expect(hrefOf({ kind: 'period', query: { periodId: PLAN } })).toBe(`/bao-cao/ky/${PLAN}`);
    expect(hrefOf(null)).toBeNull();
  });

  it('keeps the dashboard’s filters in the address and lands leadership on it', () => {
    const state = { planId: PLAN, periodId: undefined, sector: 'Đô thị', agencyId: AGENCY };
    expect(readDashboardPageState(writeDashboardPageState(state))).toEqual(state);
    expect(readDashboardPageState(new URLSearchParams('plan=x&agency=1'))).toEqual({
      planId: undefined,
      periodId: undefined,
      sector: undefined,
      agencyId: undefined,
    });
    expect(homePathFor('leadership')).toBe('/tong-quan');
    expect(homePathFor('agency_officer')).toBe('/viec-cua-toi');
  });
});
