/**
 * Pure timing for the badge: the link's window by the local clock, the minute shown, and when the
 * next change or the warning is due. The server's clock decides; we only correct for skew (CS-13).
 */

export const MINUTE = 60_000;
/** "Shortly before the link expires": one minute of the three. */
export const WARNING_BEFORE_MS = MINUTE;

/** The link's expiry on this machine's clock: localNow + (expiresAt − serverNow). */
export function localDeadline(expiresAt: string, serverNow: string, localNow: number): number {
  return localNow + (Date.parse(expiresAt) - Date.parse(serverNow));
}

/** Whole minutes left, rounded up (2 min 10 s -> 3); 0 once expired. */
export function minutesLeft(deadline: number, now: number): number {
  const left = deadline - now;
  return left > 0 ? Math.ceil(left / MINUTE) : 0;
}

/** Badge text: "3m", "2m", "1m"; empty once expired. */
export function badgeText(deadline: number, now: number): string {
  const minutes = minutesLeft(deadline, now);
  return minutes > 0 ? `${minutes}m` : '';
}

/** When the badge next changes: the next whole-minute boundary before the deadline, or the deadline. */
export function nextTick(deadline: number, now: number): number {
  const minutes = minutesLeft(deadline, now);
  if (minutes <= 1) return deadline;
  return deadline - (minutes - 1) * MINUTE;
}

/** When to warn; undefined when the warning time has already passed. */
export function warningTime(deadline: number, now: number): number | undefined {
  const at = deadline - WARNING_BEFORE_MS;
  return at > now ? at : undefined;
}
