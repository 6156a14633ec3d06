/**
 * Ecuadorian cédula (10 digits) check, shared by the widget (to help sooner) and the server (the
 * authority, CS-01/SS-01). Rules:
 *  - spaces and hyphens are tolerated and removed ("171234567-5", "17 1234 5675");
 *  - digits 1–2: province of issue 01–24, or 30 for Ecuadorians registered abroad;
 *  - digit 3: 0–5 for natural persons, AND 6 ACCEPTED. Decision: real cédulas with third digit 6
 *    reportedly exist (registry update of July 2017) and the widely used validators stopped
 *    checking it; refusing them here would lock real people out of the procedure. The server's
 *    registry decides whether the number exists. 7, 8 and 9 (company RUCs) are refused;
 *  - digit 10: "módulo 10" check digit, weights 2,1,2,1,… on digits 1–9, products above 9 minus 9,
 *    check = (10 − sum mod 10) mod 10. Detects every single-digit error and every adjacent
 *    transposition except 0↔9.
 */

export type CedulaRejection = 'empty' | 'format' | 'length' | 'province' | 'third-digit' | 'checksum';
export type CedulaResult = { ok: true; value: string } | { ok: false; reason: CedulaRejection };

/** Longest input we even look at; anything longer is a format error (bounded work). */
const MAX_INPUT = 40;

/** Removes the separators people type; keeps everything else for the format check. */
export function normalizeCedula(text: string): string {
  return text.replace(/[\s\-‐‑–]/g, '');
}

/** The module-10 check digit for the first nine digits (a string of 9 ASCII digits). */
export function cedulaCheckDigit(firstNine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let product = (firstNine.charCodeAt(i) - 48) * (i % 2 === 0 ? 2 : 1);
    if (product > 9) product -= 9;
    sum += product;
  }
  return (10 - (sum % 10)) % 10;
}

export function validateCedula(text: string): CedulaResult {
  if (text.length > MAX_INPUT) return { ok: false, reason: 'format' };
  const value = normalizeCedula(text);
  if (value === '') return { ok: false, reason: 'empty' };
  if (!/^[0-9]+$/.test(value)) return { ok: false, reason: 'format' };
  if (value.length !== 10) return { ok: false, reason: 'length' };
  const province = Number(value.slice(0, 2));
  if (!((province >= 1 && province <= 24) || province === 30)) return { ok: false, reason: 'province' };
  if (Number(value[2]) > 6) return { ok: false, reason: 'third-digit' };
  if (cedulaCheckDigit(value) !== Number(value[9])) return { ok: false, reason: 'checksum' };
  return { ok: true, value };
}

export function isValidCedula(text: string): boolean {
  return validateCedula(text).ok;
}
