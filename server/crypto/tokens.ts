/** Random tokens (256 bits, base64url), their SHA-256 hashes, and keyed HMACs. */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const newToken = (): string => randomBytes(32).toString('base64url');
export const sha256Hex = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');
export const hmacHex = (key: string, value: string): string => createHmac('sha256', key).update(value, 'utf8').digest('hex');

export function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** A deterministic stream of numbers from HMAC(secret, label), for decoys and stable choices. */
export function deterministicInts(secret: string, label: string, count: number): number[] {
  const out: number[] = [];
  for (let block = 0; out.length < count; block++) {
    const digest = createHmac('sha256', secret).update(`${label}#${block}`).digest();
    for (let i = 0; i + 4 <= digest.length && out.length < count; i += 4) out.push(digest.readUInt32BE(i));
  }
  return out;
}
