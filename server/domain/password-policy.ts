/**
 * The password rule on the server (SS-18): the shared rule (widget/domain/password.ts) with the
 * strength estimator loaded up front and the person's words from the registry — the same words
 * the link's page receives (ActivationCheckResponse.passwordContext), so its verdict is this one.
 */
import type { FieldErrorCode, PasswordPolicy } from '../../widget/api/contract.ts';
import { checkPassword, passwordContextWords, passwordFieldErrors } from '../../widget/domain/password.ts';
import { estimatePasswordStrength, strengthFactory } from '../../widget/domain/password-strength.ts';
import { nameWords } from './normalize.ts';

export interface PasswordOwner {
  identification: string;
  given_names: string;
  surnames: string;
  birth_day: number;
  birth_month: number;
}

/** The person's words for the rule, from their registry row. */
export const ownerContextWords = (owner: PasswordOwner): string[] =>
  passwordContextWords({
    identification: owner.identification,
    names: nameWords(owner.given_names, owner.surnames),
    birthDay: owner.birth_day,
    birthMonth: owner.birth_month,
  });

/**
 * Builds the strength estimator at the server's start when the policy uses it: a zxcvbn-ts whose
 * internals changed fails the start, not a completion, and no completion pays the build (80 ms).
 */
export function prepareStrengthEstimator(policy: PasswordPolicy): void {
  if (policy.minScore > 0) strengthFactory();
}

/** The field errors of a refused password (`password-rejected`), or undefined when it is accepted. */
export function refusePassword(
  policy: PasswordPolicy,
  password: string,
  confirmation: string,
  words: readonly string[],
): Record<string, FieldErrorCode[]> | undefined {
  return passwordFieldErrors(checkPassword(password, confirmation, policy, { words, estimateStrength: estimatePasswordStrength }));
}
