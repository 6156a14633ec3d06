/**
 * A synthetic, seeded registry that looks like IESS's (issue 9's attacker model): affiliates,
 * retirees and dependants; employers with Zipf-like frequencies (a few employ many, most employ
 * few); contribution and pension years; people with and without an address on record; foreigners.
 * Used by the demo (`serve --demo`), by every test database, and by test/security/.
 *
 * The records are inserted directly (no hashing): people who "have a password" get a hash nobody
 * can match, so they look like recuperar people without slowing anything down.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Hasher } from '../crypto/hasher.ts';
import { cedulaCheckDigit } from '../../widget/domain/cedula.ts';
import { DEFAULT_QUESTION_BANK } from '../domain/security-questions.ts';
import type { Facts } from '../usecases/registry.ts';
import type { RegistryRecord } from './records.ts';

/** mulberry32: a small seeded generator (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'ANA',
  'LUIS',
  'MARÍA',
  'JOSÉ',
  'ROSA',
  'CARLOS',
  'GLORIA',
  'PEDRO',
  'LUCÍA',
  'JORGE',
  'DIANA',
  'MARCO',
  'SONIA',
  'JUAN',
  'PAOLA',
  'DIEGO',
  'NANCY',
  'FABIÁN',
  'CARMEN',
  'EDISON',
  'MÓNICA',
  'WILSON',
  'VERÓNICA',
  'ÁNGEL',
];
const SURNAMES = [
  'PÉREZ',
  'LÓPEZ',
  'QUIZHPI',
  'MENDOZA',
  'CEDEÑO',
  'ZAMBRANO',
  'VERA',
  'GUAMÁN',
  'TORRES',
  'ANDRADE',
  'MOREIRA',
  'SALAZAR',
  'CHALÁN',
  'VILLACÍS',
  'ESPINOZA',
  'TENESACA',
  'PAREDES',
  'CEVALLOS',
  'RUIZ',
  'CASTRO',
  'NARANJO',
  'YÉPEZ',
  'BRAVO',
  'LOOR',
];
const WORDS = [
  'ANDINA',
  'PACÍFICO',
  'SIERRA',
  'AUSTRAL',
  'ORIENTE',
  'COSTA',
  'VOLCÁN',
  'GUAYAS',
  'IMBABURA',
  'MANABÍ',
  'CHIMBORAZO',
  'TUNGURAHUA',
  'AMAZONAS',
  'GALÁPAGOS',
  'CAÑAR',
  'LOJA',
  'ESMERALDAS',
  'PICHINCHA',
  'EL ORO',
  'SUCRE',
  'BOLÍVAR',
  'NAPO',
  'CARCHI',
  'AZUAY',
];
const TRADES = [
  'COMERCIAL',
  'CONSTRUCTORA',
  'AGRÍCOLA',
  'TEXTILES',
  'SERVICIOS MÉDICOS',
  'TRANSPORTES',
  'ALIMENTOS',
  'FERRETERÍA',
  'LOGÍSTICA',
  'INDUSTRIAS',
  'TECNOLOGÍA',
  'DISTRIBUIDORA',
  'CERÁMICA',
  'ASTILLEROS',
  'BANCO',
  'FARMACIAS',
  'EDITORIAL',
  'HOTELERA',
];
const FORMS = ['S.A.', 'CÍA. LTDA.', 'C.A.', 'S.A.S.', 'EP'];

export interface PopulationOptions {
  seed: number;
  size: number;
  /** How many distinct employers (default 5000; Zipf exponent 0.8 over them). */
  employers?: number;
}

/** The population the test databases hold (test/server/helpers, test/e2e) and the attacker model uses. */
export const TEST_POPULATION: PopulationOptions = { seed: 11, size: 600 };
/** The population `serve --demo` loads beside the demo identities. */
export const DEMO_POPULATION: PopulationOptions = { seed: 7, size: 2000 };

export function employerNames(count: number, random: () => number): string[] {
  const names = new Set<string>();
  while (names.size < count) {
    const pick = <T>(a: readonly T[]) => a[Math.floor(random() * a.length)]!;
    names.add(`${pick(TRADES)} ${pick(WORDS)}${random() < 0.3 ? ` ${pick(WORDS)}` : ''} ${pick(FORMS)}`);
  }
  return [...names];
}

