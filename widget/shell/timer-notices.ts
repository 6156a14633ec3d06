/**
 * Every time limit's notice, as the page shows it and the live region says it (one mechanism for
 * the link, the flow, a lock and a rate-limit wait): at 2 min, 1 min and the end
 * (widget/domain/time.ts MILESTONES), on the server's clock (CS-13).
 */
import { milestoneOf, type Milestone } from '../domain/time.ts';
import { runningTimers, type TimerKind } from '../flow/timers.ts';
import type { FlowState } from '../flow/types.ts';
import type { TimerNotice } from './live-region.ts';

/** The words for a timer at a milestone (the shell's i18n). */
export type TimerWords = (kind: TimerKind, milestone: Milestone) => string;

/**
 * The notices of `state` at server time `serverNow`: one per timer that has reached a milestone.
 * A timer whose end moves the flow to an end state leaves the end to that state's announcement.
 */
export function timerNotices(state: FlowState, serverNow: number, words: TimerWords): TimerNotice[] {
  const notices: TimerNotice[] = [];
  for (const timer of runningTimers(state)) {
    const m = milestoneOf(Math.ceil(Math.max(0, timer.endsAt - serverNow) / 1000));
    if (m === undefined || (m === 0 && !timer.saysEnd)) continue;
    const text = words(timer.kind, m);
    if (text) notices.push({ key: `${timer.kind}:${timer.endsAt}:${m}`, text });
  }
  return notices;
}

/** The notice of one kind of timer among `notices`, or ''. */
export function noticeOf(notices: readonly TimerNotice[], kind: TimerKind): string {
  return notices.find((n) => n.key.startsWith(`${kind}:`))?.text ?? '';
}
