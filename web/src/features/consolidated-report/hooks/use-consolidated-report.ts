// The province's consolidated report of a reporting period: its view (figures counted from data,
// the narrative with its version, what the caller may do), saving the narrative, and the
// addresses of its three downloads. A save refused because someone else saved first (409)
// reloads the view, so the page can offer the newer version.
import type { ConsolidatedReportView, Narrative } from '@features/consolidated-report/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiGet, apiSend } from '../../../app/api';
import { assertRecordId } from '../../../app/ids';

const enc = encodeURIComponent;

export const consolidatedReportPath = (periodId: string) =>
  `/api/periods/${enc(periodId)}/consolidated-report`;

export const consolidatedReportKey = (periodId: string) =>
  ['consolidated-report', periodId] as const;

export function useConsolidatedReport(periodId: string) {
  return useQuery({
    queryKey: consolidatedReportKey(periodId),
    queryFn: ({ signal }) => {
      assertRecordId(periodId);
      return apiGet<ConsolidatedReportView>(consolidatedReportPath(periodId), undefined, signal);
    },
  });
}

export type NarrativeSave = { version: number; narrative: Narrative };

export function useSaveNarrative(periodId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NarrativeSave) =>
      apiSend<ConsolidatedReportView>('PUT', consolidatedReportPath(periodId), body),
    onSuccess: (view) => queryClient.setQueryData(consolidatedReportKey(periodId), view),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: consolidatedReportKey(periodId) });
    },
  });
}

/** The downloads (plain links: the session cookie goes along). */
export const consolidatedDownloads = (periodId: string) => {
  const path = consolidatedReportPath(periodId);
  return {
    report: `${path}.docx`,
    appendixDocx: `${path}/appendix.docx`,
    appendixXlsx: `${path}/appendix.xlsx`,
  };
};
