/**
 * The registry's import format (docs/operations.md "Importar afiliados"), its validation, and the
 * idempotent upsert shared by `iess-clave import` and the demo data set.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Hasher } from '../crypto/hasher.ts';
import { validateEmail } from '../../widget/domain/email.ts';
import { validateIdentification } from '../../widget/domain/identification.ts';
import { normalizePassword } from '../../widget/domain/password.ts';
import { normalizeAnswer } from '../domain/normalize.ts';
import type { AffiliateKind, Facts } from '../usecases/registry.ts';
import type { IdType } from '../../widget/api/contract.ts';

export interface RegistryRecord {
  idType: IdType;
  id: string;
  kind: AffiliateKind;
  givenNames: string;
  surnames: string;
  birthDay: number;
  birthMonth: number;
  email?: string | undefined;
  facts: Facts;
  /** Demo only: an initial password (recuperar case) and security answers. Never in real imports. */
  password?: string | undefined;
  securityAnswers?: Record<string, string> | undefined;
}

export interface Rejected {
  line: number;
  reasons: string[];
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : String(v).trim());

/** Validates one raw row (JSON object or CSV row as an object). */
export function validateRecord(raw: Record<string, unknown>): { ok: true; record: RegistryRecord } | { ok: false; reasons: string[] } {
  const reasons: string[] = [];
  const idType = str(raw.idType) || 'cedula';
  if (idType !== 'cedula' && idType !== 'extranjero') reasons.push('idType: debe ser "cedula" o "extranjero"');
  const idCheck = validateIdentification(idType === 'extranjero' ? 'extranjero' : 'cedula', str(raw.id));
  if (!idCheck.ok) reasons.push(`id: identificación inválida (${idCheck.reason})`);
  const kind = str(raw.kind) || 'affiliate';
  if (!['affiliate', 'retiree', 'dependant'].includes(kind)) reasons.push('kind: debe ser affiliate, retiree o dependant');
  const givenNames = str(raw.givenNames);
  const surnames = str(raw.surnames);
  if (!givenNames || givenNames.length > 100) reasons.push('givenNames: obligatorio (hasta 100 caracteres)');
  if (!surnames || surnames.length > 100) reasons.push('surnames: obligatorio (hasta 100 caracteres)');
  const birthDay = Number(str(raw.birthDay));
  const birthMonth = Number(str(raw.birthMonth));
  if (!Number.isInteger(birthMonth) || birthMonth < 1 || birthMonth > 12) reasons.push('birthMonth: entre 1 y 12');
  else if (!Number.isInteger(birthDay) || birthDay < 1 || birthDay > DAYS_IN_MONTH[birthMonth - 1]!)
    reasons.push('birthDay: día inválido para el mes');
  const emailRaw = str(raw.email);
  const emailCheck = emailRaw ? validateEmail(emailRaw) : undefined;
  if (emailCheck && !emailCheck.ok) reasons.push(`email: dirección inválida (${emailCheck.reason})`);
  const email = emailCheck?.ok ? emailCheck.value : undefined;
  const employers = Array.isArray(raw.employers)
    ? raw.employers.map(str).filter(Boolean)
    : str(raw.employers)
        .split('|')
        .map((s) => s.trim())
        .filter(Boolean);
  const year = (name: string) => {
    const v = str(raw[name]);
    if (!v) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1940 || n > 2100) reasons.push(`${name}: año inválido`);
    return n;
  };
  const facts: Facts = {};
  if (employers.length) facts.employers = employers;
  const first = year('firstContributionYear');
  if (first) facts.firstContributionYear = first;
  const pension = year('pensionStartYear');
  if (pension) facts.pensionStartYear = pension;
  const principal = str(raw.principalName);
  if (principal) facts.principalName = principal;
  const principalEmployer = str(raw.principalEmployer);
  if (principalEmployer) facts.principalEmployer = principalEmployer;
  const dependantSince = year('dependantSinceYear');
  if (dependantSince) facts.dependantSinceYear = dependantSince;
  if (kind === 'affiliate' && (!facts.employers || !facts.firstContributionYear))
    reasons.push('affiliate: requiere employers y firstContributionYear');
  if (kind === 'retiree' && !facts.pensionStartYear) reasons.push('retiree: requiere pensionStartYear');
  if (kind === 'dependant' && !facts.principalName) reasons.push('dependant: requiere principalName');
  if (reasons.length || !idCheck.ok) return { ok: false, reasons };
  return {
    ok: true,
    record: {
      idType: idType as IdType,
      id: idCheck.value,
      kind: kind as AffiliateKind,
      givenNames,
      surnames,
      birthDay,
      birthMonth,
      email,
      facts,
    },
  };
}

/** Inserts or updates a record; the password and answers (demo only) are hashed. Idempotent. */
export async function upsertRecord(db: Db, hasher: Hasher, r: RegistryRecord, now: Date): Promise<void> {
  const passwordHash = r.password ? await hasher.hash(normalizePassword(r.password)) : null;
  const answers = r.securityAnswers
    ? await Promise.all(Object.entries(r.securityAnswers).map(async ([q, a]) => [q, await hasher.hash(normalizeAnswer(a))] as const))
    : [];
  await db.transaction().execute(async (trx) => {
    await sql`INSERT INTO affiliates (id_type, identification, kind, given_names, surnames, birth_day, birth_month, email, password_hash, facts, updated_at)
      VALUES (${r.idType}, ${r.id}, ${r.kind}, ${r.givenNames}, ${r.surnames}, ${r.birthDay}, ${r.birthMonth}, ${r.email ?? null}, ${passwordHash}, ${JSON.stringify(r.facts)}::jsonb, ${now})
      ON CONFLICT (id_type, identification) DO UPDATE SET kind = EXCLUDED.kind, given_names = EXCLUDED.given_names, surnames = EXCLUDED.surnames,
        birth_day = EXCLUDED.birth_day, birth_month = EXCLUDED.birth_month, email = EXCLUDED.email, facts = EXCLUDED.facts, updated_at = EXCLUDED.updated_at
        ${passwordHash ? sql`, password_hash = EXCLUDED.password_hash` : sql``}`.execute(trx);
    if (answers.length) {
      await sql`DELETE FROM security_answers WHERE id_type = ${r.idType} AND identification = ${r.id}`.execute(trx);
      for (const [q, h] of answers) {
        await sql`INSERT INTO security_answers (id_type, identification, question_id, answer_hash) VALUES (${r.idType}, ${r.id}, ${q}, ${h})`.execute(
          trx,
        );
      }
    }
  });
}
