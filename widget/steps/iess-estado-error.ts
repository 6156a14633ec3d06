import { html, nothing, type PropertyDeclarations } from 'lit';
import { StepIntentEvent } from '../events/intents.ts';
import type { MessageKey } from '../i18n/es.ts';
import { renderContact } from './contact.ts';
import '../i18n/es-later.ts';
import { IessStep } from './step-base.ts';

export const ERROR_KINDS = ['network', 'timeout', 'bad-response', 'server', 'unavailable', 'rate-limited'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/**
 * State: a technical problem (network, timeout, bad response, server, unavailable, rate-limited).
 * Says what happened, what to do next, the contact channels, and offers a retry; while the
 * server's `retryAfter` runs the retry waits, with the time shown.
 *
 * @fires step-intent - StepIntentEvent `{ type: 'retry' }` on "Reintentar"
 * @csspart heading - the step's heading
 * @csspart retry - the "Reintentar" button
 * @csspart contact - the contact channels
 */
export class IessEstadoError extends IessStep {
  static readonly tagName = 'iess-estado-error';
  static override properties: PropertyDeclarations = {
    kind: {},
    retryAfter: { type: Number, attribute: 'retry-after' },
    noRetry: { type: Boolean, attribute: 'no-retry' },
  };

  /** The kind of problem (RecoveryApiError.kind); unknown kinds get a generic sentence. */
  declare kind: string;
  /** Seconds to wait before retrying (rate-limited), counted down by the shell. */
  declare retryAfter: number;
  /** Hide the retry (when retrying cannot help). */
  declare noRetry: boolean;

  constructor() {
    super();
    this.kind = 'server';
    this.retryAfter = 0;
    this.noRetry = false;
  }

  override render() {
    const t = this.t.bind(this);
    const known = (ERROR_KINDS as readonly string[]).includes(this.kind);
    const what = known ? t(`error.${this.kind}` as MessageKey) : t('error.generic');
    const waiting = this.retryAfter > 0;
    const wait = t('common.minutesSeconds', Math.floor(this.retryAfter / 60), this.retryAfter % 60);
    return html`
      <h2 tabindex="-1" part="heading">${t('error.title')}</h2>
      <p class="notice">${what as string}</p>
      <p>${t('error.next')}</p>
      ${
        this.noRetry
          ? nothing
          : html`<div class="actions">
            <button
              class="primary"
              part="retry"
              type="button"
              aria-disabled=${waiting || this.busy ? 'true' : 'false'}
              aria-describedby=${waiting ? 'retry-wait' : nothing}
              @click=${this.onRetry}
            >
              ${t('error.retry')}
            </button>
            ${waiting ? html`<span class="hint" id="retry-wait">${t('error.retryIn', wait)}</span>` : nothing}
          </div>`
      }
      ${renderContact(this.localizer)}
    `;
  }

  private onRetry(): void {
    if (this.retryAfter > 0 || this.busy) return;
    this.dispatchEvent(new StepIntentEvent({ type: 'retry' }));
  }
}
