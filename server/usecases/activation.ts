/**
 * The e-mail link's page (protocol steps 6–7). Checking never uses the link up (SS-14); completion
 * consumes it and applies every change in ONE transaction, so of any number of concurrent
 * completions exactly one succeeds (SS-20). Then the notices are queued (SS-21).
 */
import { sql } from 'kysely';
import type {
  ActivationCheckRequest,
  ActivationCheckResponse,
  ActivationCompleteRequest,
  ActivationCompleteResponse,
  ActivationResponse,
  Case,
  IdType,
} from '../../widget/api/contract.ts';
import type { AppDeps } from '../deps.ts';
import type { Db } from '../db/database.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import { maskEmail, maskIdentification } from '../../widget/domain/mask.ts';
import { normalizePassword } from '../../widget/domain/password.ts';
import { ownerContextWords, refusePassword } from '../domain/password-policy.ts';
import { ProblemError } from '../http/problem.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { addressChangedMail, passwordChangedMail } from '../mail/templates.ts';
import { FLOW_COLUMNS, type FlowRow } from './flow-auth.ts';
import { ensureHashingCapacity } from './rate-limits.ts';
import { findAffiliate } from './registry.ts';
import { resendActivation } from './send-activation.ts';

interface LinkRow {
  token_hash: string;
  flow_id: string;
  expires_at: Date;
  used_at: Date | null;
  superseded_at: Date | null;
  flow_case: Case;
  id_type: IdType;
  identification: string;
  subject_key: string;
  email_target: string;
  email_is_new: boolean;
  pending_answers: Array<{ questionId: string; hash: string }> | null;
  flow_step: string;
}

async function findLink(db: Db, token: string): Promise<LinkRow | undefined> {
  const { rows } = await sql<LinkRow>`SELECT t.token_hash, t.flow_id, t.expires_at, t.used_at, t.superseded_at, f.flow_case, f.id_type,
      f.identification, f.subject_key, f.email_target, f.email_is_new, f.pending_answers, f.step AS flow_step
    FROM activation_tokens t JOIN flows f ON f.id = t.flow_id WHERE t.token_hash = ${sha256Hex(token)}`.execute(db);
  return rows[0];
}

/** link-invalid / link-used / link-expired, in that order of precedence. */
function refuseUnusable(link: LinkRow | undefined, now: Date): asserts link is LinkRow {
  if (!link || link.superseded_at) throw new ProblemError('link-invalid');
  if (link.used_at) throw new ProblemError('link-used');
  if (new Date(link.expires_at) <= now) throw new ProblemError('link-expired', { expiresAt: new Date(link.expires_at) });
}

export async function checkActivation(d: AppDeps, req: ActivationCheckRequest): Promise<ActivationCheckResponse> {
  const now = d.clock.now();
  const link = await findLink(d.db, req.token);
  refuseUnusable(link, now);
  const affiliate = await findAffiliate(d.db, link.id_type, link.identification);
  if (!affiliate) throw new ProblemError('link-invalid');
  return {
    now: now.toISOString(),
    case: link.flow_case,
    maskedId: maskIdentification(link.identification),
    expiresAt: new Date(link.expires_at).toISOString(),
    policy: d.config.policy,
    // The link holder's own words, so the page shows the verdict GENERAR will get (docs/protocol.md).
    passwordContext: ownerContextWords(affiliate),
    declaration: d.config.declaration,
  };
}

/**
 * "Enviar un nuevo correo" from an EXPIRED link's page, on whatever device the mail was opened:
 * holding the link proves the mailbox, so the flow's resend runs (same address, its cooldown, its
 * cap and the per-destination limit) without the flow token. Someone without the link learns
 * nothing: an unknown token is `link-invalid`, as on the check. A link still good (`sequence`: use
 * it), replaced while still good (`link-invalid`: a newer mail exists), used or whose flow completed
 * (`link-used`), or whose flow has ended (`flow-expired`) sends nothing. A link that expired and
 * was replaced afterwards (by this very button, or by the waiting tab) may ask again: the caps decide.
 */
export async function resendFromLink(d: AppDeps, req: ActivationCheckRequest): Promise<ActivationResponse> {
  const now = d.clock.now();
  const link = await findLink(d.db, req.token);
  if (!link) throw new ProblemError('link-invalid');
  if (link.used_at || link.flow_step === 'completed') throw new ProblemError('link-used');
  const expiresAt = new Date(link.expires_at);
  if (link.superseded_at && new Date(link.superseded_at) < expiresAt) throw new ProblemError('link-invalid');
  if (expiresAt > now) throw new ProblemError(link.superseded_at ? 'link-invalid' : 'sequence');
  const { rows } = await sql<FlowRow>`SELECT ${FLOW_COLUMNS} FROM flows WHERE id = ${link.flow_id}`.execute(d.db);
  const flow = rows[0];
  if (!flow || new Date(flow.expires_at) <= now) throw new ProblemError('flow-expired');
  return resendActivation(d, flow);
}

