/**
 * What the shell says, worked out from the flow's state and the server's clock (CS-13): the live
 * region's step titles, the problem notice above a step, the milestones of every time limit. Pure
 * functions, so the shell element only wires them to the page.
 */
import type { TimerKind } from '../flow/timers.ts';
import { progress } from '../flow/machine.ts';
import { isOver, type ClientProblem, type FlowState, type StepId } from '../flow/types.ts';
import type { MessageKey } from '../i18n/es.ts';
import type { Localizer } from '../i18n/localize.ts';
import type { TimerNotice } from './live-region.ts';
import { expiredWhat } from './step-views.ts';
import { timerNotices } from './timer-notices.ts';

/** Problem kinds with their own sentence (shell.problem.<kind>); any other reads as the generic one. */
const SAID_PROBLEMS: ReadonlySet<string> = new Set([
  'network',
  'timeout',
  'bad-response',
  'server',
  'unavailable',
  'captcha-failed',
  'captcha-required',
  'validation',
  'attempts-spent',
  'password-rejected',
  'email-limit',
  'in-person-required',
  'sequence',
  'idempotency-conflict',
  'extension-limit',
]);

/** What the live region says when a step or end state is shown ("Paso 2 de 6: Verificación de datos"). */
export function stepTitle(t: Localizer, s: FlowState, step: StepId): string {
  const p = progress(s);
  if (p) return t.t('shell.announce.step', p.index, p.total, t.t(`shell.step.${step}` as MessageKey) as string);
  if (step === 'starting') return '';
  // An end state reached while the later Spanish could not load: nothing said rather than a key.
  const key = endTitleKey(s, step);
  return t.has(key) ? (t.t(key) as string) : '';
}

function endTitleKey(s: FlowState, step: StepId): MessageKey {
  if (s.step === 'email' && isOver(s)) return 'shell.inPerson.title';
  if (s.step === 'expired') {
    // Said the way it ended: "El tiempo terminó" only when time is what ended.
    const what = expiredWhat(s.problem?.kind ?? 'flow-expired', s.mode);
    return what === 'link-expired' || what === 'link-used' || what === 'link-replaced' ? `shell.expired.${what}` : 'shell.expired.title';
  }
  return `shell.${step}.title` as MessageKey;
}

/** Seconds left of a rate-limit wait by the server's clock, or null when there is none; the action waits until 0. */
export function retrySecondsLeft(s: FlowState, serverNow: number): number | null {
  const until = s.problem?.kind === 'rate-limited' ? s.problem.retryUntil : undefined;
  return until === undefined ? null : Math.max(0, Math.ceil((until - serverNow) / 1000));
}

/**
 * The sentence for a problem shown on the current step. The sentences come with the later Spanish
 * (i18n/es-later.ts), which the controller loads before it feeds in the answer; when that load
 * failed, the problem is said as the connection problem it then is (that sentence is in the first
 * load), never as a key.
 */
export function problemText(t: Localizer, p: ClientProblem, s: FlowState, serverNow: number): string {
  const [key, ...args] = problemWords(p, s, serverNow);
  return t.has(key) ? (t.t as (key: MessageKey, ...args: unknown[]) => string)(key, ...args) : t.t('shell.problem.network');
}

/** The key of a problem's sentence, and its arguments. */
function problemWords(p: ClientProblem, s: FlowState, serverNow: number): [MessageKey, ...unknown[]] {
  if (p.kind === 'verification-failed') return ['shell.problem.verification-failed', p.attemptsLeft ?? 0];
  if (p.kind === 'rate-limited') {
    // Whole minutes, rounded up: "34 minutos", then "2 minutos" and "1 minuto" at the milestones (never "2018 segundos").
    const left = retrySecondsLeft(s, serverNow) ?? p.retryAfter;
    return left === 0
      ? ['shell.problem.rate-limited-over']
      : ['shell.problem.rate-limited', left === undefined ? undefined : Math.ceil(left / 60)];
  }
  return [SAID_PROBLEMS.has(p.kind) ? (`shell.problem.${p.kind}` as MessageKey) : 'shell.problem.generic'];
}

/**
 * Every time limit of this state that has reached a milestone (2 min, 1 min, the end), with the
 * words the page shows for it: the live region says each once (shell/live-region.ts), the page
 * shows the same text next to the timer. A timer whose end moves the flow to an end state leaves
 * the end to that state's own announcement.
 */
export function stateNotices(t: Localizer, s: FlowState, serverNow: number): TimerNotice[] {
  return timerNotices(s, serverNow, (kind: TimerKind, m) => {
    if (kind === 'retry') return s.problem ? problemText(t, s.problem, s, serverNow) : '';
    const key = (kind === 'sent' && m === 0 ? 'sent.expired' : `timer.${kind}.${m}`) as MessageKey;
    // The words join the Spanish table with the later steps (i18n/es-later.ts); until then nothing is said.
    return t.has(key) ? (t.t(key) as string) : '';
  });
}
