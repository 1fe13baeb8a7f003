// The dashboard keeps its filters in the address, so that a view can be linked and printed:
// /tong-quan?plan=…&period=…&sector=Giao+thông&agency=….
export type DashboardPageState = {
  planId: string | undefined;
  periodId: string | undefined;
  sector: string | undefined;
  agencyId: string | undefined;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOrUndefined = (v: string | null) => (v && UUID.test(v) ? v : undefined);

export function readDashboardPageState(params: URLSearchParams): DashboardPageState {
  return {
    planId: uuidOrUndefined(params.get('plan')),
    periodId: uuidOrUndefined(params.get('period')),
    sector: params.get('sector')?.trim().slice(0, 200) || undefined,
    agencyId: uuidOrUndefined(params.get('agency')),
  };
}

export function writeDashboardPageState(state: DashboardPageState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.planId) params.set('plan', state.planId);
  if (state.periodId) params.set('period', state.periodId);
  if (state.sector) params.set('sector', state.sector);
  if (state.agencyId) params.set('agency', state.agencyId);
  return params;
}
