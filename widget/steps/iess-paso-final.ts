import { html } from 'lit';
import { property } from 'lit/decorators.js';
import type { Case } from '../api/contract.ts';
import { StepIntentEvent } from '../events/intents.ts';
import '../i18n/es-later.ts';
import { safeHttpUrl } from './safe-url.ts';
import { IessStep } from './step-base.ts';

/**
 * Step 9, success: the password is set; FINALIZAR leads to the portal. With a `portalUrl` the
 * button is a real link (works without script, opens where the person expects); the intent is
 * fired either way so the shell can clean up (wipe state, emit iess-complete).
 *
 * @fires step-intent - StepIntentEvent `{ type: 'finish' }` on FINALIZAR
 * @csspart heading - the step's heading
 * @csspart submit - the main button
 */
export class IessPasoFinal extends IessStep {
  static readonly tagName = 'iess-paso-final';

  /** Which case ended (changes the sentence only). */
  @property({ attribute: 'flow-case' }) accessor flowCase: Case = 'recuperar';
  /** Where FINALIZAR leads: the IESS portal's sign-in page. */
  @property({ attribute: 'portal-url' }) accessor portalUrl = '';

  override render() {
    const t = this.t.bind(this);
    const finish = () => this.dispatchEvent(new StepIntentEvent({ type: 'finish' }));
    return html`
      <h2 tabindex="-1" part="heading">${t('final.title')}</h2>
      <p class="info">${t(this.flowCase === 'generar' ? 'final.generar' : 'final.recuperar')}</p>
      <p>${t('final.next')}</p>
      <div class="actions">
        ${
          this.safePortalUrl
            ? html`<a class="button primary" part="submit" href=${this.safePortalUrl} @click=${finish}>${t('final.submit')}</a>`
            : html`<button class="primary" part="submit" type="button" @click=${finish}>${t('final.submit')}</button>`
        }
      </div>
    `;
  }

  /** Only http(s) URLs become links (never `javascript:`; CS-02). */
  private get safePortalUrl(): string {
    return safeHttpUrl(this.portalUrl);
  }
}
