/**
 * The live checklist under "Nueva clave". Mirrors what the server enforces from the same
 * policy (PasswordPolicy in the contract), except the blocklist of common passwords, which
 * stays on the server (only its result comes back, as `password-rejected` / `common`).
 * Lengths are counted in Unicode code points after NFKC, as the server counts them, so a
 * pasted passphrase with accents or emoji is measured the way it will be judged (CS-06).
 * Nothing is trimmed or truncated.
 */
import type { PasswordPolicy } from '../api/contract.ts';
import { normalizeCedula } from './cedula.ts';

export type PasswordRuleId = 'min-length' | 'max-length' | 'match' | 'no-identification';

export interface PasswordRuleResult {
  readonly rule: PasswordRuleId;
  readonly ok: boolean;
  /** Numbers the checklist shows ("al menos 12 caracteres (7/12)"). */
  readonly length?: number;
  readonly limit?: number;
}

export interface PasswordContext {
  /** The identification the person typed at step 1 (cédula or foreigner code). */
  identification?: string;
}

/** Code points after NFKC: the length the policy speaks of. */
export function passwordLength(password: string): number {
  let n = 0;
  for (const _ of password.normalize('NFKC')) n++;
  return n;
}

/**
 * The rule results, in the order the checklist shows them. `no-identification` appears only
 * when the policy refuses context words and an identification of at least 5 characters is known;
 * `match` is false while the confirmation is empty.
 */
export function checkPassword(
  password: string,
  confirmation: string,
  policy: Pick<PasswordPolicy, 'minLength' | 'maxLength' | 'contextWords'>,
  context: PasswordContext = {},
): PasswordRuleResult[] {
  const length = passwordLength(password);
  const results: PasswordRuleResult[] = [
    { rule: 'min-length', ok: length >= policy.minLength, length, limit: policy.minLength },
    { rule: 'max-length', ok: length <= policy.maxLength, length, limit: policy.maxLength },
    { rule: 'match', ok: confirmation.length > 0 && password === confirmation },
  ];
  const id = context.identification === undefined ? '' : normalizeCedula(context.identification).toLowerCase();
  if (policy.contextWords && id.length >= 5) {
    const compact = normalizeCedula(password.normalize('NFKC')).toLowerCase();
    results.push({ rule: 'no-identification', ok: !compact.includes(id) });
  }
  return results;
}

/** True when every rule the widget can check passes (the server may still refuse it). */
export function passwordAcceptable(results: readonly PasswordRuleResult[]): boolean {
  return results.every((r) => r.ok);
}
