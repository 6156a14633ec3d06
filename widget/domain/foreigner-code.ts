/**
 * The IESS "código de identificación para extranjeros" (for foreigners without a cédula).
 * ASSUMPTION: its format is not publicly documented, so it is
 * treated as an opaque code of 5–20 ASCII letters and digits, compared in upper case. Spaces and
 * hyphens are accepted as typed and treated as separators (removed), like in the cédula, so
 * "EXT-0001 2345" and "ext00012345" are the same code; the server and the registry import use
 * the same canonical form. Only the server's lookup says whether it exists; the cédula checksum
 * is never applied to it. Resident foreigners with a cédula use the cédula.
 */

export type ForeignerCodeRejection = 'empty' | 'format' | 'length';
export type ForeignerCodeResult = { ok: true; value: string } | { ok: false; reason: ForeignerCodeRejection };

export const FOREIGNER_CODE_MIN = 5;
export const FOREIGNER_CODE_MAX = 20;

/** The canonical form: separators (whitespace, hyphens) removed, upper case. */
export function normalizeForeignerCode(text: string): string {
  return text.replace(/[\s\-‐‑–]+/g, '').toUpperCase();
}

export function validateForeignerCode(text: string): ForeignerCodeResult {
  if (text.length > 64) return { ok: false, reason: 'length' };
  const value = normalizeForeignerCode(text);
  if (value === '') return { ok: false, reason: 'empty' };
  if (!/^[A-Z0-9]+$/.test(value)) return { ok: false, reason: 'format' };
  if (value.length < FOREIGNER_CODE_MIN || value.length > FOREIGNER_CODE_MAX) return { ok: false, reason: 'length' };
  return { ok: true, value };
}

export function isValidForeignerCode(text: string): boolean {
  return validateForeignerCode(text).ok;
}
