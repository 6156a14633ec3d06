/**
 * The RecoveryApi over HTTP (`/v1`, docs/protocol.md). The ONLY module that imports ky.
 *
 * - One deadline per call (`timeoutMs`, default 15 s) covering the request, any GET retries and
 *   reading the body: ky's own timeout stops at the response headers, so a server that sends
 *   headers and then stalls would otherwise hang the wizard.
 * - GETs are retried (at most `getRetryLimit`, default 2) on no answer and on 408/500/502/503/504.
 *   POSTs are NEVER retried automatically: the person decides, and the shell then reuses the
 *   action's `idempotencyKey` so the server gives the first answer back (CS-12).
 * - Every POST the contract marks idempotent carries an `Idempotency-Key` (the caller's, or a fresh
 *   UUID); flow calls carry `Authorization: Bearer <flowToken>`; all calls `Accept: application/json`.
 * - Every body is read as text and parsed with the contract. Every failure is one RecoveryApiError;
 *   only the caller's own abort is rethrown as it came (an AbortError), so callers can ignore it.
 */
import ky, { HTTPError } from 'ky';
import { z } from 'zod/mini';
import { operations, Problem, PROBLEM_KINDS, PROBLEM_STATUS, PROBLEM_TYPE_PREFIX, problemType, type ProblemKind } from './contract.ts';
import {
  newIdempotencyKey,
  recoveryApiFrom,
  RecoveryApiError,
  type ApiErrorKind,
  type CallOptions,
  type FlowCallOptions,
  type RecoveryApi,
  type RecoveryOperationId,
} from './recovery-api.ts';

export interface HttpRecoveryApiOptions {
  /** Where `/v1` lives, e.g. `https://clave.iess.gob.ec` or `http://127.0.0.1:8080/api`. */
  baseUrl: string;
  /** Deadline of one call, retries and body included. */
  timeoutMs?: number;
  /** A fetch to use instead of the global one (tests, service workers, instrumentation). */
  fetch?: typeof globalThis.fetch;
  /** How many times a GET is retried after no answer or a 408/5xx. POSTs never are. */
  getRetryLimit?: number;
  /** First GET retry delay; doubles each time, capped at 2 s. */
  retryDelayMs?: number;
}

const RETRY_STATUS = [408, 500, 502, 503, 504];
/** Kinds any route may answer with, besides those the operation lists. */
const ANY_ROUTE: readonly ProblemKind[] = [
  'not-found',
  'payload-too-large',
  'unsupported-media-type',
  'rate-limited',
  'server',
  'unavailable',
];
const KNOWN_KINDS: ReadonlySet<string> = new Set(PROBLEM_KINDS);

