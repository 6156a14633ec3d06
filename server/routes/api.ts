/** The /v1 routes: parse with the contract, call the use case, answer with the contract's shape. */
import type { Context, Hono } from 'hono';
import type { z } from 'zod/mini';
import * as C from '../../widget/api/contract.ts';
import type { AppDeps } from '../deps.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import { idempotent } from '../http/idempotency.ts';
import type { Env } from '../http/middleware.ts';
import { ProblemError, fieldErrorsFromIssues, type Reply } from '../http/problem.ts';
import { checkActivation, completeActivation } from '../usecases/activation.ts';
import { flowFromBearer } from '../usecases/flow-auth.ts';
import { setSecurityQuestions } from '../usecases/security-questions.ts';
import { flowStatus, resendActivation, sendActivation } from '../usecases/send-activation.ts';
import { enforceRateLimits } from '../usecases/rate-limits.ts';
import { signIn } from '../usecases/sign-in.ts';
import { startFlow } from '../usecases/start-flow.ts';
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

/** Top-level keys the schema did not keep (zod objects strip them silently). */
function unknownKeys(input: unknown, parsed: unknown): string[] {
  if (!input || typeof input !== 'object' || Array.isArray(input) || !parsed || typeof parsed !== 'object') return [];
  return Object.keys(input).filter((k) => !Object.prototype.hasOwnProperty.call(parsed, k));
}

export function mountApi(app: Hono<Env>, d: AppDeps, send: (c: Context<Env>, reply: Reply, schema?: z.ZodMiniType) => Response): void {
  const ok = (status: number, b: unknown): Reply => ({ status, body: b });
  const flowOf = (c: Context<Env>) => flowFromBearer(d.db, c.req.header('authorization'), d.clock.now());
  const key = (c: Context<Env>) => c.req.header('idempotency-key');

  app.get('/v1/config', (c) =>
    send(c, ok(200, { now: d.clock.now().toISOString(), apiVersion: C.API_VERSION, policy: d.config.policy, limits: publicLimits(d), captcha: d.captcha.info, declaration: d.config.declaration }), C.ConfigResponse),
  );

  app.get('/v1/captcha/challenge', async (c) => {
    await enforceRateLimits(d, [{ bucket: 'captcha-ip', key: c.get('ip'), limit: d.config.rateLimits.perIpPerMinute, windowSeconds: 60 }]);
    if (d.captcha.info.provider !== 'altcha') throw new ProblemError('not-found');
    return send(c, ok(200, { now: d.clock.now().toISOString(), challenge: d.captcha.challenge() }), C.CaptchaChallengeResponse);
  });

  app.post('/v1/flows', async (c) => {
    const { data, raw } = await body(c, C.StartFlowRequest);
    const reply = await idempotent(d.db, d.clock, key(c), `ip:${c.get('ip')}`, `startFlow ${raw}`, async () => ok(201, await startFlow(d, data, c.get('ip'))));
    return send(c, reply, C.StartFlowResponse);
  });

  app.get('/v1/flows/current', async (c) => send(c, ok(200, flowStatus(d, await flowOf(c))), C.FlowStatusResponse));

  app.post('/v1/flows/current/verification', async (c) => {
    const flow = await flowOf(c);
    const { data, raw } = await body(c, C.VerifyRequest);
    return send(c, await idempotent(d.db, d.clock, key(c), `flow:${flow.id}`, `verify ${raw}`, async () => ok(200, await verify(d, flow, data, c.get('ip')))), C.VerifyResponse);
  });

  app.post('/v1/flows/current/security-questions', async (c) => {
    const flow = await flowOf(c);
    const { data, raw } = await body(c, C.SecurityQuestionsRequest);
    return send(c, await idempotent(d.db, d.clock, key(c), `flow:${flow.id}`, `questions ${raw}`, async () => ok(200, await setSecurityQuestions(d, flow, data))), C.SecurityQuestionsResponse);
  });

  app.post('/v1/flows/current/email', async (c) => {
    const flow = await flowOf(c);
    const { data, raw } = await body(c, C.EmailRequest);
    return send(c, await idempotent(d.db, d.clock, key(c), `flow:${flow.id}`, `email ${raw}`, async () => ok(202, await sendActivation(d, flow, data))), C.ActivationResponse);
  });

  app.post('/v1/flows/current/email/resend', async (c) => {
    const flow = await flowOf(c);
    return send(c, await idempotent(d.db, d.clock, key(c), `flow:${flow.id}`, 'resend', async () => ok(202, await resendActivation(d, flow))), C.ActivationResponse);
  });

  app.post('/v1/activation/check', async (c) => {
    const { data } = await body(c, C.ActivationCheckRequest);
    return send(c, ok(200, await checkActivation(d, data, c.get('ip'))), C.ActivationCheckResponse);
  });

  app.post('/v1/activation/complete', async (c) => {
    const { data, raw } = await body(c, C.ActivationCompleteRequest);
    const reply = await idempotent(d.db, d.clock, key(c), `link:${sha256Hex(data.token)}`, `complete ${raw}`, async () => ok(200, await completeActivation(d, data, c.get('ip'))));
    return send(c, reply, C.ActivationCompleteResponse);
  });

  app.post('/v1/sessions', async (c) => {
    const { data } = await body(c, C.SignInRequest);
    return send(c, ok(201, await signIn(d, data, c.get('ip'))), C.SignInResponse);
  });
}

export function publicLimits(d: AppDeps): C.Limits {
  const { sessionLifetimeSeconds: _omit, ...limits } = d.config.limits;
  return limits;
}
