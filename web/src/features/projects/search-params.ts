// The projects page keeps its filters in the address, so that a filtered list can be linked and the
// back button returns to it: /du-an?plan=…&sector=…&form=bot&owner=…&year=2026&page=2; the
// dashboard's "milestones slipping" links with slipping=1.
import type { InvestmentForm } from '@features/projects/schema';
import { INVESTMENT_FORMS } from './labels';

export const PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;

export type ProjectsPageState = {
  planId: string | undefined;
  sector: string | undefined;
  investmentForm: InvestmentForm | undefined;
  ownerAgencyId: string | undefined;
  /** Only projects with a milestone not reached by its planned day. */
  slipping: boolean;
  /** The year the figures are for; the server's current year when absent. */
  year: number | undefined;
  page: number;
  pageSize: number;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOrUndefined = (v: string | null) => (v && UUID.test(v) ? v : undefined);
const isForm = (v: string | null): v is InvestmentForm =>
  v !== null && (INVESTMENT_FORMS as readonly string[]).includes(v);

function positiveInt(v: string | null, fallback: number): number {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function readProjectsPageState(params: URLSearchParams): ProjectsPageState {
  const form = params.get('form');
  const year = Number(params.get('year'));
  const size = positiveInt(params.get('size'), DEFAULT_PAGE_SIZE);
  return {
    planId: uuidOrUndefined(params.get('plan')),
    sector: params.get('sector')?.trim() || undefined,
    investmentForm: isForm(form) ? form : undefined,
    ownerAgencyId: uuidOrUndefined(params.get('owner')),
    slipping: params.get('slipping') === '1',
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined,
    page: positiveInt(params.get('page'), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
}

export function writeProjectsPageState(state: ProjectsPageState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.planId) params.set('plan', state.planId);
  if (state.sector) params.set('sector', state.sector);
  if (state.investmentForm) params.set('form', state.investmentForm);
  if (state.ownerAgencyId) params.set('owner', state.ownerAgencyId);
  if (state.slipping) params.set('slipping', '1');
  if (state.year) params.set('year', String(state.year));
  if (state.page > 1) params.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) params.set('size', String(state.pageSize));
  return params;
}
