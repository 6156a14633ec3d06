import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { StepIntentEvent } from '../events/intents.ts';
import { renderContact } from './contact.ts';
import '../i18n/es-later.ts';
import { IessStep } from './step-base.ts';

/**
 * State: the activation link (expired, used, replaced) or the whole flow expired. Says what
 * happened, what to do next (start again) and the contact channels.
 *
 * @fires step-intent - StepIntentEvent `{ type: 'restart' }` on "Iniciar de nuevo"
 * @csspart heading - the step's heading
 * @csspart restart - the "Iniciar de nuevo" button
 * @csspart contact - the contact channels
 */
export class IessEstadoExpirado extends IessStep {
  static readonly tagName = 'iess-estado-expirado';

  /** What expired: the e-mailed link or the flow (15 minutes from BUSCAR). */
  @property() accessor what: 'link' | 'flow' = 'link';

  override render() {
    const t = this.t.bind(this);
    return html`
      <h2 tabindex="-1" part="heading">${t('expired.title')}</h2>
      <p>${t(this.what === 'flow' ? 'expired.flow' : 'expired.link')}</p>
      <p>${t('expired.next')}</p>
      <div class="actions">
        <button class="primary" part="restart" type="button" @click=${this.onRestart}>${t('expired.restart')}</button>
      </div>
      ${renderContact(this.localizer)}
    `;
  }

  private onRestart(): void {
    this.dispatchEvent(new StepIntentEvent({ type: 'restart' }));
  }
}
