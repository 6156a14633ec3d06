/** Replaces the global Date with one `days` ahead (./clock-ahead.js). */
export function moveClockAhead(days: number): void;
