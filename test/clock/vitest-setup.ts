/** Vitest setup: the wall clock moves ahead when TEST_CLOCK_AHEAD_DAYS is set (see ./clock-ahead.js). */
import { moveClockAhead } from './clock-ahead.js';

if (process.env['TEST_CLOCK_AHEAD_DAYS']) moveClockAhead(Number(process.env['TEST_CLOCK_AHEAD_DAYS']));
