/**
 * Identification checks (SS-01). Kept here until widget/domain/cedula.ts exists; the rules match
 * docs/protocol.md: 10 digits after removing spaces and hyphens, province 01–24 or 30, module-10
 * check digit (third digit 6 accepted). Foreigner codes are opaque: bounded length and charset.
 */
import type { FieldErrorCode, IdType } from '../../widget/api/contract.ts';

export type IdCheck = { ok: true; id: string } | { ok: false; reason: FieldErrorCode };

export function checkCedula(raw: string): IdCheck {
  const id = raw.replace(/[\s-]/g, '');
  if (id === '') return { ok: false, reason: 'required' };
  if (!/^\d{10}$/.test(id)) return { ok: false, reason: 'format' };
  const province = Number(id.slice(0, 2));
  if (!((province >= 1 && province <= 24) || province === 30)) return { ok: false, reason: 'province' };
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(id[i]) * (i % 2 === 0 ? 2 : 1);
    if (d >= 10) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10 === Number(id[9]) ? { ok: true, id } : { ok: false, reason: 'checksum' };
}

export function checkForeignerCode(raw: string): IdCheck {
  const id = raw.replace(/[\s-]/g, '').toUpperCase();
  if (id === '') return { ok: false, reason: 'required' };
  return /^[A-Z0-9]{5,20}$/.test(id) ? { ok: true, id } : { ok: false, reason: 'format' };
}

export const checkIdentification = (idType: IdType, raw: string): IdCheck =>
  idType === 'cedula' ? checkCedula(raw) : checkForeignerCode(raw);

/** `******5675`: only the last four characters are shown (DP-04). */
export const maskId = (id: string): string => '*'.repeat(Math.max(0, id.length - 4)) + id.slice(-4);

/** `j***@g***.com`: first letter of the local part and of the domain, and the top-level domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local.slice(0, 1)}***@${host.slice(0, 1)}***${tld}`;
}
