// An agency's report for a period: reading it (pre-filled while it can be edited), its versions,
// the caller's own reports, a period's list; every step of the workflow and the Excel upload.
// A step refused because someone else changed the report first (409) reloads it.
import type {
  AgencyReportView,
  MyReportList,
  PeriodReportList,
  ReportSave,
  ReportVersionView,
} from '@features/agency-reports/schema';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiGet, apiSend, apiSendForm } from '../../../app/api';
import { assertRecordId } from '../../../app/ids';

const enc = encodeURIComponent;

export const reportPath = (periodId: string, agencyId: string) =>
  `/api/periods/${enc(periodId)}/agency-reports/${enc(agencyId)}`;

/** The web page of a report. */
export const reportPagePath = (periodId: string, agencyId: string) =>
  `/bao-cao/ky/${periodId}/co-quan/${agencyId}`;

export const reportKey = (periodId: string, agencyId: string) =>
  ['agency-reports', 'detail', periodId, agencyId] as const;

export function useAgencyReport(periodId: string, agencyId: string) {
  return useQuery({
    queryKey: reportKey(periodId, agencyId),
    queryFn: ({ signal }) => {
      assertRecordId(periodId);
      assertRecordId(agencyId);
      return apiGet<AgencyReportView>(reportPath(periodId, agencyId), undefined, signal);
    },
  });
}

export function useReportVersions(periodId: string, agencyId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...reportKey(periodId, agencyId), 'versions'],
    queryFn: ({ signal }) =>
      apiGet<{ items: ReportVersionView[] }>(
        `${reportPath(periodId, agencyId)}/versions`,
        undefined,
        signal,
      ),
    enabled,
  });
}

export function useMyReports() {
  return useQuery({
    queryKey: ['agency-reports', 'mine'],
    queryFn: ({ signal }) => apiGet<MyReportList>('/api/agency-reports/mine', undefined, signal),
  });
}

export function usePeriodReports(periodId: string) {
  return useQuery({
    queryKey: ['agency-reports', 'period', periodId],
    queryFn: ({ signal }) => {
      assertRecordId(periodId);
      return apiGet<PeriodReportList>(
        `/api/periods/${enc(periodId)}/agency-reports`,
        undefined,
        signal,
      );
    },
  });
}

function refresh(queryClient: QueryClient, periodId: string, agencyId: string) {
  void queryClient.invalidateQueries({ queryKey: reportKey(periodId, agencyId) });
  void queryClient.invalidateQueries({ queryKey: ['agency-reports', 'mine'] });
  void queryClient.invalidateQueries({ queryKey: ['agency-reports', 'period', periodId] });
}

function useReportMutation<TBody>(
  periodId: string,
  agencyId: string,
  send: (body: TBody) => Promise<AgencyReportView>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (report) => {
      queryClient.setQueryData(reportKey(periodId, agencyId), report);
      refresh(queryClient, periodId, agencyId);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409)
        refresh(queryClient, periodId, agencyId);
    },
  });
}

export function useSaveReport(periodId: string, agencyId: string) {
  return useReportMutation(periodId, agencyId, (body: ReportSave) =>
    apiSend<AgencyReportView>('PUT', reportPath(periodId, agencyId), body),
  );
}

export type ReportStep = 'submit' | 'accept' | 'return' | 'unlock';

export function useReportStep(periodId: string, agencyId: string) {
  return useReportMutation(
    periodId,
    agencyId,
    ({ step, version, reason }: { step: ReportStep; version: number; reason?: string }) =>
      apiSend<AgencyReportView>(
        'POST',
        `${reportPath(periodId, agencyId)}/${step}`,
        reason === undefined ? { version } : { version, reason },
      ),
  );
}

export function useUploadReport(periodId: string, agencyId: string) {
  return useReportMutation(periodId, agencyId, (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return apiSendForm<AgencyReportView>(`${reportPath(periodId, agencyId)}/upload`, form);
  });
}

export const templateUrl = (periodId: string, agencyId: string) =>
  `${reportPath(periodId, agencyId)}/template.xlsx`;