/** Seconds from a Retry-After header (delta-seconds or HTTP-date, the latter against the response's Date). */
export function parseRetryAfter(header: string | null, dateHeader: string | null = null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Math.min(Number(value), 86_400);
  const at = Date.parse(value);
  if (!Number.isFinite(at)) return undefined;
  const base = dateHeader === null ? Number.NaN : Date.parse(dateHeader);
  const now = Number.isFinite(base) ? base : Date.now();
  return Math.min(Math.max(0, Math.ceil((at - now) / 1000)), 86_400);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The kind a problem stands for: its type URN, else the operation's kind with that status, else by status. */
function problemKind(problem: Problem | undefined, status: number, operation: RecoveryOperationId): ApiErrorKind | undefined {
  if (problem?.type.startsWith(PROBLEM_TYPE_PREFIX)) {
    const kind = problem.type.slice(PROBLEM_TYPE_PREFIX.length);
    if (KNOWN_KINDS.has(kind)) return kind as ProblemKind;
  }
  if (problem === undefined && status !== 429) return undefined;
  const candidates: readonly ProblemKind[] = [...operations[operation].problems, ...ANY_ROUTE];
  const byStatus = candidates.find((kind) => PROBLEM_STATUS[kind] === status);
  if (byStatus !== undefined) return byStatus;
  return status >= 500 ? 'server' : undefined;
}

/** Turns a non-2xx answer into the one error type. */
function errorFromResponse(operation: RecoveryOperationId, response: Response, text: string): RecoveryApiError {
  const status = response.status;
  const parsed = z.safeParse(Problem, parseJson(text));
  let problem = parsed.success ? parsed.data : undefined;
  const kind = problemKind(problem, status, operation);
  if (kind === undefined) {
    return new RecoveryApiError('bad-response', { status, message: `HTTP ${status} without a problem document` });
  }
  if (status === 429) {
    const retryAfter = problem?.retryAfter ?? parseRetryAfter(response.headers.get('retry-after'), response.headers.get('date'));
    // A proxy's bare 429 still tells the person to wait; `now` then comes from the Date header.
    problem ??= {
      type: problemType('rate-limited'),
      title: 'rate-limited',
      status,
      now: new Date(Date.parse(response.headers.get('date') ?? '') || Date.now()).toISOString(),
    };
    if (retryAfter !== undefined) problem = { ...problem, retryAfter };
  }
  return new RecoveryApiError(kind, { status, ...(problem ? { problem } : {}) });
}

interface Call {
  operation: RecoveryOperationId;
  body?: unknown;
  options?: CallOptions | FlowCallOptions;
}

export function createHttpRecoveryApi(options: HttpRecoveryApiOptions): RecoveryApi {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const retryDelayMs = options.retryDelayMs ?? 300;
  const client = ky.create({
    prefixUrl: options.baseUrl,
    timeout: false, // our own deadline covers the body too
    throwHttpErrors: true, // ky only retries on HTTPError; we read its response below
    retry: {
      limit: options.getRetryLimit ?? 2,
      methods: ['get'],
      statusCodes: RETRY_STATUS,
      afterStatusCodes: [], // never sit out a long Retry-After: the person is waiting
      delay: (attempt) => Math.min(retryDelayMs * 2 ** (attempt - 1), 2000),
    },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  async function call({ operation, body, options: callOptions = {} }: Call): Promise<unknown> {
    const op = operations[operation];
    const flowToken = 'auth' in op && 'flowToken' in callOptions ? callOptions.flowToken : undefined;
    const userSignal = callOptions.signal;
    userSignal?.throwIfAborted();
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new DOMException('The call took too long', 'TimeoutError')), timeoutMs);
    const signal = userSignal ? AbortSignal.any([userSignal, deadline.signal]) : deadline.signal;

    const headers: Record<string, string> = { accept: 'application/json' };
    if (flowToken !== undefined) headers['authorization'] = `Bearer ${flowToken}`;
    const idempotent = op.method === 'POST' && 'idempotent' in op && op.idempotent;
    if (idempotent || callOptions.idempotencyKey !== undefined) {
      headers['idempotency-key'] = callOptions.idempotencyKey ?? newIdempotencyKey();
    }

    try {
      let response: Response;
      try {
        response = await client(op.path.slice(1), {
          method: op.method,
          headers,
          signal,
          // A POST without a request schema still sends JSON ({}), so servers that require JSON accept it.
          ...(op.method === 'POST' ? { json: body ?? {} } : {}),
        });
      } catch (error) {
        if (!(error instanceof HTTPError)) throw error;
        response = error.response;
      }
      const text = await response.text();
      if (!response.ok) throw errorFromResponse(operation, response, text);
      const data = parseJson(text);
      if (data === undefined) {
        throw new RecoveryApiError('bad-response', { status: response.status, message: 'The answer is not JSON' });
      }
      const parsed = z.safeParse(op.response, data);
      if (!parsed.success) {
        throw new RecoveryApiError('bad-response', {
          status: response.status,
          message: 'The answer does not match the contract',
          cause: parsed.error,
        });
      }
      return parsed.data;
    } catch (error) {
      if (error instanceof RecoveryApiError) throw error;
      if (userSignal?.aborted) throw userSignal.reason ?? error;
      if (deadline.signal.aborted) throw new RecoveryApiError('timeout', { cause: error });
      throw new RecoveryApiError('network', { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  // One method per operation: its arguments are (body, options) when the contract gives it a request.
  return recoveryApiFrom(async (operation, args) => {
    const [body, options] = 'request' in operations[operation] ? args : [undefined, ...args];
    return call({ operation, body, options: options as CallOptions | undefined }) as never;
  });
}
