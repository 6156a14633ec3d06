/**
 * The verification challenge (protocol step 2). Real and decoy subjects go through the same
 * builder; choices derive from HMAC(secret, subject key), so repeated look-ups show the same
 * questions (SS-04 stability, SS-09 no question shopping).
 *
 * - recuperar: 2 of the person's own security questions (free text, hashed answers);
 * - generar: multiple choice from institutional facts (employer, first contribution year,
 *   pension start, the affiliate a dependant depends on).
 */
import type { Case, ChallengeQuestion } from '../../widget/api/contract.ts';
import { deterministicInts } from '../crypto/tokens.ts';
import type { AffiliateKind, Facts } from '../usecases/registry.ts';
import type { BankQuestion } from './security-questions.ts';

export interface ChallengeSubject {
  kind: AffiliateKind;
  facts: Facts;
  /** recuperar: the ids of the person's registered questions. */
  registeredQuestionIds: string[];
}

export interface Challenge {
  questions: ChallengeQuestion[];
  /** generar: questionId -> the right option value. recuperar: the question ids asked (text). */
  expectedChoices: Map<string, string>;
  textQuestionIds: string[];
}

export const DISTRACTOR_EMPLOYERS = [
  'COMERCIAL ANDINA S.A.', 'DISTRIBUIDORA DEL PACÍFICO CÍA. LTDA.', 'CONSTRUCTORA SIERRA NORTE S.A.',
  'AGRÍCOLA LOS RÍOS S.A.', 'TEXTILES IMBABURA CÍA. LTDA.', 'SERVICIOS MÉDICOS AUSTRO S.A.',
  'TRANSPORTES ORIENTE EXPRESS S.A.', 'ALIMENTOS LA COSTA C.A.', 'FERRETERÍA EL VOLCÁN CÍA. LTDA.',
  'LOGÍSTICA GALÁPAGOS S.A.', 'INDUSTRIAS MANABITAS S.A.', 'TECNOLOGÍA ECUATORIAL CÍA. LTDA.',
];
export const DISTRACTOR_PEOPLE = [
  'MARÍA F. CEVALLOS', 'JOSÉ L. ANDRADE', 'ANA P. VILLACÍS', 'LUIS A. MOREIRA', 'ROSA E. CHALÁN',
  'CARLOS M. ESPINOZA', 'GLORIA I. SALAZAR', 'PEDRO J. GUAMÁN',
];

/** Deterministic shuffle with the given random ints. */
function shuffle<T>(items: T[], ints: number[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = (ints[i] ?? 0) % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

function choiceQuestion(id: string, text: string, right: string, pool: string[], ints: number[], expected: Map<string, string>): ChallengeQuestion {
  const distractors = shuffle(pool.filter((p) => p !== right), ints.slice(0, 16)).slice(0, 3);
  const labels = shuffle([right, ...distractors], ints.slice(16));
  const options = labels.map((label, i) => ({ value: `op${i + 1}`, label }));
  expected.set(id, options.find((o) => o.label === right)!.value);
  return { id, text, kind: 'choice', options };
}

const yearPool = (year: number) => [-6, -4, -3, -2, -1, 1, 2, 3, 5].map((d) => String(year + d));

/**
 * Distractors come from the registry's own employers and names mixed with fixed ones, so the right
 * option is not "the one that is not in the public list".
 */
export interface DistractorPools {
  employers: string[];
  people: string[];
}

export function buildChallenge(secret: string, subjectKey: string, flowCase: Case, subject: ChallengeSubject, bank: readonly BankQuestion[], pools: DistractorPools): Challenge {
  const ints = deterministicInts(secret, `challenge:${subjectKey}`, 128);
  const expectedChoices = new Map<string, string>();
  if (flowCase === 'recuperar') {
    const ids = shuffle([...subject.registeredQuestionIds].sort(), ints).slice(0, 2);
    const questions = ids.map((id) => ({ id, text: bank.find((q) => q.id === id)?.text ?? 'Pregunta de seguridad', kind: 'text' as const }));
    return { questions, expectedChoices, textQuestionIds: ids };
  }
  const f = subject.facts;
  const questions: ChallengeQuestion[] = [];
  const at = (n: number) => ints.slice(n * 32, n * 32 + 32);
  if (subject.kind === 'dependant' && f.principalName) {
    questions.push(choiceQuestion('afiliado-titular', '¿De qué afiliado o afiliada es usted dependiente?', f.principalName, pools.people, at(0), expectedChoices));
  }
  if (subject.kind === 'retiree' && f.pensionStartYear) {
    questions.push(choiceQuestion('inicio-pension', '¿En qué año empezó a recibir su pensión?', String(f.pensionStartYear), yearPool(f.pensionStartYear), at(1), expectedChoices));
  }
  const employer = f.employers?.[0];
  if (employer && subject.kind !== 'dependant') {
    const pool = pools.employers.filter((e) => !f.employers!.includes(e));
    questions.push(choiceQuestion('empleador', '¿Con cuál de estos empleadores ha tenido aportes al IESS?', employer, pool, at(2), expectedChoices));
  }
  if (f.firstContributionYear && subject.kind === 'affiliate') {
    questions.push(choiceQuestion('primer-aporte', '¿En qué año realizó su primer aporte al IESS?', String(f.firstContributionYear), yearPool(f.firstContributionYear), at(3), expectedChoices));
  }
  return { questions, expectedChoices, textQuestionIds: [] };
}

/** Roughly the registry's mix; a decoy must be able to look like any kind of person (SS-04). */
const DECOY_KINDS: readonly ChallengeSubject['kind'][] = ['affiliate', 'affiliate', 'affiliate', 'affiliate', 'affiliate', 'affiliate', 'affiliate', 'retiree', 'retiree', 'dependant'];
const FALLBACK_PEOPLE = ['MARÍA FERNANDA TORRES', 'JOSÉ LUIS CEDEÑO', 'ANA LUCÍA ZAMBRANO', 'LUIS ALBERTO PAREDES'];

/**
 * Synthetic subjects for unknown identifications: they imitate either case and any kind of person
 * (affiliate, retiree, dependant), so the questions a BUSCAR shows never tell whether an
 * identification is in the registry, nor what kind of person it belongs to.
 */
export function decoySubject(secret: string, subjectKey: string, bank: readonly BankQuestion[], pools: DistractorPools): { flowCase: Case; subject: ChallengeSubject } {
  const [c = 0, e = 0, y = 0, q = 0, k = 0, p = 0] = deterministicInts(secret, `decoy:${subjectKey}`, 6);
  const flowCase: Case = c % 2 === 0 ? 'recuperar' : 'generar';
  const ids = shuffle(bank.map((b) => b.id), deterministicInts(secret, `decoy-q:${subjectKey}`, 32)).slice(0, 3 + (q % 3));
  const kind = DECOY_KINDS[k % DECOY_KINDS.length]!;
  const employers = [pools.employers[e % pools.employers.length]!];
  const people = pools.people.length > 0 ? pools.people : FALLBACK_PEOPLE;
  const facts: ChallengeSubject['facts'] =
    kind === 'retiree'
      ? { employers, pensionStartYear: 1995 + (y % 30) }
      : kind === 'dependant'
        ? { principalName: people[p % people.length]! }
        : { employers, firstContributionYear: 1985 + (y % 36) };
  return { flowCase, subject: { kind, facts, registeredQuestionIds: ids } };
}
