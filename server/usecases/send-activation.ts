/**
 * The e-mail step and resends (protocol steps 4–5). The link token is written hashed, the flow
 * moves on and the mail enters the outbox in ONE transaction (SS-12, SS-25). A new address is only
 * remembered as a registration attempt; it becomes the address on record on completion (SS-15).
 */
import { sql } from 'kysely';
import type { Activation, ActivationResponse, EmailRequest, FlowStatusResponse } from '../../widget/api/contract.ts';
import type { AppDeps } from '../deps.ts';
import { newToken, sha256Hex } from '../crypto/tokens.ts';
import { EMAIL_FIELD_ERROR, validateEmail } from '../../widget/domain/email.ts';
import { maskEmail } from '../../widget/domain/mask.ts';
import { ProblemError } from '../http/problem.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { activationMail } from '../mail/templates.ts';
import type { Db } from '../db/database.ts';
import { FLOW_COLUMNS, type FlowRow } from './flow-auth.ts';
import { enforceRateLimits } from './rate-limits.ts';
import { findAffiliate } from './registry.ts';

const DAY_MS = 24 * 3600_000;

export function activationOf(
  d: AppDeps,
  flow: Pick<FlowRow, 'email_target' | 'email_is_new' | 'activation_expires_at' | 'resend_available_at' | 'resends'>,
): Activation {
  return {
    sentTo: maskEmail(flow.email_target!),
    from: d.config.mailFrom,
    subject: 'ACTIVACIÓN CLAVE',
    expiresAt: new Date(flow.activation_expires_at!).toISOString(),
    resendAvailableAt: new Date(flow.resend_available_at!).toISOString(),
    resendsLeft: Math.max(0, d.config.limits.maxResends - flow.resends),
    // A new address typed in this flow can still be corrected ("Cambiar correo") while its link is unused.
    newAddress: flow.email_is_new,
  };
}

/** Writes a fresh link for the flow (killing earlier ones) and queues its mail, inside `trx`. */
async function issueLink(d: AppDeps, trx: Db, flowId: string, to: string, now: Date): Promise<void> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + d.config.limits.linkLifetimeSeconds * 1000);
  await sql`UPDATE activation_tokens SET superseded_at = ${now} WHERE flow_id = ${flowId} AND superseded_at IS NULL AND used_at IS NULL`.execute(
    trx,
  );
  await sql`INSERT INTO activation_tokens (token_hash, flow_id, created_at, expires_at) VALUES (${sha256Hex(token)}, ${flowId}, ${now}, ${expiresAt})`.execute(
    trx,
  );
  // The link comes from configuration only, never from request headers (SS-13).
  const link = `${d.config.activationUrl}#token=${token}`;
  await enqueueMail(trx, d.clock, to, 'activation', activationMail(link, d.config.limits.linkLifetimeSeconds));
}

/** A new address as the request gives it, checked and in its stored form (the shared rule, docs/protocol.md). */
export function newAddress(raw: string): string {
  const email = validateEmail(raw);
  if (!email.ok) throw new ProblemError('validation', { fieldErrors: { email: [EMAIL_FIELD_ERROR[email.reason]] } });
  return email.value;
}

