import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Declaration } from '../api/contract.ts';
import { StepIntentEvent } from '../events/intents.ts';
import { renderErrorSummary } from './error-summary.ts';
import '../i18n/es-later.ts';
import { IessStep } from './step-base.ts';

/**
 * Step 7, Activación: the page the e-mail's CLIC PARA CONTINUAR opens. The person ticks the
 * declaration ("Declaro que toda la información registrada es fidedigna"), which is required;
 * the acceptance travels with the text's version (ActivationCompleteRequest).
 *
 * @fires step-intent - StepIntentEvent `{ type: 'accept-declaration' }` on CONTINUAR with the box ticked
 * @csspart heading - the step's heading
 * @csspart error-summary - the box that lists what to fix after a refused submit
 * @csspart submit - the main button
 */
export class IessPasoActivacion extends IessStep {
  static readonly tagName = 'iess-paso-activacion';

  /** The declaration from the server (its text is what the person accepts; its version is recorded). */
  @property({ attribute: false }) accessor declaration: Declaration | undefined = undefined;
  /** The identification, masked, so the person knows whose password this is. */
  @property({ attribute: 'masked-id' }) accessor maskedId = '';

  @state() private accessor accepted = false;

  override render() {
    const t = this.t.bind(this);
    const error = this.submitted && !this.accepted ? t('act.error.required') : '';
    const summary = error ? [{ fieldId: 'declaration', message: error }] : [];
    return html`
      <h2 tabindex="-1" part="heading">${t('act.title')}</h2>
      ${renderErrorSummary(t('common.errorSummaryTitle', summary.length), summary, (id) => this.focusField(id))}
      ${this.maskedId ? html`<p>${t('act.intro', this.maskedId)}</p>` : nothing}
      <form novalidate @submit=${this.onSubmit}>
        <div class="field">
          ${error ? html`<span class="error" id="declaration-error">${error}</span>` : nothing}
          <label class="choice">
            <input
              id="declaration"
              type="checkbox"
              aria-required="true"
              aria-invalid=${error ? 'true' : 'false'}
              aria-describedby=${error ? 'declaration-error' : nothing}
              .checked=${this.accepted}
              @change=${(e: Event) => (this.accepted = (e.target as HTMLInputElement).checked)}
            />
            <span>${this.declaration ? this.serverText(this.declaration.text) : t('act.declaration')}</span>
          </label>
        </div>
        <div class="actions">
          <button class="primary" part="submit" type="submit" ?disabled=${this.busy}>${t('common.continue')}</button>
        </div>
      </form>
    `;
  }

  private onSubmit(event: Event): void {
    if (!(this.submitChecked(event, () => (this.accepted ? 0 : 1)))) return;
    this.dispatchEvent(new StepIntentEvent({ type: 'accept-declaration' }));
  }
}
