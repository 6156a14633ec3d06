/**
 * Server-clock correction (CS-13). Every response carries the server's `now`; the widget never
 * compares a server instant with its own clock directly. It keeps `offset = serverNow − clientNow`
 * measured when the response arrived, and computes remaining time as
 * `expiresAt − (clientNow + offset)`, so a client clock that is hours wrong still counts down the
 * server's 3 minutes correctly. Pure functions; the caller passes its clock (testable with fakes).
 */

/** Milliseconds to add to the client clock to get the server clock. 0 when `serverNow` is unreadable. */
export function clockOffset(serverNow: string, clientNowMs: number): number {
  const server = Date.parse(serverNow);
  return Number.isFinite(server) && Number.isFinite(clientNowMs) ? server - clientNowMs : 0;
}

/** The server's clock now, as estimated on the client. */
export function serverNowMs(offset: number, clientNowMs: number): number {
  return clientNowMs + offset;
}

/** Milliseconds left until `expiresAt` on the server's clock; never negative; 0 if unreadable. */
export function remainingMs(expiresAt: string, offset: number, clientNowMs: number): number {
  const end = Date.parse(expiresAt);
  if (!Number.isFinite(end)) return 0;
  return Math.max(0, end - serverNowMs(offset, clientNowMs));
}

/** Whole seconds left, rounded up, so the display shows "0:01" until the very end. */
export function remainingSeconds(expiresAt: string, offset: number, clientNowMs: number): number {
  return Math.ceil(remainingMs(expiresAt, offset, clientNowMs) / 1000);
}

/** "m:ss" for a countdown (e.g. 179 -> "2:59"). */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Seconds left at which every timer of the procedure is announced, once each (WCAG 2.2.1, 4.1.3):
 * two minutes, one minute, and the end. Between milestones a timer's notice stays the same.
 */
export const MILESTONES = [120, 60, 0] as const;
export type Milestone = (typeof MILESTONES)[number];

/** The last milestone a countdown has reached (0 once over), or undefined before the first. */
export function milestoneOf(secondsLeft: number): Milestone | undefined {
  if (secondsLeft <= 0) return 0;
  return secondsLeft <= 60 ? 60 : secondsLeft <= 120 ? 120 : undefined;
}