export async function sendActivation(d: AppDeps, flow: FlowRow, req: EmailRequest): Promise<ActivationResponse> {
  // "Cambiar correo": a new address typed in this flow, corrected while its link is unused.
  if (flow.step === 'activation-sent' && flow.email_is_new && req.mode === 'new' && !flow.is_decoy)
    return changeAddress(d, flow, newAddress(req.email));
  if (flow.step !== 'email' || flow.is_decoy) throw new ProblemError('sequence');
  const affiliate = await findAffiliate(d.db, flow.id_type, flow.identification);
  if (!affiliate) throw new ProblemError('sequence');
  const now = d.clock.now();
  let to: string;
  const isNew = req.mode === 'new';
  if (req.mode === 'on-record') {
    if (!affiliate.email) throw new ProblemError('validation', { fieldErrors: { mode: ['format'] } });
    to = affiliate.email;
  } else {
    if (affiliate.email) throw new ProblemError('validation', { fieldErrors: { mode: ['format'] } });
    // Past the takeover bound a new address is registered in person only (domain/verification-policy.ts).
    if (!flow.new_address_allowed) throw new ProblemError('in-person-required');
    to = newAddress(req.email);
  }
  await enforceRateLimits(d, [
    { bucket: 'mail-destination', key: sha256Hex(to.toLowerCase()), limit: d.config.rateLimits.perDestinationPerHour, windowSeconds: 3600 },
  ]);
  const linkExpires = new Date(now.getTime() + d.config.limits.linkLifetimeSeconds * 1000);
  const resendAt = new Date(now.getTime() + d.config.limits.resendCooldownSeconds * 1000);
  const updated = await d.db.transaction().execute(async (trx) => {
    if (isNew) {
      // One new address per identification per 24 h (SS-15), checked and recorded under a lock per
      // identification, so two flows at once cannot each register a different address.
      await refuseSecondAddress(d, trx, flow, to, now);
    }
    const { rows } = await sql<FlowRow>`UPDATE flows SET step = 'activation-sent', email_target = ${to}, email_is_new = ${isNew},
        activation_expires_at = ${linkExpires}, resend_available_at = ${resendAt}
      WHERE id = ${flow.id} AND step = 'email' RETURNING ${FLOW_COLUMNS}`.execute(trx);
    if (!rows[0]) throw new ProblemError('sequence');
    if (isNew)
      await sql`INSERT INTO email_registrations (id_type, identification, email, created_at, flow_id) VALUES (${flow.id_type}, ${flow.identification}, ${to}, ${now}, ${flow.id})`.execute(
        trx,
      );
    await issueLink(d, trx, flow.id, to, now);
    return rows[0];
  });
  d.kickOutbox();
  d.log.info({ event: 'activation_sent', subject: flow.subject_key.slice(0, 12), newAddress: isNew }, 'enlace de activación en cola');
  return { now: now.toISOString(), activation: activationOf(d, updated) };
}

/**
 * One new address per identification per 24 h (SS-15), checked under a lock per identification so
 * two flows at once cannot each register a different address. Addresses registered by THIS flow
 * do not count: within one flow a corrected typo replaces its own registration (issue 10).
 */
async function refuseSecondAddress(d: AppDeps, trx: Db, flow: FlowRow, to: string, now: Date): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${flow.subject_key}))`.execute(trx);
  const { rows: recent } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM email_registrations
    WHERE id_type = ${flow.id_type} AND identification = ${flow.identification} AND created_at > ${new Date(now.getTime() - DAY_MS)}
      AND lower(email) <> lower(${to}) AND flow_id IS DISTINCT FROM ${flow.id}`.execute(trx);
  if ((recent[0]?.n ?? 0) > 0) {
    d.log.warn({ event: 'email_limit', subject: flow.subject_key.slice(0, 12) }, 'segundo correo nuevo en 24 horas');
    throw new ProblemError('email-limit');
  }
}

/**
 * "Cambiar correo" on the waiting step: the address typed in this flow is replaced by another
 * before any link was used. It counts as a resend (the cap applies; no cooldown, since the mail
 * goes elsewhere), every earlier link dies, and the flow's own registration is replaced, so the
 * correction is not a second address against the 24-hour rule. The same address again is a resend.
 */
