/**
 * Issue 15: `GET /v1/config` leaves when the first step asks for it, in parallel with the HTTP
 * client's chunks, not after them; the client, once loaded, takes that answer (one request in
 * all) and treats it like any other: contract-checked, its deadline and the caller's abort apply.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLazyHttpRecoveryApi, operationUrl } from '../../widget/flow/lazy-http-api.ts';
import { fixtures } from '../fixtures/api/index.ts';

const BASE = 'https://clave.example.ec/api';

afterEach(() => vi.unstubAllGlobals());

function stubFetch(answer: () => Promise<Response>) {
  const calls: string[] = [];
  vi.stubGlobal('fetch', (input: RequestInfo | URL) => {
    calls.push(input instanceof Request ? input.url : String(input));
    return answer();
  });
  return calls;
}

describe('the lazy HTTP client', () => {
  it('sends GET /v1/config at once, before its own module has loaded, and makes no second request for it', async () => {
    const calls = stubFetch(
      async () =>
        new Response(JSON.stringify(fixtures.getConfig.default), { status: 200, headers: { 'content-type': 'application/json' } }),
    );
    const api = createLazyHttpRecoveryApi(BASE);
    const answer = api.getConfig();
    // Synchronously: the request is out although import('../api/http-recovery-api.ts') has not resolved.
    expect(calls).toEqual([`${BASE}/v1/config`]);
    expect(await answer).toMatchObject({ apiVersion: fixtures.getConfig.default.apiVersion });
    expect(calls).toHaveLength(1);
    // Later calls are the client's own requests.
    await api.getConfig();
    expect(calls).toHaveLength(2);
  });

  it("an answer sent early is still contract-checked, and the caller's abort still stops the wait", async () => {
    stubFetch(async () => new Response('{"nope":true}', { status: 200, headers: { 'content-type': 'application/json' } }));
    await expect(createLazyHttpRecoveryApi(BASE).getConfig()).rejects.toMatchObject({ kind: 'bad-response' });
    stubFetch(() => new Promise<Response>(() => undefined));
    const abort = new AbortController();
    const waiting = createLazyHttpRecoveryApi(BASE).getConfig({ signal: abort.signal });
    abort.abort(new DOMException('gone', 'AbortError'));
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('joins the base URL like the client does', () => {
    expect(operationUrl('https://a.ec', '/v1/config')).toBe('https://a.ec/v1/config');
    expect(operationUrl('https://a.ec/api/', '/v1/config')).toBe('https://a.ec/api/v1/config');
  });
});