/** An index in [0, n) with P(i) ∝ 1/(i+1)^s. */
function zipfSampler(n: number, s: number, random: () => number): () => number {
  const cdf: number[] = [];
  let sum = 0;
  for (let i = 0; i < n; i++) cdf.push((sum += 1 / (i + 1) ** s));
  return () => {
    const u = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** A cédula that passes the module-10 check (provinces 01–24, third digit 0–5). */
function syntheticCedula(random: () => number, taken: Set<string>): string {
  for (;;) {
    const province = String(1 + Math.floor(random() * 24)).padStart(2, '0');
    const rest = String(Math.floor(random() * 6)) + String(Math.floor(random() * 1e6)).padStart(6, '0');
    const nine = province + rest;
    const id = nine + String(cedulaCheckDigit(nine));
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** The records of a synthetic registry (deterministic for a seed). */
export function syntheticRegistry(opts: PopulationOptions): RegistryRecord[] {
  const random = seededRandom(opts.seed);
  const pick = <T>(a: readonly T[]) => a[Math.floor(random() * a.length)]!;
  const employers = employerNames(opts.employers ?? 5000, random);
  const employer = zipfSampler(employers.length, 0.8, random);
  const year = (from: number, to: number) => from + Math.floor(random() * (to - from + 1));
  const taken = new Set<string>();
  const records: RegistryRecord[] = [];
  for (let i = 0; i < opts.size; i++) {
    const r = random();
    const kind = r < 0.7 ? 'affiliate' : r < 0.9 ? 'retiree' : 'dependant';
    const foreigner = random() < 0.05;
    const id = foreigner ? `E${String(Math.floor(random() * 1e7)).padStart(7, '0')}` : syntheticCedula(random, taken);
    if (foreigner && taken.has(id)) continue;
    taken.add(id);
    const surnames = `${pick(SURNAMES)} ${pick(SURNAMES)}`;
    const facts: Facts = {};
    const jobs = () => {
      const n = 1 + Math.floor(random() * random() * 4);
      const list = new Set<string>();
      for (let j = 0; j < n; j++) list.add(employers[employer()]!);
      return [...list];
    };
    if (kind === 'affiliate') {
      facts.employers = jobs();
      facts.firstContributionYear = year(1980, 2025);
    } else if (kind === 'retiree') {
      if (random() < 0.85) facts.employers = jobs();
      facts.pensionStartYear = year(1990, 2025);
    } else {
      // A dependant's principal often shares a surname (a parent or a spouse).
      const principalSurname = random() < 0.8 ? surnames.split(' ')[0]! : pick(SURNAMES);
      facts.principalName = `${pick(FIRST)} ${pick(FIRST)[0]}. ${principalSurname}`;
      facts.principalEmployer = employers[employer()]!;
      facts.dependantSinceYear = year(1995, 2025);
    }
    const hasPassword = kind !== 'dependant' && random() < 0.4;
    const email = hasPassword || random() < 0.35 ? `persona${opts.seed}.${i}@example.com` : undefined;
    const answers = hasPassword
      ? Object.fromEntries(
          DEFAULT_QUESTION_BANK.filter(() => random() < 0.4)
            .slice(0, 5)
            .map((q) => [q.id, 'x']),
        )
      : undefined;
    records.push({
      idType: foreigner ? 'extranjero' : 'cedula',
      id,
      kind,
      givenNames: `${pick(FIRST)} ${pick(FIRST)}`,
      surnames,
      birthDay: 1 + Math.floor(random() * 28),
      birthMonth: 1 + Math.floor(random() * 12),
      email,
      facts,
      // Marks "has a password": insertPopulation stores a hash nobody can match.
      password: hasPassword ? 'x' : undefined,
      securityAnswers:
        answers && Object.keys(answers).length >= 2 ? answers : hasPassword ? { 'amigo-infancia': 'x', 'calle-diez-anos': 'x' } : undefined,
    });
  }
  return records;
}

/**
 * Inserts a synthetic population in a few statements. Passwords and answers get one hash of a
 * random secret (nobody can match it); existing identifications are left as they are.
 */
export async function insertPopulation(db: Db, hasher: Pick<Hasher, 'hash'>, records: readonly RegistryRecord[], now: Date): Promise<void> {
  const unusable = await hasher.hash(crypto.randomUUID() + crypto.randomUUID());
  for (let i = 0; i < records.length; i += 200) {
    const chunk = records.slice(i, i + 200);
    const rows = chunk.map(
      (r) =>
        sql`(${r.idType}, ${r.id}, ${r.kind}, ${r.givenNames}, ${r.surnames}, ${r.birthDay}, ${r.birthMonth}, ${r.email ?? null}, ${r.password ? unusable : null}, ${JSON.stringify(r.facts)}::jsonb, ${now})`,
    );
    await sql`INSERT INTO affiliates (id_type, identification, kind, given_names, surnames, birth_day, birth_month, email, password_hash, facts, updated_at)
      VALUES ${sql.join(rows)} ON CONFLICT DO NOTHING`.execute(db);
    const answers = chunk.flatMap((r) => Object.keys(r.securityAnswers ?? {}).map((q) => sql`(${r.idType}, ${r.id}, ${q}, ${unusable})`));
    if (answers.length)
      await sql`INSERT INTO security_answers (id_type, identification, question_id, answer_hash) VALUES ${sql.join(answers)} ON CONFLICT DO NOTHING`.execute(
        db,
      );
  }
}
