/**
 * The password rule on the server (SS-18): the shared rule (widget/domain/password.ts) with what
 * only the server knows — the person's names and the blocklist of common passwords.
 */
import type { FieldErrorCode, PasswordPolicy } from '../../widget/api/contract.ts';
import { checkPassword, passwordFieldErrors } from '../../widget/domain/password.ts';
import { COMMON_PASSWORDS } from './common-passwords.ts';

/** On the list as folded, or once trailing symbols are dropped ("barcelona12345!"). */
export const isCommonPassword = (folded: string): boolean =>
  COMMON_PASSWORDS.has(folded) || COMMON_PASSWORDS.has(folded.replace(/[^\p{L}\p{N}]+$/u, ''));

export interface PasswordOwner {
  identification: string;
  names: readonly string[];
}

/** The field errors of a refused password (`password-rejected`), or undefined when it is accepted. */
export function refusePassword(
  policy: PasswordPolicy,
  password: string,
  confirmation: string,
  owner: PasswordOwner,
): Record<string, FieldErrorCode[]> | undefined {
  return passwordFieldErrors(checkPassword(password, confirmation, policy, { ...owner, isCommon: isCommonPassword }));
}
