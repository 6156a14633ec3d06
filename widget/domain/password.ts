/**
 * The password rule (SS-18, CS-06), the one the live checklist under "Nueva clave" shows and the
 * server enforces, from the same policy (PasswordPolicy in the contract). One normalisation for
 * everything: NFKC (normalizePassword) — lengths are code points after it, the confirmation is
 * compared after it, the server hashes it. Nothing is trimmed or truncated, no composition rules.
 * What only the server knows comes in through the context: the person's names, and the
 * blocklist of common passwords (it stays on the server; the widget learns only its verdict).
 */
import type { FieldErrorCode, PasswordPolicy } from '../api/contract.ts';
import { normalizeAnswer } from './answers.ts';

export type PasswordRuleId = 'min-length' | 'max-length' | 'match' | 'no-context' | 'not-common';

export interface PasswordRuleResult {
  readonly rule: PasswordRuleId;
  readonly ok: boolean;
  /** Numbers the checklist shows ("al menos 12 caracteres (7/12)"). */
  readonly length?: number;
  readonly limit?: number;
}

export interface PasswordContext {
  /** The identification (cédula or foreigner code); a masked one ("******5675") is ignored. */
  identification?: string;
  /** The person's names (the server knows them). */
  names?: readonly string[];
  /** The blocklist's verdict on the folded password (the server has the list). */
  isCommon?: (folded: string) => boolean;
}

/** Words no password may contain, whoever the person is. */
export const FIXED_CONTEXT_WORDS: readonly string[] = ['iess', 'clave', 'afiliado', 'afiliada', 'contrasena'];

/** The one normalisation: what is measured, compared and hashed. */
export const normalizePassword = (password: string): string => password.normalize('NFKC');

/** Code points after NFKC: the length the policy speaks of. */
export function passwordLength(password: string): number {
  let n = 0;
  for (const _ of normalizePassword(password)) n++;
  return n;
}

/** Case-, accent- and separator-free form, for the context words and the blocklist. */
export const foldPassword = (password: string): string => normalizeAnswer(normalizePassword(password));
const squash = (text: string): string => foldPassword(text).replace(/[^\p{L}\p{N}]/gu, '');

/**
 * The rule results, in the order the checklist shows them. `match` is false while the
 * confirmation is empty; `no-context` appears when the policy refuses context words;
 * `not-common` when the policy has a blocklist and the context brings its verdict.
 */
export function checkPassword(
  password: string,
  confirmation: string,
  policy: PasswordPolicy,
  context: PasswordContext = {},
): PasswordRuleResult[] {
  const length = passwordLength(password);
  const results: PasswordRuleResult[] = [
    { rule: 'min-length', ok: length >= policy.minLength, length, limit: policy.minLength },
    { rule: 'max-length', ok: length <= policy.maxLength, length, limit: policy.maxLength },
    { rule: 'match', ok: confirmation.length > 0 && normalizePassword(password) === normalizePassword(confirmation) },
  ];
  if (policy.contextWords) {
    const id = context.identification?.includes('*') ? '' : (context.identification ?? '');
    const words = [squash(id), ...(context.names ?? []).map(squash), ...FIXED_CONTEXT_WORDS].filter((w) => w.length >= 4);
    const squashed = squash(password);
    results.push({ rule: 'no-context', ok: !words.some((w) => squashed.includes(w)) });
  }
  if (policy.blocklist && context.isCommon) results.push({ rule: 'not-common', ok: !context.isCommon(foldPassword(password)) });
  return results;
}

/** True when every rule checked passes. */
export function passwordAcceptable(results: readonly PasswordRuleResult[]): boolean {
  return results.every((r) => r.ok);
}

const FIELD_ERROR: Record<Exclude<PasswordRuleId, 'match'>, FieldErrorCode> = {
  'min-length': 'too-short',
  'max-length': 'too-long',
  'no-context': 'context',
  'not-common': 'common',
};

/** The failed rules as the contract's field errors (`password-rejected`), or undefined when none failed. */
export function passwordFieldErrors(results: readonly PasswordRuleResult[]): Record<string, FieldErrorCode[]> | undefined {
  const errors: Record<string, FieldErrorCode[]> = {};
  for (const r of results) {
    if (r.ok) continue;
    if (r.rule === 'match') errors['passwordConfirmation'] = ['mismatch'];
    else (errors['password'] ??= []).push(FIELD_ERROR[r.rule]);
  }
  return Object.keys(errors).length ? errors : undefined;
}
