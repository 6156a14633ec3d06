/**
 * E-mail address check and typo hints for the "Correo" step. The check is deliberately bounded
 * and simple (the activation link proves the address; SS-15): one "@", no whitespace or control
 * characters (so no CR/LF header injection, no U+2028/U+2029), local part ≤ 64, whole ≤ 254
 * (RFC 5321 path limit), a dotted domain of letters/digits/hyphens (IDN as typed Unicode letters
 * is allowed), TLD of at least 2 letters.
 */

export type EmailRejection = 'empty' | 'format' | 'too-long';
export type EmailResult = { ok: true; value: string } | { ok: false; reason: EmailRejection };

export const EMAIL_MAX_LENGTH = 254;
export const EMAIL_LOCAL_MAX_LENGTH = 64;

// Control characters (C0, DEL, C1), whitespace, and the Unicode line/paragraph separators.
const FORBIDDEN = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/u;
const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/u;
const LOCAL = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]+$/u;
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/** Trims the ends (people paste with spaces) and lower-cases the domain only. */
export function normalizeEmail(text: string): string {
  const trimmed = text.trim();
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return trimmed;
  return trimmed.slice(0, at) + '@' + trimmed.slice(at + 1).toLowerCase();
}

export function validateEmail(text: string): EmailResult {
  if (text.length > EMAIL_MAX_LENGTH * 2) return { ok: false, reason: 'too-long' };
  // Line breaks are refused anywhere, even at the ends where trimming would hide them.
  if (LINE_BREAK.test(text)) return { ok: false, reason: 'format' };
  const value = normalizeEmail(text);
  if (value === '') return { ok: false, reason: 'empty' };
  if (value.length > EMAIL_MAX_LENGTH) return { ok: false, reason: 'too-long' };
  if (FORBIDDEN.test(value)) return { ok: false, reason: 'format' };
  const parts = value.split('@');
  if (parts.length !== 2) return { ok: false, reason: 'format' };
  const [local = '', domain = ''] = parts;
  if (local.length > EMAIL_LOCAL_MAX_LENGTH) return { ok: false, reason: 'too-long' };
  if (!LOCAL.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return { ok: false, reason: 'format' };
  }
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return { ok: false, reason: 'format' };
  const tld = labels[labels.length - 1] ?? '';
  if (!/^\p{L}{2,63}$/u.test(tld) && !/^xn--[a-z0-9-]{1,59}$/.test(tld)) return { ok: false, reason: 'format' };
  return { ok: true, value };
}

export function isValidEmail(text: string): boolean {
  return validateEmail(text).ok;
}

/** Domains people in Ecuador use most, and the institution's own. */
export const COMMON_EMAIL_DOMAINS: readonly string[] = [
  'gmail.com',
  'hotmail.com',
  'hotmail.es',
  'outlook.com',
  'outlook.es',
  'yahoo.com',
  'yahoo.es',
  'live.com',
  'icloud.com',
  'msn.com',
  'iess.gob.ec',
  'netlife.ec',
  'cnt.net.ec',
  'andinanet.net',
  'puce.edu.ec',
  'espol.edu.ec',
  'uce.edu.ec',
];

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transposition), capped: returns
 * `cap + 1` as soon as the distance must exceed `cap`, so the work stays small.
 */
export function editDistance(a: string, b: string, cap = 2): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const prev = rows[i - 1]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      }
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (i > 0 && rowMin > cap) return cap + 1;
    rows.push(row);
  }
  return Math.min(rows[a.length]![b.length]!, cap + 1);
}

/**
 * "¿Quiso decir …?": the whole address with the domain corrected, when the typed domain is not a
 * known one but is within a small edit distance of one (1 for short domains, 2 for longer), or
 * `undefined`. Ties go to the earlier (more common) domain in the list.
 */
export function suggestEmailDomain(email: string, domains: readonly string[] = COMMON_EMAIL_DOMAINS): string | undefined {
  const value = normalizeEmail(email);
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1 || value.length > EMAIL_MAX_LENGTH) return undefined;
  const domain = value.slice(at + 1);
  if (domains.includes(domain)) return undefined;
  const maxDistance = domain.length <= 6 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of domains) {
    const d = editDistance(domain, candidate, maxDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best === undefined ? undefined : value.slice(0, at + 1) + best;
}
