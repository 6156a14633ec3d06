/**
 * The strength estimator of the password rule (./password.ts): zxcvbn-ts with its common
 * dictionaries (leaked passwords, diceware, keyboard layouts) and the Spanish ones (common words,
 * first names, surnames, Wikipedia), built once on first use. The server imports it statically;
 * the widget imports it dynamically when "Nueva clave" appears (a lazy chunk, off the first step's
 * budget), so both give the same score for the same input.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as common } from '@zxcvbn-ts/language-common';
import { dictionary as spanish } from '@zxcvbn-ts/language-es-es';
import { ESTIMATOR_MAX_CODE_POINTS, type StrengthEstimator } from './password.ts';

export const L33T_MAX_SUBSTITUTIONS = 8;

let factory: ZxcvbnFactory | undefined;

/** zxcvbn's score (0–4): 3 means "safely unguessable" (about 10^10 guesses), 4 very unguessable. */
export const estimatePasswordStrength: StrengthEstimator = (text, userInputs) => {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common, ...spanish },
    graphs: adjacencyGraphs,
    // zxcvbn's own cut is in UTF-16 units; the rule already cut the input to code points.
    maxLength: ESTIMATOR_MAX_CODE_POINTS * 2,
    // The l33t matcher re-runs every dictionary per substitution; 8 instead of 100 costs about a
    // tenth (bench/password-estimator.mjs) and scores the usual l33t passwords the same ("p4$$w0rd1234": 1).
    l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS,
  });
  return factory.check(text, [...userInputs]).score;
};
