/**
 * Answer normalisation (SS-10) is the widget's own rule, imported so that what the widget checks
 * and what the server hashes can never drift apart (a change would alter every stored hash).
 */
import { normalizeAnswer } from '../../widget/domain/answers.ts';

export { normalizeAnswer };

/** Words of a name, normalised, at least 3 letters long (shorter ones match too much). */
export const nameWords = (...names: string[]): string[] =>
  names.flatMap((n) => normalizeAnswer(n).split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 3);
