/**
 * The e-mail address rule, the one both the widget (to help before CONTINUAR) and the server (the
 * authority) apply; docs/protocol.md "Direcciones de correo" says why. Bounded and simple: the
 * activation link proves the address (SS-15).
 *  - one "@"; no whitespace, control or line-break characters anywhere (no CR/LF header injection,
 *    no U+2028/U+2029), even at the ends where trimming would hide them;
 *  - local part: ASCII only, the RFC 5322 dot-atom (letters, digits, ! # $ % & ' * + / = ? ^ _ ` { | } ~ -
 *    and dots that neither start, end nor repeat), at most 64 characters. Accented letters before
 *    the "@" need SMTPUTF8 on every mail server on the way, which nobody can promise: they are
 *    refused with their own reason (`local-part`) so the person is told why;
 *  - domain: dotted labels of letters, digits and hyphens; internationalised domains (IDN, e.g.
 *    "ñandú.ec") are ACCEPTED and kept in their ASCII form ("xn--and-6ma2c.ec", the WHATWG URL
 *    conversion, the same one the mailer applies), so every browser sends, and the server stores,
 *    compares and rate-limits one spelling; a top-level domain of at least 2 letters (or xn--);
 *  - at most 254 characters in that ASCII form (RFC 5321 path limit).
 */

import type { FieldErrorCode } from '../api/contract.ts';

export type EmailRejection = 'empty' | 'format' | 'local-part' | 'too-long';
export type EmailResult = { ok: true; value: string } | { ok: false; reason: EmailRejection };

export const EMAIL_MAX_LENGTH = 254;
export const EMAIL_LOCAL_MAX_LENGTH = 64;

const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/u;
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const ASCII = /^[\u0000-\u007f]*$/;
/** A domain as people type it: labels of letters (any script), digits and hyphens. */
const TYPED_DOMAIN = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** The domain in lower-case ASCII (IDN labels as xn--), or undefined when it cannot be converted. */
function asciiDomain(domain: string): string | undefined {
  if (ASCII.test(domain)) return domain.toLowerCase();
  if (!TYPED_DOMAIN.test(domain)) return undefined;
  try {
    // The WHATWG URL host parser is IDNA (UTS #46) in every browser and in Node.
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return undefined;
  }
}

/** Trims the ends (people paste with spaces) and writes the domain in lower-case ASCII; the local part stays as typed. */
export function normalizeEmail(text: string): string {
  const trimmed = text.trim().normalize('NFC');
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return trimmed;
  const domain = trimmed.slice(at + 1);
  return trimmed.slice(0, at) + '@' + (asciiDomain(domain) ?? domain.toLowerCase());
}

export function validateEmail(text: string): EmailResult {
  if (text.length > EMAIL_MAX_LENGTH * 2) return { ok: false, reason: 'too-long' };
  if (LINE_BREAK.test(text)) return { ok: false, reason: 'format' };
  const value = normalizeEmail(text);
  if (value === '') return { ok: false, reason: 'empty' };
  const parts = value.split('@');
  if (parts.length !== 2) return { ok: false, reason: 'format' };
  const [local = '', domain = ''] = parts;
  if (local.length > EMAIL_LOCAL_MAX_LENGTH) return { ok: false, reason: 'too-long' };
  if (local !== '' && !ASCII.test(local) && !/[\s\p{C}]/u.test(local)) return { ok: false, reason: 'local-part' };
  if (!LOCAL.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return { ok: false, reason: 'format' };
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label)) || !TLD.test(labels.at(-1) ?? '')) {
    return { ok: false, reason: 'format' };
  }
  if (value.length > EMAIL_MAX_LENGTH) return { ok: false, reason: 'too-long' };
  return { ok: true, value };
}

export function isValidEmail(text: string): boolean {
  return validateEmail(text).ok;
}

/** The contract's field code for each reason (`email: [code]` in a validation problem). */
export const EMAIL_FIELD_ERROR: Readonly<Record<EmailRejection, FieldErrorCode>> = {
  empty: 'required',
  format: 'format',
  'local-part': 'format',
  'too-long': 'too-long',
};

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
