/**
 * The policy that bounds blind takeover (issue 9; the arithmetic is in docs/security.md "A bound on
 * blind takeover"). A stranger who knows an identification and its day and month of birth (treated
 * as public) can only take over an account by passing verification for someone with NO address on
 * record and then typing their own address. So a new address is accepted online only while the
 * chance that a blind guesser has passed by now stays ≤ MAX_BLIND_PASS:
 *
 *   (failures in the last NEW_ADDRESS_FAILURE_WINDOW_DAYS + 1) × P(best guesses pass) ≤ MAX_BLIND_PASS
 *
 * Every wrong verification is one more try, whoever made it; past the budget the person updates
 * their address in person, as IESS's own unlock procedure does.
 */
import type { StoredChallenge } from './challenge.ts';

/** A round of attempts ages out this long after its last failure (no reset on success: SS-06, issue 9 §3). */
export const ATTEMPT_WINDOW_HOURS = 24;
/** The most a blind guesser may ever win a new-address pass, over the whole window below. */
export const MAX_BLIND_PASS = 0.01;
/** Failures are remembered this long for the new-address budget (≥ the 30 days the bound is stated for). */
export const NEW_ADDRESS_FAILURE_WINDOW_DAYS = 365;

/**
 * P(one attempt with the best guesses passes): the product, over questions a stranger can't know,
 * of the likeliest option's odds. Text answers (recuperar) have no such bound: 1.
 */
export function blindPassProbability(challenge: StoredChallenge): number {
  let p = 1;
  for (const q of challenge.questions) {
    if (q.kind === 'text') return 1;
    if (q.guessable) continue;
    p *= Math.max(...q.odds!);
  }
  return p;
}

/** Whether a person who just passed may register a new address online (else: in person). */
export function newAddressOnline(challenge: StoredChallenge, recentFailures: number): boolean {
  return (recentFailures + 1) * blindPassProbability(challenge) <= MAX_BLIND_PASS * (1 + 1e-9);
}
