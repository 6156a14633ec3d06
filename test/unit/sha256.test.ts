// The proof of work's fast SHA-256 against node:crypto, across block boundaries.
import { describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { sha256Hex, sha256Matcher } from '../../widget/captcha/sha256.ts';

const ref = (text: string) => createHash('sha256').update(text).digest('hex');

describe('sha256 (proof-of-work hasher)', () => {
  it('matches node:crypto for every length from 0 to 200 bytes (1–4 blocks)', () => {
    for (let length = 0; length <= 200; length++) {
      const text = randomBytes(length).toString('base64').slice(0, length);
      expect(sha256Hex(text), `length ${length}`).toBe(ref(text));
    }
  });

  it('matches the standard test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('ñandú ✓')).toBe(ref('ñandú ✓'));
  });

  it('the matcher accepts exactly the right number, for salts that push the input over a block', () => {
    for (const salt of ['s', 'a'.repeat(45), 'b'.repeat(54), 'c'.repeat(55), 'd'.repeat(63), 'e'.repeat(64), 'f'.repeat(120)]) {
      const match = sha256Matcher(salt, ref(salt + 123456789));
      expect(match, salt).toBeDefined();
      expect(match!(123456789)).toBe(true);
      expect(match!(123456788)).toBe(false);
      expect(match!(0)).toBe(false);
      expect(match!(Number.MAX_SAFE_INTEGER)).toBe(false);
    }
  });

  it('the matcher is reusable: buffer reuse leaves no residue between calls', () => {
    const salt = 'x'.repeat(50);
    const match = sha256Matcher(salt, ref(salt + 7))!;
    expect(match(123456789012)).toBe(false); // a longer candidate first (two blocks)
    expect(match(7)).toBe(true); // then a shorter one (one block)
  });

  it('refuses a target that is not a SHA-256 hex digest', () => {
    expect(sha256Matcher('s', 'zz')).toBeUndefined();
    expect(sha256Matcher('s', 'ab'.repeat(31))).toBeUndefined();
  });
});
