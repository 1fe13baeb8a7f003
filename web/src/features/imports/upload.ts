// Sending a plan document to POST /api/imports with XMLHttpRequest: fetch cannot report upload
// progress, and a 20 MB file on a slow line takes a while.
import type { ImportDraft } from '@features/imports/schema';
import { ApiError, csrfHeaders, errorFromResponse, NETWORK_ERROR, withQuery } from '../../app/api';
import { BusyError, importErrorMessage, MAX_UPLOAD_MB, retryAfterSeconds } from './messages';

export const ACCEPTED_EXTENSIONS = ['.docx', '.pdf', '.txt', '.md'] as const;
export const MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024;

/** The ApiError the server would answer for a file it cannot take, checked before sending it. */
export function rejectBeforeUpload(file: { name: string; size: number }): ApiError | null {
  const name = file.name.toLowerCase();
  if (!ACCEPTED_EXTENSIONS.some((ext) => name.endsWith(ext))) {
    return new ApiError(415, 'unsupported_format');
  }
  if (file.size === 0) return new ApiError(400, 'empty_document');
  if (file.size > MAX_UPLOAD_BYTES) return new ApiError(413, 'file_too_large');
  return null;
}

export type UploadHandlers = {
  /** Percent of the file sent (0–100). */
  onProgress: (percent: number) => void;
  /** The whole file is sent: the server is reading it. */
  onSent: () => void;
};

export type UploadTask = { promise: Promise<ImportDraft>; abort: () => void };

export function uploadImport(file: File, { onProgress, onSent }: UploadHandlers): UploadTask {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<ImportDraft>((resolve, reject) => {
    xhr.open('POST', withQuery('/api/imports', { fileName: file.name }));
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        onProgress(Math.min(100, Math.round((event.loaded / event.total) * 100)));
      }
    };
    xhr.upload.onload = () => {
      onProgress(100);
      onSent();
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON: judged by the status below.
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        if (body && typeof body === 'object' && 'id' in body) resolve(body as ImportDraft);
        else reject(new ApiError(xhr.status, 'bad_response'));
      } else {
        const error = errorFromResponse(xhr.status, body);
        reject(
          error.code === 'busy'
            ? new BusyError(retryAfterSeconds(xhr.getResponseHeader('Retry-After')), error.detail)
            : error,
        );
      }
    };
    xhr.onerror = () => reject(new ApiError(0, NETWORK_ERROR));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    xhr.send(file);
  });
  return { promise, abort: () => xhr.abort() };
}

/** The Vietnamese message for a failed upload: what happened and what to do. */
export function uploadErrorMessage(error: unknown): string {
  return importErrorMessage(error);
}
