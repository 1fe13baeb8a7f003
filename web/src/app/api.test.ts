// A busy server (503 with Retry-After) is asked again after the wait it names, a few times; then
// the user reads a Vietnamese message.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiGet, apiSend, errorMessage } from './api';

const busy = () =>
  new Response(JSON.stringify({ error: { code: 'server_busy', message: 'busy', issues: [] } }), {
    status: 503,
    headers: { 'content-type': 'application/json', 'retry-after': '1' },
  });
const ok = (body: unknown) =>
  new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });

describe('the API client and a busy server', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('sends a refused request again after Retry-After and returns the answer', async () => {
    vi.useFakeTimers();
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(busy())
      .mockResolvedValueOnce(busy())
      .mockResolvedValueOnce(ok({ n: 1 }));
    vi.stubGlobal('fetch', fetch);
    const answer = apiSend<{ n: number }>('POST', '/api/x', { a: 1 });
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
    await vi.advanceTimersByTimeAsync(1000);
    await expect(answer).resolves.toEqual({ n: 1 });
    expect(fetch).toHaveBeenCalledTimes(3);
    // The same request each time, body included.
    expect(fetch.mock.calls[2]?.[1]?.body).toBe(fetch.mock.calls[0]?.[1]?.body);
  });

  it('gives up after a few tries with a Vietnamese message', async () => {
    vi.useFakeTimers();
    const fetch = vi.fn().mockImplementation(async () => busy());
    vi.stubGlobal('fetch', fetch);
    const answer = apiGet('/api/x').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    const error = await answer;
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('server_busy');
    expect(fetch).toHaveBeenCalledTimes(4);
    expect(errorMessage(error)).toBe('Máy chủ đang bận. Vui lòng chờ ít phút rồi thử lại.');
  });
});