export async function completeActivation(d: AppDeps, req: ActivationCompleteRequest): Promise<ActivationCompleteResponse> {
  const link = await findLink(d.db, req.token);
  refuseUnusable(link, d.clock.now());
  if (req.declarationVersion !== d.config.declaration.version) {
    throw new ProblemError('validation', { fieldErrors: { declarationVersion: ['mismatch'] } });
  }
  const affiliate = await findAffiliate(d.db, link.id_type, link.identification);
  if (!affiliate) throw new ProblemError('link-invalid');
  const rejected = refusePassword(d.config.policy, req.password, req.passwordConfirmation, ownerContextWords(affiliate));
  if (rejected) throw new ProblemError('password-rejected', { fieldErrors: rejected });
  ensureHashingCapacity(d, 'passed'); // before the link is used: a refusal leaves it as it was
  // Hash outside the transaction: argon2 takes tens of milliseconds and must not hold row locks.
  const passwordHash = await d.hasher.hash(normalizePassword(req.password));

  const completedAt = d.clock.now();
  await d.db.transaction().execute(async (trx) => {
    // Flow row first, then its tokens: the same lock order as a resend, so the two never deadlock.
    await sql`SELECT id FROM flows WHERE id = ${link.flow_id} FOR UPDATE`.execute(trx);
    const used = await sql`UPDATE activation_tokens SET used_at = ${completedAt}
      WHERE token_hash = ${link.token_hash} AND used_at IS NULL AND superseded_at IS NULL AND expires_at > ${completedAt}
      RETURNING token_hash`.execute(trx);
    if (used.rows.length === 0) refuseUnusable(await findLink(trx, req.token), completedAt);
    const moved = await sql`UPDATE flows SET step = 'completed', completed_at = ${completedAt}
      WHERE id = ${link.flow_id} AND step = 'activation-sent' RETURNING id`.execute(trx);
    if (moved.rows.length === 0) throw new ProblemError('link-used');
    // Read under a row lock: a concurrent completion must not see a stale address on record.
    const locked = await sql<{ email: string | null }>`SELECT email FROM affiliates
      WHERE id_type = ${link.id_type} AND identification = ${link.identification} FOR UPDATE`.execute(trx);
    const previous = locked.rows[0]?.email ?? null;
    const email = link.email_is_new ? link.email_target : previous;
    await sql`UPDATE affiliates SET password_hash = ${passwordHash}, email = ${email}, updated_at = ${completedAt}
      WHERE id_type = ${link.id_type} AND identification = ${link.identification}`.execute(trx);
    if (link.flow_case === 'generar' && link.pending_answers?.length) {
      await sql`DELETE FROM security_answers WHERE id_type = ${link.id_type} AND identification = ${link.identification}`.execute(trx);
      // All the answers in one statement: each statement is a round trip to the database (issue 15).
      const rows = link.pending_answers.map((a) => sql`(${link.id_type}, ${link.identification}, ${a.questionId}, ${a.hash})`);
      await sql`INSERT INTO security_answers (id_type, identification, question_id, answer_hash) VALUES ${sql.join(rows)}`.execute(trx);
    }
    await sql`INSERT INTO declaration_acceptances (id_type, identification, flow_id, version, text_sha256, accepted_at)
      VALUES (${link.id_type}, ${link.identification}, ${link.flow_id}, ${d.config.declaration.version}, ${sha256Hex(d.config.declaration.text)}, ${completedAt})`.execute(
      trx,
    );
    await sql`UPDATE sessions SET revoked_at = ${completedAt} WHERE id_type = ${link.id_type} AND identification = ${link.identification} AND revoked_at IS NULL`.execute(
      trx,
    );
    // Other open flows and links of this person die too (SS-21): an older link still in the
    // mailbox must not set the password (and answers, and address) a second time.
    await sql`UPDATE flows SET expires_at = ${completedAt} WHERE subject_key = ${link.subject_key} AND id <> ${link.flow_id} AND completed_at IS NULL AND expires_at > ${completedAt}`.execute(
      trx,
    );
    await sql`UPDATE activation_tokens SET superseded_at = ${completedAt}
      WHERE flow_id IN (SELECT id FROM flows WHERE subject_key = ${link.subject_key} AND id <> ${link.flow_id})
        AND used_at IS NULL AND superseded_at IS NULL`.execute(trx);
    if (email) await enqueueMail(trx, d.clock, email, 'password-changed', passwordChangedMail(completedAt));
    if (previous && email && previous.toLowerCase() !== email.toLowerCase()) {
      await enqueueMail(trx, d.clock, previous, 'address-changed', addressChangedMail(maskEmail(email)));
    }
  });
  d.kickOutbox();
  d.log.info({ event: 'password_changed', subject: link.subject_key.slice(0, 12), case: link.flow_case }, 'clave establecida');
  return { now: completedAt.toISOString(), case: link.flow_case, completedAt: completedAt.toISOString() };
}
