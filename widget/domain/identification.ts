/**
 * The identification typed at BUSCAR, by its type: a cédula (cedula.ts) or a foreigner code
 * (foreigner-code.ts). The widget checks it to help sooner; the server applies the same rule as
 * the authority (SS-01) and answers the reason as the contract's field code.
 */
import type { FieldErrorCode, IdType } from '../api/contract.ts';
import { validateCedula, type CedulaRejection } from './cedula.ts';
import { validateForeignerCode, type ForeignerCodeRejection } from './foreigner-code.ts';

export type IdentificationRejection = CedulaRejection | ForeignerCodeRejection;
export type IdentificationResult = { ok: true; value: string } | { ok: false; reason: IdentificationRejection };

export function validateIdentification(idType: IdType, text: string): IdentificationResult {
  return idType === 'cedula' ? validateCedula(text) : validateForeignerCode(text);
}

/** The contract's field code for each reason (`id: [code]` in a validation problem). */
export const IDENTIFICATION_FIELD_ERROR: Readonly<Record<IdentificationRejection, FieldErrorCode>> = {
  empty: 'required',
  format: 'format',
  length: 'format',
  'third-digit': 'format',
  province: 'province',
  checksum: 'checksum',
};
