import { html, nothing, type PropertyDeclarations } from 'lit';
import type { Activation } from '../api/contract.ts';
import { milestoneOf, remainingSeconds } from '../domain/time.ts';
import { StepIntentEvent } from '../events/intents.ts';
import '../i18n/es-later.ts';
import { serverText } from './server-text.ts';
import { IessStep } from './step-base.ts';

/**
 * Step 6, Correo enviado: sender and subject "ACTIVACIÓN CLAVE", the masked address, a spam-folder
 * hint, the countdown of the link's 3 minutes and a one-click resend with a visible cooldown.
 *
 * Time is informational only (CS-13): remaining = expiresAt − (now + clockOffset), where the shell
 * passes `clockOffset` (server − client, from the response's `now`) and ticks `now` (client ms).
 * The timer (role="timer") is silent. Milestones (2 min, 1 min, expired: widget/domain/time.ts
 * MILESTONES) are announced by the shell's one live region, which passes the same words as
 * `notice` to show here; a standalone host may set `announce-milestones` to get a status line
 * here that changes only at those milestones, with the same words.
 *
 * @fires step-intent - StepIntentEvent `{ type: 'resend' }` on "Reenviar correo" when the cooldown is over; `{ type: 'change-email' }` on "Cambiar correo" (a new address typed in this flow)
 * @csspart heading - the step's heading
 * @csspart timer - the link's countdown
 * @csspart resend - the "Reenviar correo" button
 * @csspart change-email - the "Cambiar correo" button (a new address typed in this flow, while its link is unused)
 * @csspart warning - the notice that the link is about to expire or has expired
 */
export class IessPasoCorreoEnviado extends IessStep {
  static readonly tagName = 'iess-paso-correo-enviado';
  static override properties: PropertyDeclarations = {
    activation: { attribute: false },
    clockOffset: { type: Number, attribute: false },
    now: { type: Number, attribute: false },
    announceMilestones: { type: Boolean, attribute: 'announce-milestones' },
    notice: { attribute: false },
    typedEmail: { attribute: false },
  };

  /** The activation as the server described it (ActivationResponse.activation). */
  declare activation: Activation | undefined;
  /** Server clock minus client clock, in ms (widget/domain/time.ts clockOffset). */
  declare clockOffset: number;
  /** The client clock in ms; the shell ticks it (tests pass a fake). */
  declare now: number;
  /** Render this step's own milestone status line (a live region); off when the shell announces. */
  declare announceMilestones: boolean;
  /**
   * The milestone notice to show under the timer, exactly as the shell's live region said it
   * ('' for none). Unset (standalone), the step words its milestones itself.
   */
  declare notice: string | undefined;
  /** The new address as typed in this tab, shown in full instead of the mask (memory only). */
  declare typedEmail: string;

  constructor() {
    super();
    this.clockOffset = 0;
    this.now = Date.now();
    this.announceMilestones = false;
    this.typedEmail = '';
  }

  private seconds(instant: string | undefined): number {
    return instant ? remainingSeconds(instant, this.clockOffset, this.now) : 0;
  }

  private clock(seconds: number): string {
    return this.t('common.minutesSeconds', Math.floor(seconds / 60), seconds % 60);
  }

  /** The last milestone passed, as text; stable between milestones so it is announced once. */
  private milestone(left: number): string {
    const reached = milestoneOf(left);
    if (reached === undefined) return '';
    return reached === 0 ? this.t('sent.expired') : this.t(`timer.sent.${reached}`);
  }

  /**
   * "IESS <no-responder@iess.gob.ec>": the address is kept in one piece when it fits the line (a
   * narrow screen would otherwise break it after the hyphen, "no-" / "responder@…").
   */
  private renderSender(from: string) {
    const at = from.lastIndexOf(' <');
    if (at <= 0 || !from.endsWith('>')) return html`<span class="unbroken">${from}</span>`;
    return html`${from.slice(0, at)} <span class="unbroken">${from.slice(at + 1)}</span>`;
  }

  override render() {
    const t = this.t.bind(this);
    const a = this.activation;
    if (!a) return html`<h2 tabindex="-1" part="heading">${t('sent.title')}</h2>`;
    const left = this.seconds(a.expiresAt);
    const cooldown = this.seconds(a.resendAvailableAt);
    const canResend = cooldown <= 0 && a.resendsLeft > 0 && !this.busy;
    return html`
      <h2 tabindex="-1" part="heading">${t('sent.title')}</h2>
      <p>${t('sent.intro', this.typedEmail || a.sentTo)}</p>
      ${
        a.newAddress
          ? html`<p class="hint">${t('sent.changeHint')}</p>
            <div class="actions">
              <button class="secondary" part="change-email" type="button" ?disabled=${this.busy} @click=${this.onChange}>${t('sent.change')}</button>
            </div>`
          : nothing
      }
      <dl class="info">
        <dt>${t('sent.from')}</dt>
        <dd>${this.renderSender(a.from)}</dd>
        <dt>${t('sent.subject')}</dt>
        <dd><strong>${serverText(this.localizer, a.subject)}</strong></dd>
      </dl>
      <p>${t('sent.instructions')}</p>
      <p>${t('sent.spam')}</p>
      <p class="timer" part="timer">
        <span role="timer" aria-label=${t('sent.timerLabel')}>${left > 0 ? t('sent.remaining', this.clock(left)) : t('sent.expired')}</span>
      </p>
      ${this.announceMilestones ? html`<p class="visually-hidden" role="status" id="milestone">${this.milestone(left)}</p>` : nothing}
      ${this.renderNotice(left)}
      <div class="actions">
        <button
          class="secondary"
          part="resend"
          type="button"
          aria-disabled=${canResend ? 'false' : 'true'}
          aria-describedby="resend-status"
          @click=${this.onResend}
        >
          ${t('sent.resend')}
        </button>
        <span id="resend-status" class="hint">
          ${
            a.resendsLeft <= 0
              ? t('sent.noResends')
              : cooldown > 0
                ? t('sent.resendIn', this.clock(cooldown))
                : t('sent.resendsLeft', a.resendsLeft)
          }
        </span>
      </div>
      <p class="hint">${t('sent.waiting')}</p>
    `;
  }

  /** The 2-minute and 1-minute notice (the expiry is said by the timer itself). */
  private renderNotice(left: number) {
    const text = left > 0 ? (this.notice ?? this.milestone(left)) : '';
    return text ? html`<p class="notice" part="warning">${text}</p>` : nothing;
  }

  private onChange(): void {
    this.dispatchEvent(new StepIntentEvent({ type: 'change-email' }));
  }

  private onResend(): void {
    const a = this.activation;
    // aria-disabled keeps the button focusable (its cooldown stays readable); clicks are ignored.
    if (!a || this.busy || a.resendsLeft <= 0 || this.seconds(a.resendAvailableAt) > 0) return;
    this.dispatchEvent(new StepIntentEvent({ type: 'resend' }));
  }
}
