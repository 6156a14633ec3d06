import { describe, expect, it } from 'vitest';
import { isValidForeignerCode, validateForeignerCode } from '../../widget/domain/foreigner-code.ts';

describe('validateForeignerCode (opaque 5–20 alphanumerics; spaces and hyphens are separators)', () => {
  it.each([
    ['EXT-00012345', 'EXT00012345'],
    ['ext 0001-2345', 'EXT00012345'],
    ['-AB123', 'AB123'],
    ['ext12345', 'EXT12345'],
    [' a1b2c ', 'A1B2C'],
    ['AB 12 34', 'AB1234'],
    ['A'.repeat(20), 'A'.repeat(20)],
  ])('accepts %j as %s', (input, value) => {
    expect(validateForeignerCode(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'empty'],
    ['  ', 'empty'],
    ['AB12', 'length'],
    ['A'.repeat(21), 'length'],
    ['A-B-1-2', 'length'],
    ['---', 'empty'],
    ['AB_123', 'format'],
    ['ÁB1234', 'format'],
    ['AB12<script>', 'format'],
    ['A'.repeat(100), 'length'],
  ] as const)('refuses %j (%s)', (input, reason) => {
    expect(validateForeignerCode(input)).toEqual({ ok: false, reason });
    expect(isValidForeignerCode(input)).toBe(false);
  });

  it('never applies the cédula checksum: a 10-digit number with a wrong check digit is a valid code', () => {
    expect(isValidForeignerCode('1712345676')).toBe(true);
  });
});
