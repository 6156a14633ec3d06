import { html, nothing, type PropertyDeclarations } from 'lit';
import type { Activation } from '../api/contract.ts';
import { remainingSeconds } from '../domain/time.ts';
import { StepIntentEvent } from '../events/intents.ts';
import { renderContact } from './contact.ts';
import '../i18n/es-later.ts';
import { safeHttpUrl } from './safe-url.ts';
import { IessStep } from './step-base.ts';

/**
 * What ended: the flow's time (`flow`), or the e-mailed link — expired (`link-expired`), already
 * used, so the password is set (`link-used`), or replaced by a newer mail (`link-replaced`);
 * `link` is the old catch-all wording for a host that cannot tell.
 */
export type ExpiredWhat = 'flow' | 'link' | 'link-expired' | 'link-used' | 'link-replaced';

/**
 * State: the activation link or the whole flow ended. Each case says what happened and what to do
 * next, so a dead link leads somewhere: an expired link offers "Enviar un nuevo correo" to the same
 * address right here (`can-resend`, on any device: the link proves the mailbox), a used link leads
 * to the portal's sign-in, a replaced link points to the latest mail; starting again and the
 * contact channels are always there.
 *
 * @fires step-intent - StepIntentEvent `{ type: 'resend' }` on "Enviar un nuevo correo" (not during its cooldown), `{ type: 'restart' }` on "Iniciar de nuevo"
 * @csspart heading - the step's heading
 * @csspart resend - the "Enviar un nuevo correo" button
 * @csspart resent - the confirmation that a new mail was sent
 * @csspart sign-in - the link to the portal's sign-in (used link)
 * @csspart restart - the "Iniciar de nuevo" button
 * @csspart contact - the contact channels
 */
export class IessEstadoExpirado extends IessStep {
  static readonly tagName = 'iess-estado-expirado';
  static override properties: PropertyDeclarations = {
    what: {},
    canResend: { type: Boolean, attribute: 'can-resend' },
    resent: { attribute: false },
    resendIssue: {},
    clockOffset: { type: Number, attribute: false },
    now: { type: Number, attribute: false },
    portalUrl: { attribute: 'portal-url' },
  };

  /** What ended (see ExpiredWhat). */
  declare what: ExpiredWhat;
  /** An expired link whose page may ask for a new mail (the shell holds its token). */
  declare canResend: boolean;
  /** The activation the last resend from here answered (masked address, cooldown, resends left). */
  declare resent: Activation | undefined;
  /** Why the last resend was refused, in words (the shell writes them); '' when it was not. */
  declare resendIssue: string;
  /** Server clock minus client clock, in ms; `now` is the client clock the shell ticks. */
  declare clockOffset: number;
  declare now: number;
  /** Where the portal's sign-in is (a used link: the password is set). */
  declare portalUrl: string;

  constructor() {
    super();
    this.what = 'link';
    this.canResend = false;
    this.resendIssue = '';
    this.clockOffset = 0;
    this.now = Date.now();
    this.portalUrl = '';
  }

  private clock(seconds: number): string {
    return this.t('common.minutesSeconds', Math.floor(seconds / 60), seconds % 60);
  }

  override render() {
    const t = this.t.bind(this);
    const what = this.what;
    const title =
      what === 'link-expired' || what === 'link-used' || what === 'link-replaced' ? t(`expired.title.${what}`) : t('expired.title');
    const portal = safeHttpUrl(this.portalUrl);
    return html`
      <h2 tabindex="-1" part="heading">${title}</h2>
      ${
        what === 'flow'
          ? html`<p>${t('expired.flow')}</p><p>${t('expired.next')}</p>`
          : what === 'link-expired'
            ? html`<p>${t('expired.link-expired')}</p>`
            : what === 'link-used'
              ? html`<p>${t('expired.link-used')}</p>`
              : what === 'link-replaced'
                ? html`<p>${t('expired.link-replaced')}</p><p>${t('sent.spam')}</p>`
                : html`<p>${t('expired.link')}</p><p>${t('expired.next')}</p>`
      }
      ${what === 'link-expired' && this.canResend ? this.renderResend() : nothing}
      <div class="actions">
        ${
          what === 'link-used' && portal
            ? html`<a class="button primary" part="sign-in" href=${portal}>${t('expired.signIn')}</a>`
            : nothing
        }
        <button class=${this.primaryIsRestart ? 'primary' : 'secondary'} part="restart" type="button" @click=${this.onRestart}>${t('expired.restart')}</button>
      </div>
      ${what === 'link-used' ? html`<p>${t('expired.notYou')}</p>` : nothing}
      ${renderContact(this.localizer)}
    `;
  }

  /** "Iniciar de nuevo" is the main action unless the page offers a better one. */
  private get primaryIsRestart(): boolean {
    return !((this.what === 'link-expired' && this.canResend) || (this.what === 'link-used' && safeHttpUrl(this.portalUrl)));
  }

  private renderResend() {
    const t = this.t.bind(this);
    const a = this.resent;
    const wait = a ? remainingSeconds(a.resendAvailableAt, this.clockOffset, this.now) : 0;
    const spent = a !== undefined && a.resendsLeft <= 0;
    const can = !this.busy && wait <= 0 && !spent;
    return html`${a ? html`<p class="info" part="resent">${t('expired.resent', a.sentTo)}</p>` : html`<p>${t('expired.resendIntro')}</p>`}
      ${this.resendIssue ? html`<p class="notice">${this.resendIssue}</p>` : nothing}
      <div class="actions">
        <button class=${a ? 'secondary' : 'primary'} part="resend" type="button" aria-disabled=${can ? 'false' : 'true'} aria-describedby="resend-status" @click=${this.onResend}>
          ${t('expired.resend')}
        </button>
        <span id="resend-status" class="hint">${spent ? t('sent.noResends') : wait > 0 ? t('sent.resendIn', this.clock(wait)) : ''}</span>
      </div>`;
  }

  private onResend(): void {
    const a = this.resent;
    // aria-disabled keeps the button focusable (its wait stays readable); clicks are ignored.
    if (this.busy || (a && (a.resendsLeft <= 0 || remainingSeconds(a.resendAvailableAt, this.clockOffset, this.now) > 0))) return;
    this.dispatchEvent(new StepIntentEvent({ type: 'resend' }));
  }

  private onRestart(): void {
    this.dispatchEvent(new StepIntentEvent({ type: 'restart' }));
  }
}
