/** The /v1 routes, from the contract's operations table: parse with the contract, call the use case, answer with the contract's shape. */
import type { Context, Hono } from 'hono';
import type { z } from 'zod/mini';
import * as C from '../../widget/api/contract.ts';
import type { AppDeps } from '../deps.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import { idempotent } from '../http/idempotency.ts';
import type { Env } from '../http/middleware.ts';
import { ProblemError, fieldErrorsFromIssues, type Reply } from '../http/problem.ts';
import { checkActivation, completeActivation, resendFromLink } from '../usecases/activation.ts';
import { extendFlow } from '../usecases/extend-flow.ts';
import { flowFromBearer, type FlowRow } from '../usecases/flow-auth.ts';
import { setSecurityQuestions } from '../usecases/security-questions.ts';
import { flowStatus, resendActivation, sendActivation } from '../usecases/send-activation.ts';
import { enforceRateLimits, perClient, perClientAndSubject, type Bucket } from '../usecases/rate-limits.ts';
import { signIn } from '../usecases/sign-in.ts';
import { checkedIdentification, startFlow, subjectKeyOf } from '../usecases/start-flow.ts';
import { verify } from '../usecases/verify.ts';

/** Parses the JSON body with a contract schema; unknown fields are refused (SS-26). */
async function body<S extends z.ZodMiniType>(c: Context<Env>, schema: S): Promise<{ data: z.infer<S>; raw: string }> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new ProblemError('unsupported-media-type');
  const raw = await c.req.text();
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ProblemError('validation', { fieldErrors: { body: ['format'] } });
  }
  const r = schema.safeParse(json);
  if (!r.success) throw new ProblemError('validation', { fieldErrors: fieldErrorsFromIssues(r.error.issues) });
  const extra = unknownKeys(json, r.data);
  if (extra.length) throw new ProblemError('validation', { fieldErrors: Object.fromEntries(extra.map((k) => [k, ['format']])) });
  return { data: r.data, raw };
}

/**
 * Keys the schema did not keep, at any depth (zod objects strip them silently): `extra` at the top,
 * `answers.0.extra` inside an array's object (issue 9 §8).
 */
function unknownKeys(input: unknown, parsed: unknown, path = ''): string[] {
  if (!input || typeof input !== 'object' || !parsed || typeof parsed !== 'object') return [];
  if (Array.isArray(input)) return Array.isArray(parsed) ? input.flatMap((v, i) => unknownKeys(v, parsed[i], `${path}${i}.`)) : [];
  return Object.keys(input).flatMap((k) =>
    Object.prototype.hasOwnProperty.call(parsed, k)
      ? unknownKeys((input as Record<string, unknown>)[k], (parsed as Record<string, unknown>)[k], `${path}${k}.`)
      : [`${path}${k}`],
  );
}

type Operation = (typeof C.operations)[C.OperationId];
type RequestOf<K extends C.OperationId> = (typeof C.operations)[K] extends { request: infer S extends z.ZodMiniType }
  ? z.infer<S>
  : undefined;
type ResponseOf<K extends C.OperationId> = z.infer<(typeof C.operations)[K]['response']>;

/** What a handler gets: the parsed body, the flow of `auth: 'flow'` operations, the client's IP. */
interface Call<K extends C.OperationId> {
  body: RequestOf<K>;
  flow: (typeof C.operations)[K] extends { auth: 'flow' } ? FlowRow : undefined;
  ip: string;
}

/**
 * Each operation's use case. Method, path, status, request and response schemas, flow auth and
 * idempotency come from `contract.operations`; a missing handler does not compile. `scope` says
 * whose Idempotency-Keys a repeat is looked up among (flow operations: the flow's). `limits` are
 * the operation's rate-limit buckets, narrowest first (the global one is added last): they run
 * before the idempotency record and the use case, so a refused request stores nothing and costs
 * no captcha check (issue 9, finding 6).
 */
type Handlers = {
  [K in C.OperationId]: {
    run: (call: Call<K>) => ResponseOf<K> | Promise<ResponseOf<K>>;
    limits?: (call: Call<K>) => Bucket[];
  } & ((typeof C.operations)[K] extends { idempotent: true; auth: 'flow' }
    ? unknown
    : (typeof C.operations)[K] extends { idempotent: true }
      ? { scope: (call: Call<K>) => string }
      : unknown);
};

