/**
 * Identification checks (SS-01), with the widget's own validators (widget/domain) so client and
 * server agree; the server is the authority. Their reasons map onto the contract's field codes.
 */
import type { FieldErrorCode, IdType } from '../../widget/api/contract.ts';
import { validateCedula } from '../../widget/domain/cedula.ts';
import { validateForeignerCode } from '../../widget/domain/foreigner-code.ts';

export type IdCheck = { ok: true; id: string } | { ok: false; reason: FieldErrorCode };

const REASONS: Record<string, FieldErrorCode> = { empty: 'required', format: 'format', length: 'format', 'third-digit': 'format', province: 'province', checksum: 'checksum' };

export function checkCedula(raw: string): IdCheck {
  const r = validateCedula(raw);
  return r.ok ? { ok: true, id: r.value } : { ok: false, reason: REASONS[r.reason] ?? 'format' };
}

export function checkForeignerCode(raw: string): IdCheck {
  const r = validateForeignerCode(raw);
  return r.ok ? { ok: true, id: r.value } : { ok: false, reason: REASONS[r.reason] ?? 'format' };
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
