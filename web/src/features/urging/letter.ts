// Downloading the urging letter (công văn đôn đốc, .docx) for chosen agencies. Fetched rather than
// linked so that a refusal shows as a Vietnamese message instead of a JSON file.
import { ApiError, errorFromResponse, NETWORK_ERROR } from '../../app/api';

export function letterUrl(agencyIds: readonly string[], planId: string | undefined): string {
  const params = new URLSearchParams();
  if (planId) params.set('planId', planId);
  for (const id of agencyIds) params.append('agencyId', id);
  const qs = params.toString();
  return qs ? `/api/urging/letter.docx?${qs}` : '/api/urging/letter.docx';
}

/** The file name the server gave (RFC 6266: filename* first), if any. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain?.[1]?.trim() || null;
}

export async function downloadUrgingLetter(
  agencyIds: readonly string[],
  planId: string | undefined,
  fallbackName: string,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(letterUrl(agencyIds, planId), {
      headers: {
        Accept:
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document, application/json',
      },
    });
  } catch {
    throw new ApiError(0, NETWORK_ERROR);
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw errorFromResponse(response.status, body);
  }
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start saving before the blob goes.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
