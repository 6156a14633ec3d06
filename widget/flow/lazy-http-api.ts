/**
 * The HTTP RecoveryApi, loaded on first call: ky and the contract stay out of what a page loads
 * before the first step is usable (size budget, docs/widget-shell.md). Same methods (every
 * operation of the port, derived from the contract), same errors.
 *
 * `GET /v1/config` (asked for as the first step shows) leaves at once, in parallel with the
 * client's chunks rather than after them: the client, once loaded, takes that answer as its first
 * fetch of the same URL, and deals with it (status, retries, contract) as with any other.
 */
import { invokeOperation, recoveryApiFrom, type CallOptions, type RecoveryApi } from '../api/recovery-api.ts';

/** The URL the HTTP client asks for an operation's path (ky's prefixUrl joins with one slash). */
export const operationUrl = (baseUrl: string, path: string): string =>
  `${baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`}${path.replace(/^\//, '')}`;

export function createLazyHttpRecoveryApi(baseUrl: string): RecoveryApi {
  let real: Promise<RecoveryApi> | undefined;
  /** The configuration request already on its way, until the client takes it. */
  let early: { url: string; response: Promise<Response>; abort: AbortController } | undefined;

  const fetchTakingEarly = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : undefined;
    const url = request ? request.url : String(input);
    const method = (request?.method ?? init?.method ?? 'GET').toUpperCase();
    const taken = early;
    if (!taken || taken.url !== url || method !== 'GET') return globalThis.fetch(input, init);
    early = undefined;
    // The client's deadline and the caller's abort still apply to the request sent early.
    const signal = request?.signal ?? init?.signal;
    if (!signal) return taken.response;
    if (signal.aborted) {
      taken.abort.abort(signal.reason);
      return Promise.reject(signal.reason);
    }
    return new Promise<Response>((resolve, reject) => {
      const onAbort = () => {
        taken.abort.abort(signal.reason);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      taken.response.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  };

  const load = () =>
    (real ??= import('../api/http-recovery-api.ts').then((m) => m.createHttpRecoveryApi({ baseUrl, fetch: fetchTakingEarly })));
  return recoveryApiFrom(async (operation, args) => {
    if (operation === 'getConfig' && !real && !early) {
      const abort = new AbortController();
      const url = operationUrl(baseUrl, '/v1/config');
      const response = globalThis.fetch(url, { headers: { accept: 'application/json' }, signal: abort.signal });
      response.catch(() => undefined); // a failure is the client's to report, when it takes the answer
      early = { url, response, abort };
      // The client's chunks are not fetched before the answer (or the caller's abort) is here: the
      // first step paints first, and define.ts warms them right after.
      const signal = (args[0] as CallOptions | undefined)?.signal;
      await new Promise<void>((settled) => {
        response.then(
          () => settled(),
          () => settled(),
        );
        signal?.addEventListener('abort', () => settled(), { once: true });
      });
    }
    return invokeOperation(await load(), operation, args);
  });
}
