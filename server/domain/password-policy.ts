/**
 * The password policy (SS-18): length in code points after NFKC, no composition rules, a
 * blocklist of common passwords that stays on the server, and context words.
 */
import type { FieldErrorCode, PasswordPolicy } from '../../widget/api/contract.ts';
import { COMMON_PASSWORDS } from './common-passwords.ts';
import { normalizeAnswer } from './normalize.ts';

export const FIXED_CONTEXT_WORDS = ['iess', 'clave', 'afiliado', 'afiliada', 'contrasena'];

export interface PasswordContext {
  identification: string;
  names: string[];
}

export function checkPassword(
  policy: PasswordPolicy,
  password: string,
  confirmation: string,
  context: PasswordContext,
): Record<string, FieldErrorCode[]> | undefined {
  const errors: FieldErrorCode[] = [];
  const nfkc = password.normalize('NFKC');
  const length = [...nfkc].length;
  if (length < policy.minLength) errors.push('too-short');
  if (length > policy.maxLength) errors.push('too-long');
  const folded = normalizeAnswer(nfkc);
  if (policy.blocklist && (COMMON_PASSWORDS.has(folded) || COMMON_PASSWORDS.has(folded.replace(/[^\p{L}\p{N}]+$/u, '')))) {
    errors.push('common');
  }
  if (policy.contextWords) {
    const squashed = folded.replace(/[^\p{L}\p{N}]/gu, '');
    const words = [context.identification.toLowerCase(), ...context.names, ...FIXED_CONTEXT_WORDS].filter((w) => w.length >= 4);
    if (words.some((w) => squashed.includes(w))) errors.push('context');
  }
  const result: Record<string, FieldErrorCode[]> = {};
  if (errors.length) result.password = errors;
  if (password.normalize('NFKC') !== confirmation.normalize('NFKC')) result.passwordConfirmation = ['mismatch'];
  return Object.keys(result).length ? result : undefined;
}