async function changeAddress(d: AppDeps, flow: FlowRow, to: string): Promise<ActivationResponse> {
  if (to.toLowerCase() === flow.email_target?.toLowerCase()) return resendActivation(d, flow);
  const now = d.clock.now();
  if (flow.resends >= d.config.limits.maxResends) {
    throw new ProblemError('rate-limited', { retryAfter: Math.max(1, (new Date(flow.expires_at).getTime() - now.getTime()) / 1000) });
  }
  await enforceRateLimits(d, [
    { bucket: 'mail-destination', key: sha256Hex(to.toLowerCase()), limit: d.config.rateLimits.perDestinationPerHour, windowSeconds: 3600 },
  ]);
  const linkExpires = new Date(now.getTime() + d.config.limits.linkLifetimeSeconds * 1000);
  const resendAt = new Date(now.getTime() + d.config.limits.resendCooldownSeconds * 1000);
  const updated = await d.db.transaction().execute(async (trx) => {
    await refuseSecondAddress(d, trx, flow, to, now);
    // Compare-and-set on `resends`, as a resend: two changes at once cannot both pass the cap.
    const { rows } =
      await sql<FlowRow>`UPDATE flows SET email_target = ${to}, resends = resends + 1, activation_expires_at = ${linkExpires}, resend_available_at = ${resendAt}
      WHERE id = ${flow.id} AND step = 'activation-sent' AND email_is_new AND resends = ${flow.resends} RETURNING ${FLOW_COLUMNS}`.execute(
        trx,
      );
    if (!rows[0]) throw new ProblemError('sequence');
    await sql`DELETE FROM email_registrations WHERE flow_id = ${flow.id}`.execute(trx);
    await sql`INSERT INTO email_registrations (id_type, identification, email, created_at, flow_id) VALUES (${flow.id_type}, ${flow.identification}, ${to}, ${now}, ${flow.id})`.execute(
      trx,
    );
    await issueLink(d, trx, flow.id, to, now);
    return rows[0];
  });
  d.kickOutbox();
  d.log.info({ event: 'activation_address_changed', subject: flow.subject_key.slice(0, 12) }, 'correo nuevo corregido');
  return { now: now.toISOString(), activation: activationOf(d, updated) };
}

export async function resendActivation(d: AppDeps, flow: FlowRow): Promise<ActivationResponse> {
  if (flow.step !== 'activation-sent') throw new ProblemError('sequence');
  const now = d.clock.now();
  if (flow.resends >= d.config.limits.maxResends) {
    throw new ProblemError('rate-limited', { retryAfter: Math.max(1, (new Date(flow.expires_at).getTime() - now.getTime()) / 1000) });
  }
  const availableAt = new Date(flow.resend_available_at!);
  if (availableAt > now)
    throw new ProblemError('rate-limited', { retryAfter: Math.max(1, (availableAt.getTime() - now.getTime()) / 1000) });
  await enforceRateLimits(d, [
    {
      bucket: 'mail-destination',
      key: sha256Hex(flow.email_target!.toLowerCase()),
      limit: d.config.rateLimits.perDestinationPerHour,
      windowSeconds: 3600,
    },
  ]);
  const linkExpires = new Date(now.getTime() + d.config.limits.linkLifetimeSeconds * 1000);
  const resendAt = new Date(now.getTime() + d.config.limits.resendCooldownSeconds * 1000);
  const updated = await d.db.transaction().execute(async (trx) => {
    // Compare-and-set on `resends` so two concurrent resends cannot both pass the cap.
    const { rows } =
      await sql<FlowRow>`UPDATE flows SET resends = resends + 1, activation_expires_at = ${linkExpires}, resend_available_at = ${resendAt}
      WHERE id = ${flow.id} AND step = 'activation-sent' AND resends = ${flow.resends} RETURNING ${FLOW_COLUMNS}`.execute(trx);
    if (!rows[0]) throw new ProblemError('rate-limited', { retryAfter: d.config.limits.resendCooldownSeconds || 1 });
    await issueLink(d, trx, flow.id, flow.email_target!, now);
    return rows[0];
  });
  d.kickOutbox();
  d.log.info({ event: 'activation_resent', subject: flow.subject_key.slice(0, 12) }, 'enlace reenviado');
  return { now: now.toISOString(), activation: activationOf(d, updated) };
}

export function flowStatus(d: AppDeps, flow: FlowRow): FlowStatusResponse {
  const status: FlowStatusResponse = {
    now: d.clock.now().toISOString(),
    step: flow.step,
    case: flow.flow_case,
    flowExpiresAt: new Date(flow.expires_at).toISOString(),
  };
  if (flow.email_target && flow.activation_expires_at) status.activation = activationOf(d, flow);
  return status;
}