function handlers(d: AppDeps): Handlers {
  /** The identification's key, from a request that names one (refused as `validation` when malformed). */
  const subjectOf = (body: { idType: C.IdType; id: string }) =>
    subjectKeyOf(d.config.secret, body.idType, checkedIdentification(body.idType, body.id));
  return {
    getConfig: {
      run: () => ({
        now: d.clock.now().toISOString(),
        apiVersion: C.API_VERSION,
        policy: d.config.policy,
        limits: publicLimits(d),
        captcha: d.captcha.info,
        declaration: d.config.declaration,
      }),
    },
    getCaptchaChallenge: {
      limits: ({ ip }) => [perClient(d, 'captcha-ip', ip)],
      run: async () => {
        if (d.captcha.info.provider !== 'altcha') throw new ProblemError('not-found');
        return { now: d.clock.now().toISOString(), challenge: d.captcha.challenge() };
      },
    },
    startFlow: {
      // Per client and identification, never per identification alone: a stranger's BUSCARs must not lock its owner out (finding 5).
      limits: ({ body, ip }) => [perClientAndSubject(d, 'flows-ip-id', ip, subjectOf(body)), perClient(d, 'flows-ip', ip)],
      run: ({ body, ip }) => startFlow(d, body, ip),
      scope: ({ ip }) => `ip:${ip}`,
    },
    getFlowStatus: { limits: ({ ip }) => [perClient(d, 'status-ip', ip)], run: ({ flow }) => flowStatus(d, flow) },
    extendFlow: { limits: ({ ip }) => [perClient(d, 'extend-ip', ip)], run: ({ flow }) => extendFlow(d, flow) },
    verify: {
      limits: ({ flow, ip }) => [perClientAndSubject(d, 'verify-ip-id', ip, flow.subject_key), perClient(d, 'verify-ip', ip)],
      run: ({ body, flow }) => verify(d, flow, body),
    },
    setSecurityQuestions: { run: ({ body, flow }) => setSecurityQuestions(d, flow, body) },
    sendActivation: { run: ({ body, flow }) => sendActivation(d, flow, body) },
    resendActivation: { run: ({ flow }) => resendActivation(d, flow) },
    checkActivation: { limits: ({ body, ip }) => linkLimits(d, ip, body.token), run: ({ body }) => checkActivation(d, body) },
    resendFromLink: {
      limits: ({ body, ip }) => linkLimits(d, ip, body.token),
      run: ({ body }) => resendFromLink(d, body),
      scope: ({ body }) => `resend-link:${sha256Hex(body.token)}`,
    },
    completeActivation: {
      limits: ({ body, ip }) => linkLimits(d, ip, body.token),
      run: ({ body }) => completeActivation(d, body),
      scope: ({ body }) => `link:${sha256Hex(body.token)}`,
    },
    signIn: {
      limits: ({ body, ip }) => [perClientAndSubject(d, 'signin-ip-id', ip, subjectOf(body)), perClient(d, 'signin-ip', ip)],
      run: ({ body, ip }) => signIn(d, body, ip),
    },
  };
}

/** Mounts every operation of the contract: flow auth, then the body, then the use case (idempotent where the contract says). */
export function mountApi(app: Hono<Env>, d: AppDeps, send: (c: Context<Env>, reply: Reply, schema?: z.ZodMiniType) => Response): void {
  const table = handlers(d) as Record<
    C.OperationId,
    {
      run: (call: Call<C.OperationId>) => unknown;
      scope?: (call: Call<C.OperationId>) => string;
      limits?: (call: Call<C.OperationId>) => Bucket[];
    }
  >;
  for (const [id, op] of Object.entries(C.operations) as [C.OperationId, Operation][]) {
    const { run, scope, limits } = table[id];
    app.on(op.method, op.path, async (c) => {
      const flow = 'auth' in op ? await flowFromBearer(d.db, c.req.header('authorization'), d.clock.now()) : undefined;
      const { data, raw } = 'request' in op ? await body(c, op.request) : { data: undefined, raw: '' };
      const call = { body: data, flow, ip: c.get('ip') } as Call<C.OperationId>;
      if (limits) await enforceRateLimits(d, limits(call));
      const answer = async (): Promise<Reply> => ({ status: op.status, body: await run(call) });
      if (!('idempotent' in op)) return send(c, await answer(), op.response);
      const whose = flow ? `flow:${flow.id}` : scope!(call);
      return send(c, await idempotent(d.db, d.clock, c.req.header('idempotency-key'), whose, `${id} ${raw}`, answer), op.response);
    });
  }
}

/** An activation link's page and GENERAR: per client, and per link against guessing at one (SS-12). */
const linkLimits = (d: AppDeps, ip: string, token: string): Bucket[] => [
  { bucket: 'link-token', key: sha256Hex(token), limit: 30, windowSeconds: 600 },
  perClient(d, 'link-ip', ip),
];

export function publicLimits(d: AppDeps): C.Limits {
  const { sessionLifetimeSeconds: _omit, flowMaxAgeSeconds: _cap, ...limits } = d.config.limits;
  return limits;
}
