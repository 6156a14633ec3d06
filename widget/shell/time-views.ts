/**
 * What the shell shows of its time limits (the words come from ./timer-notices.ts, the same the
 * live region says): the link page's countdown with its notice, and the flow's or the lock's
 * notice with the way forward.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatCountdown } from '../domain/time.ts';
import type { Localizer } from '../i18n/localize.ts';

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
}

/** The flow's and the lock's milestone notices (the link's and a wait's are shown where they belong). */
export function timeNotice(l: Localizer, n: TimeNotice): TemplateResult | typeof nothing {
  if (!n.flow && !n.lock) return nothing;
  return html`<div class="time-notice" part="time-notice">
    <p><strong>${n.flow || n.lock}</strong></p>
    ${n.lockOver ? html`<button type="button" class="primary" part="restart" @click=${n.restart}>${l.t('expired.restart')}</button>` : nothing}
  </div>`;
}
