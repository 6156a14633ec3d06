/**
 * The strength estimator of the password rule (./password.ts): zxcvbn-ts with its common
 * dictionaries (leaked passwords, diceware, keyboard layouts) and the Spanish ones (common words,
 * first names, surnames, Wikipedia), built once on first use. The server imports it statically;
 * the widget imports it dynamically when "Nueva clave" appears (a lazy chunk, off the first step's
 * budget), so both give the same score for the same input.
 */
import { ZxcvbnFactory, type Options, type OptionsType } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as common } from '@zxcvbn-ts/language-common';
import { dictionary as spanish } from '@zxcvbn-ts/language-es-es';
import { ESTIMATOR_MAX_CODE_POINTS, type StrengthEstimator } from './password.ts';

export const L33T_MAX_SUBSTITUTIONS = 8;

export const ZXCVBN_OPTIONS = {
  dictionary: { ...common, ...spanish },
  graphs: adjacencyGraphs,
  // zxcvbn's own cut is in UTF-16 units; the rule already cut the input to code points.
  maxLength: ESTIMATOR_MAX_CODE_POINTS * 2,
  // The l33t matcher re-runs every dictionary per substitution; 8 instead of 100 costs about a
  // tenth (bench/password-estimator.mjs) and scores the usual l33t passwords the same ("p4$$w0rd1234": 1).
  l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS,
} satisfies OptionsType;

let factory: ZxcvbnFactory | undefined;

/**
 * A factory's Options instance (public fields of zxcvbn-ts's exported Options class), which the
 * factory's typings mark private. The version is pinned by the lockfile; the tests that hold the
 * merge to zxcvbn-ts's own score fail if a new version reads its dictionaries differently.
 */
export const zxcvbnOptions = (instance: ZxcvbnFactory): Options => (instance as unknown as { options: Options }).options;

/** What zxcvbn-ts's three dictionary matchers (plain, l33t, reversed) give: matches with a rank. */
interface DictionaryMatcher {
  match(options: unknown): { rank?: unknown }[];
}

/**
 * The estimator's zxcvbn-ts instance, built on first use, with the twenty lists in two ranked
 * dictionaries instead of one each. zxcvbn-ts looks every substring up in each dictionary in turn
 * (and again for each l33t variant and reversed), so the number of lists multiplied the cost: the
 * estimate took 10 ms of a completion's CPU on the server, the most after argon2id (issue 15). A
 * dictionary match counts its rank as guesses (the diceware exception is for a list named
 * 'diceware', which this one is not), so one dictionary holding each word's lowest rank gives the
 * same score at a sixth of the cost; the same guesses too, below 10^12 (past it, in a sequence of
 * four matches or more, the lists' order can leave the scorer an extra path the merge does not
 * have, and the merge counts more: score 4 either way). The word-sequence matcher reads only the
 * sequence lists (numbers, days, months…): those stay apart, merged the same way. Building the two
 * takes one pass over the lists (no list repeats a word, so a word's rank in a list is its
 * position), less than zxcvbn-ts's twenty.
 *
 * zxcvbn-ts keeps ranks in plain objects, so «constructor» (a Spanish word) and «__proto__» find
 * Object.prototype's members: a match whose guesses are NaN, which derailed the scorer
 * ("xconstructor": score 3 instead of 1). The two dictionaries here have no prototype, and the
 * person's words (which zxcvbn-ts copies into a plain object on every check) give no match
 * without a finite rank. The NaN also made a repeated «__proto__» score 0; it is now scored as
 * any other repeated nine characters outside the lists (3).
 * test/unit/password-strength.test.ts holds the result to zxcvbn-ts's own, and these two cases.
 */
export const strengthFactory = (): ZxcvbnFactory => {
  if (factory) return factory;
  const { dictionary, ...rest } = ZXCVBN_OPTIONS;
  const built = new ZxcvbnFactory(rest);
  const options = zxcvbnOptions(built);
  const ranked = { words: Object.create(null) as Record<string, number>, sequences: Object.create(null) as Record<string, number> };
  const longest = { words: 0, sequences: 0 };
  for (const [name, list] of Object.entries(dictionary)) {
    const into = options.isWordSequence(name) ? 'sequences' : 'words';
    const ranks = ranked[into];
    list.forEach((word, i) => {
      const had = ranks[word];
      if (had === undefined || had > i + 1) ranks[word] = i + 1;
      if (word.length > longest[into]) longest[into] = word.length;
    });
  }
  options.rankedDictionaries = ranked;
  options.rankedDictionariesMaxWordSize = longest;
  options.wordSequenceNames = ['sequences'];
  const matchers = (built as unknown as { matching: { matchers: Record<string, DictionaryMatcher | undefined> } }).matching.matchers;
  for (const name of ['dictionary', 'dictionaryL33t', 'dictionaryReverse']) {
    const matcher = matchers[name];
    if (!matcher) throw new Error(`zxcvbn-ts has no ${name} matcher`);
    const match = matcher.match.bind(matcher);
    matcher.match = (matchOptions) => match(matchOptions).filter((found) => Number.isFinite(found.rank));
  }
  return (factory = built);
};

/** zxcvbn's score (0–4): 3 means "safely unguessable" (about 10^10 guesses), 4 very unguessable. */
export const estimatePasswordStrength: StrengthEstimator = (text, userInputs) => strengthFactory().check(text, [...userInputs]).score;
