import { describe, expect, it } from 'vitest';
import { clockOffset, formatCountdown, remainingMs, remainingSeconds, serverNowMs } from '../../widget/domain/time.ts';

const SERVER_NOW = '2026-11-22T10:00:00.000Z';
const EXPIRES = '2026-11-22T10:03:00.000Z'; // the 3-minute link

describe('server clock correction (CS-13)', () => {
  it('a client clock one hour ahead still sees the full 3 minutes', () => {
    const clientNow = Date.parse(SERVER_NOW) + 3_600_000;
    const offset = clockOffset(SERVER_NOW, clientNow);
    expect(offset).toBe(-3_600_000);
    expect(remainingMs(EXPIRES, offset, clientNow)).toBe(180_000);
    expect(remainingMs(EXPIRES, offset, clientNow + 60_000)).toBe(120_000);
  });

  it('a client clock one hour behind too', () => {
    const clientNow = Date.parse(SERVER_NOW) - 3_600_000;
    const offset = clockOffset(SERVER_NOW, clientNow);
    expect(remainingMs(EXPIRES, offset, clientNow + 179_500)).toBe(500);
    expect(remainingSeconds(EXPIRES, offset, clientNow + 179_500)).toBe(1);
    expect(remainingMs(EXPIRES, offset, clientNow + 200_000)).toBe(0);
    expect(serverNowMs(offset, clientNow)).toBe(Date.parse(SERVER_NOW));
  });

  it('unreadable instants degrade safely', () => {
    expect(clockOffset('not a date', 5)).toBe(0);
    expect(remainingMs('not a date', 0, 0)).toBe(0);
  });

  it.each([
    [180, '3:00'],
    [179, '2:59'],
    [61, '1:01'],
    [9, '0:09'],
    [0, '0:00'],
    [-5, '0:00'],
  ])('formatCountdown(%i) = %s', (s, text) => expect(formatCountdown(s)).toBe(text));
});
