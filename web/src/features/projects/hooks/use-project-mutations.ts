// Everything a person can do on a key project: send a monthly update (multipart, with evidence),
// approve or return one, complete the project (consolidator), load the capital spreadsheet. Every
// change reloads the project and the list; a change refused because someone else changed the
// project first (409) reloads it too, and the form says so.
import type {
  CapitalImportResult,
  ProjectDetail,
  ProjectEdit,
  ProjectUpdateReview,
  ProjectUpdateView,
} from '@features/projects/schema';
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiSend, apiSendForm } from '../../../app/api';
import { projectKey } from './use-projects';

const enc = encodeURIComponent;

function refresh(queryClient: QueryClient, projectId?: string) {
  if (projectId) void queryClient.invalidateQueries({ queryKey: projectKey(projectId) });
  else void queryClient.invalidateQueries({ queryKey: ['projects', 'detail'] });
  void queryClient.invalidateQueries({ queryKey: ['projects', 'list'] });
  void queryClient.invalidateQueries({ queryKey: ['my-work'] });
}

function useProjectMutation<TBody, TResult>(
  projectId: string,
  send: (body: TBody) => Promise<TResult>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => refresh(queryClient, projectId),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) refresh(queryClient, projectId);
    },
  });
}

export type MonthlyUpdateInput = {
  version: number;
  year: number;
  month: number;
  /** The month's disbursement in tỷ đồng ("12.5"); absent when not reported. */
  disbursed?: string | undefined;
  clearanceDone?: string | undefined;
  constructionPercent?: number | undefined;
  milestones: { kind: string; actualOn: string }[];
  narrative: string;
  evidence: File[];
};

export function useSendMonthlyUpdate(projectId: string) {
  return useProjectMutation(projectId, (input: MonthlyUpdateInput) => {
    const form = new FormData();
    form.set('version', String(input.version));
    form.set('year', String(input.year));
    form.set('month', String(input.month));
    if (input.disbursed !== undefined) form.set('disbursed', input.disbursed);
    if (input.clearanceDone !== undefined) form.set('clearanceDone', input.clearanceDone);
    if (input.constructionPercent !== undefined)
      form.set('constructionPercent', String(input.constructionPercent));
    if (input.milestones.length > 0) form.set('milestones', JSON.stringify(input.milestones));
    form.set('narrative', input.narrative);
    for (const file of input.evidence) form.append('evidence', file, file.name);
    return apiSendForm<ProjectUpdateView>(`/api/projects/${enc(projectId)}/updates`, form);
  });
}

export function useReviewUpdate(projectId: string) {
  return useProjectMutation(
    projectId,
    ({ updateId, ...body }: ProjectUpdateReview & { updateId: string }) =>
      apiSend<ProjectUpdateView>('POST', `/api/project-updates/${enc(updateId)}/review`, body),
  );
}

export function useEditProject(projectId: string) {
  return useProjectMutation(projectId, (body: ProjectEdit) =>
    apiSend<ProjectDetail>('PUT', `/api/projects/${enc(projectId)}`, body),
  );
}

export function useCapitalImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return apiSendForm<CapitalImportResult>('/api/projects/capital-import', form);
    },
    onSuccess: () => refresh(queryClient),
  });
}

/** The address of the capital spreadsheet's template for a month (a download). */
export function capitalTemplateUrl(year: number, month: number): string {
  return `/api/projects/capital-template?year=${year}&month=${month}`;
}

/** Adds files to the project's own documents (the consolidator or the owner agency's staff). */
export function useAddDocuments(projectId: string) {
  return useProjectMutation(projectId, ({ version, files }: { version: number; files: File[] }) => {
    const form = new FormData();
    form.set('version', String(version));
    for (const file of files) form.append('evidence', file, file.name);
    return apiSendForm<ProjectDetail>(`/api/projects/${enc(projectId)}/documents`, form);
  });
}
