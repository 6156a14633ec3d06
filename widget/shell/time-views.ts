/**
 * What the shell shows of its time limits (the words come from ./timer-notices.ts, the same the
 * live region says): the link page's countdown with its notice, and the flow's or the lock's
 * notice with the way forward.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatCountdown } from '../domain/time.ts';
import type { FlowEvent, FlowState } from '../flow/types.ts';
import type { Localizer } from '../i18n/localize.ts';
import type { TimerNotice } from './live-region.ts';
import { noticeOf } from './timer-notices.ts';

/** The link page's time left: silent text (role=timer), and its milestone notice (2 min, 1 min). */
export function linkTimer(l: Localizer, secondsLeft: number | null, notice: string): TemplateResult | typeof nothing {
  if (secondsLeft === null) return nothing;
  return html`<p class="link-timer" part="link-timer">
    <span role="timer">${l.t('shell.link.remaining', formatCountdown(secondsLeft))}</span>
    ${notice ? html`<strong class="warning">${notice}</strong>` : nothing}
  </p>`;
}

export interface TimeNotice {
  /** The flow's notice ('' when none). */
  flow: string;
  /** The lock's notice ('' when none). */
  lock: string;
  /** The lock is over: "Iniciar de nuevo" leads back to BUSCAR. */
  lockOver: boolean;
  restart: () => void;
  /** "Necesito más tiempo" next to the flow's notice, while the flow may still be extended. */
  extend: (() => void) | null;
  /** An extension is in flight. */
  extending: boolean;
  /** Said and shown once the flow was extended ('' otherwise). */
  extended: string;
}

/** The notice's data for `state`: its flow and lock notices, and what "Necesito más tiempo" and "Iniciar de nuevo" send. */
export function timeNoticeOf(s: FlowState, notices: readonly TimerNotice[], send: (e: FlowEvent) => void, extended: string): TimeNotice {
  const extensionsLeft = 'flow' in s ? (s.flow.extensionsLeft ?? s.config?.limits.maxFlowExtensions ?? 1) : 0;
  return {
    flow: noticeOf(notices, 'flow'),
    lock: noticeOf(notices, 'lock'),
    lockOver: notices.some((n) => n.key.startsWith('lock:') && n.key.endsWith(':0')),
    restart: () => send({ type: 'restart' }),
    extend: extensionsLeft > 0 ? () => send({ type: 'extend' }) : null,
    extending: !!s.extending,
    extended,
  };
}

/** The flow's and the lock's milestone notices (the link's and a wait's are shown where they belong). */
export function timeNotice(l: Localizer, n: TimeNotice): TemplateResult | typeof nothing {
  if (!n.flow && !n.lock) return n.extended ? html`<p class="time-notice" part="time-notice">${n.extended}</p>` : nothing;
  const extend = n.flow && n.extend;
  return html`<div class="time-notice" part="time-notice">
    <p><strong>${n.flow || n.lock}</strong></p>
    ${
      extend
        ? html`<button type="button" class="primary" part="extend" aria-disabled=${n.extending ? 'true' : 'false'} @click=${() => !n.extending && extend()}>
          ${l.t('timer.flow.more')}
        </button>`
        : nothing
    }
    ${n.lockOver ? html`<button type="button" class="primary" part="restart" @click=${n.restart}>${l.t('expired.restart')}</button>` : nothing}
  </div>`;
}
