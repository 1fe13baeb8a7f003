// The audit page keeps its filter in the address, so that a search can be linked and survives a
// reload: /quan-tri/nhat-ky?entity=task&action=update&from=2025-03-01&page=2.
import type { AuditFilterValues } from './hooks/use-audit';

export const AUDIT_PAGE_SIZES = [20, 50, 100, 200] as const;
const DEFAULT_SIZE = 50;

export type AuditPageState = AuditFilterValues & { page: number; pageSize: number };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TEXT_KEYS = ['entity', 'entityId', 'actor', 'action'] as const;

function positiveInt(v: string | null, fallback: number): number {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function isoDate(v: string | null): string | undefined {
  return v && ISO_DATE.test(v) ? v : undefined;
}

export function readAuditPageState(params: URLSearchParams): AuditPageState {
  const size = positiveInt(params.get('size'), DEFAULT_SIZE);
  const state: AuditPageState = {
    page: positiveInt(params.get('page'), 1),
    pageSize: (AUDIT_PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_SIZE,
    from: isoDate(params.get('from')),
    to: isoDate(params.get('to')),
  };
  for (const key of TEXT_KEYS) {
    const value = params.get(key)?.trim();
    if (value) state[key] = value;
  }
  // A range the server would refuse (to before from) is read as the same range the right way round.
  if (state.from && state.to && state.from > state.to) {
    [state.from, state.to] = [state.to, state.from];
  }
  return state;
}

export function writeAuditPageState(state: AuditPageState): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of TEXT_KEYS) {
    const value = state[key]?.trim();
    if (value) params.set(key, value);
  }
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.page > 1) params.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_SIZE) params.set('size', String(state.pageSize));
  return params;
}

/** The filter part of the state, as the API takes it. */
export function auditFilterOf(state: AuditPageState): AuditFilterValues {
  const { entity, entityId, actor, action, from, to } = state;
  return { entity, entityId, actor, action, from, to };
}

export function hasAuditFilter(state: AuditPageState): boolean {
  return Object.values(auditFilterOf(state)).some(Boolean);
}
