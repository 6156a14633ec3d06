/**
 * The verification challenge (protocol step 2), built once per identification and then kept
 * (usecases/challenges.ts), so repeated look-ups and registry imports show the same options
 * (SS-04 stability, SS-09 no question shopping; issue 9 §2).
 *
 * - recuperar: 2 of the person's own security questions (free text, hashed answers);
 * - generar: multiple choice about institutional facts (FACT_QUESTIONS), k options each, drawn by
 *   domain/option-sampling.ts from the registry's own answers, so no option tells the right one.
 *
 * Decoys (unknown identifications) copy the SHAPE of a registered person picked at random (kind,
 * case, which questions apply) and draw their options from the same distributions without a
 * right answer, so shapes and options of decoys and real people have the same distribution.
 */
import type { Case } from '../../widget/api/contract.ts';
import type { AffiliateKind, Facts } from '../usecases/registry.ts';
import type { BankQuestion } from './security-questions.ts';
import { drawOptions, type Distribution, type Random } from './option-sampling.ts';

export interface FactQuestion {
  id: string;
  text: string;
  kinds: readonly AffiliateKind[];
  /** Where the answer is in `facts` (also read by SQL as `facts #>> path`). */
  path: readonly string[];
  /**
   * An answer a stranger may know without the registry (the name of a dependant's principal is
   * often a relative's): it is asked, but counts as known in the takeover bound.
   */
  guessable?: true;
}

/** The generar questions, in the order they are asked. */
export const FACT_QUESTIONS: readonly FactQuestion[] = [
  {
    id: 'afiliado-titular',
    text: '¿De qué afiliado o afiliada es usted dependiente?',
    kinds: ['dependant'],
    path: ['principalName'],
    guessable: true,
  },
  {
    id: 'empleador-titular',
    text: '¿Con qué empleador aporta el afiliado o afiliada de quien usted depende?',
    kinds: ['dependant'],
    path: ['principalEmployer'],
  },
  {
    id: 'inicio-dependencia',
    text: '¿Desde qué año consta usted como dependiente en el IESS?',
    kinds: ['dependant'],
    path: ['dependantSinceYear'],
  },
  { id: 'inicio-pension', text: '¿En qué año empezó a recibir su pensión?', kinds: ['retiree'], path: ['pensionStartYear'] },
  {
    id: 'empleador',
    text: '¿Cuál es el último empleador con el que usted tiene aportes al IESS?',
    kinds: ['affiliate', 'retiree'],
    path: ['employers', '0'],
  },
  {
    id: 'empleador-anterior',
    text: '¿Con qué empleador tuvo aportes antes del último?',
    kinds: ['affiliate', 'retiree'],
    path: ['employers', '1'],
  },
  { id: 'primer-aporte', text: '¿En qué año realizó su primer aporte al IESS?', kinds: ['affiliate'], path: ['firstContributionYear'] },
];

/** A question's answer in a person's facts, as the option label shows it. */
export function answerOf(facts: Facts, q: FactQuestion): string | undefined {
  let v: unknown = facts;
  for (const key of q.path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/**
 * The distribution of each question's answers over everyone in the registry it applies to
 * (affiliates and retirees share the employer questions), keyed by question id.
 */
export type Distributions = ReadonlyMap<string, Distribution>;

export interface ChallengeSubject {
  kind: AffiliateKind;
  facts: Facts;
  flowCase: Case;
  /** recuperar: the ids of the person's registered questions. */
  registeredQuestionIds: string[];
}

/** A question as kept: what it shows and, for a real person, which option is right. */
export interface StoredQuestion {
  id: string;
  kind: 'choice' | 'text';
  options?: string[];
  /** P(option i is right | options), for the takeover bound (domain/verification-policy.ts). */
  odds?: number[];
  /** Index of the right option; absent for decoys and text questions. */
  right?: number;
  guessable?: true;
}

export interface StoredChallenge {
  flowCase: Case;
  questions: StoredQuestion[];
}

/** The fact questions that apply to a person: answered in their facts and askable with k options. */
export function applicableQuestions(kind: AffiliateKind, facts: Facts, dists: Distributions): FactQuestion[] {
  return FACT_QUESTIONS.filter((q) => q.kinds.includes(kind) && answerOf(facts, q) !== undefined && dists.has(q.id));
}

/**
 * Builds a challenge. `decoy` draws options without a right answer. `random` is crypto-strong in
 * the server (the result is stored, so nothing needs to be derivable) and seeded in tests.
 */
export function buildChallenge(
  subject: ChallengeSubject,
  dists: Distributions,
  random: Random,
  opts: { decoy: boolean; pickTextQuestions: (ids: string[]) => string[] },
): StoredChallenge {
  if (subject.flowCase === 'recuperar') {
    return { flowCase: 'recuperar', questions: opts.pickTextQuestions(subject.registeredQuestionIds).map((id) => ({ id, kind: 'text' })) };
  }
  const questions = applicableQuestions(subject.kind, subject.facts, dists).flatMap((q): StoredQuestion[] => {
    const dist = dists.get(q.id)!;
    const right = opts.decoy ? undefined : answerOf(subject.facts, q);
    // A real answer the distribution doesn't hold yet (an import racing the cache): not asked.
    if (right !== undefined && !dist.index.has(right)) return [];
    const drawn = drawOptions(dist, right, random);
    const stored: StoredQuestion = { id: q.id, kind: 'choice', options: drawn.options, odds: drawn.odds };
    if (right !== undefined) stored.right = drawn.options.indexOf(right);
    if (q.guessable) stored.guessable = true;
    return [stored];
  });
  return { flowCase: 'generar', questions };
}

/** What identifies a real person's challenge: when it changes (the record changed), options are drawn again. */
export function challengeFingerprint(subject: ChallengeSubject): string {
  const answers = FACT_QUESTIONS.map((q) => [q.id, answerOf(subject.facts, q) ?? null]);
  return JSON.stringify([subject.flowCase, subject.kind, [...subject.registeredQuestionIds].sort(), answers]);
}

/** The questions as the API shows them (option values are positions, never labels). */
export function shownQuestions(challenge: StoredChallenge, bank: readonly BankQuestion[]) {
  return challenge.questions.map((q) =>
    q.kind === 'text'
      ? { id: q.id, text: bank.find((b) => b.id === q.id)?.text ?? 'Pregunta de seguridad', kind: 'text' as const }
      : {
          id: q.id,
          text: FACT_QUESTIONS.find((f) => f.id === q.id)!.text,
          kind: 'choice' as const,
          options: q.options!.map((label, i) => ({ value: `op${i + 1}`, label })),
        },
  );
}

/** The right option's value of a real person's choice question (`op1`…). */
export const rightValue = (q: StoredQuestion) => (q.right === undefined || q.right < 0 ? undefined : `op${q.right + 1}`);
