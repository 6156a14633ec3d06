import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { IdType } from '../api/contract.ts';
import { CONTACT } from '../domain/contact.ts';
import { validateIdentification } from '../domain/identification.ts';
import { StepIntentEvent } from '../events/intents.ts';
import type { MessageKey } from '../i18n/es.ts';
import { renderErrorSummary, type FieldProblem } from './error-summary.ts';
import { IessStep } from './step-base.ts';

/** Solves the server's proof of work and resolves with the payload for `StartFlowRequest.captcha`. */
export type CaptchaSolver = (signal: AbortSignal) => Promise<string>;
type CaptchaState = 'idle' | 'verifying' | 'done' | 'failed';

/**
 * Step 1, Identificación: cédula or foreigner code, the accessible "No soy un robot" check (a
 * proof of work solved by the `solver` the shell passes), the data-protection notice (DP-02) and
 * BUSCAR. Pre-checks the number with the shared domain rules (CS-01: convenience only).
 *
 * @fires step-intent - StepIntentEvent `{ type: 'identify', idType, id, captcha }` on BUSCAR with a valid number and a solved check
 * @csspart heading - the step's heading
 * @csspart error-summary - the box that lists what to fix after a refused submit
 * @csspart submit - the main button
 * @csspart captcha - the "No soy un robot" box
 * @csspart privacy - the note on how the data is used
 */
export class IessPasoIdentificacion extends IessStep {
  static readonly tagName = 'iess-paso-identificacion';
  static override properties: PropertyDeclarations = {
    idType: { attribute: 'id-type' },
    solver: { attribute: false },
    value: { state: true },
    touched: { state: true },
    captchaState: { state: true },
  };

  /** Which identification the person types. */
  declare idType: IdType;
  /** Solves the "No soy un robot" proof of work; without one the check cannot be completed. */
  declare solver: CaptchaSolver | undefined;

  declare private value: string;
  declare private touched: boolean;
  declare private captchaState: CaptchaState;
  private captchaPayload = '';
  private solving: AbortController | undefined;

  constructor() {
    super();
    this.idType = 'cedula';
    this.value = '';
    this.touched = false;
    this.captchaState = 'idle';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.solving?.abort();
  }

  /** The i18n key of the problem with the typed number, or undefined when it passes. */
  private idProblem(): MessageKey | undefined {
    const result = validateIdentification(this.idType, this.value);
    if (result.ok) return undefined;
    return this.idType === 'cedula' || result.reason === 'empty'
      ? (`id.error.${result.reason}` as MessageKey)
      : (`id.error.extranjero.${result.reason}` as MessageKey);
  }

  private problems(): FieldProblem[] {
    const problems: FieldProblem[] = [];
    const id = this.idProblem();
    if (id) problems.push({ fieldId: 'id-number', message: this.t(id) as string });
    if (this.captchaState !== 'done') {
      const key = this.captchaState === 'failed' ? 'id.captcha.failed' : 'id.captcha.required';
      problems.push({ fieldId: 'captcha', message: this.t(key) });
    }
    return problems;
  }

  override render() {
    const t = this.t.bind(this);
    const showIdError = this.touched || this.submitted;
    const idProblem = showIdError ? this.idProblem() : undefined;
    const captchaError =
      this.captchaState === 'failed'
        ? t('id.captcha.failed')
        : this.submitted && this.captchaState !== 'done' && this.captchaState !== 'verifying'
          ? t('id.captcha.required')
          : '';
    const summary = this.submitted ? this.problems() : [];
    return html`
      <h2 tabindex="-1" part="heading">${t('id.title')}</h2>
      ${renderErrorSummary(t('common.errorSummaryTitle', summary.length), summary, (id) => this.focusField(id))}
      <p>${t('id.intro')}</p>
      <form novalidate @submit=${this.onSubmit}>
        <fieldset>
          <legend>${t('id.typeLegend')}</legend>
          ${(['cedula', 'extranjero'] as const).map(
            (type) => html`<label class="choice">
              <input type="radio" name="idType" .value=${type} .checked=${this.idType === type} @change=${() => this.setType(type)} />
              <span>${t(`id.type.${type}`)}</span>
            </label>`,
          )}
        </fieldset>
        <div class="field">
          <label for="id-number">${t(`id.label.${this.idType}`)}</label>
          <span class="hint" id="id-hint">${t(`id.hint.${this.idType}`)}</span>
          ${idProblem ? html`<span class="error" id="id-error">${t(idProblem) as string}</span>` : nothing}
          <input
            id="id-number"
            name="id"
            type="text"
            autocomplete="username"
            spellcheck="false"
            inputmode=${this.idType === 'cedula' ? 'numeric' : 'text'}
            maxlength="40"
            aria-required="true"
            aria-invalid=${idProblem ? 'true' : 'false'}
            aria-describedby=${idProblem ? 'id-hint id-error' : 'id-hint'}
            .value=${this.value}
            @input=${(e: Event) => (this.value = (e.target as HTMLInputElement).value)}
            @blur=${() => (this.touched = this.value !== '' || this.touched)}
          />
        </div>
        <div class="field captcha" part="captcha">
          ${captchaError ? html`<span class="error" id="captcha-error">${captchaError}</span>` : nothing}
          <label class="choice">
            <input
              id="captcha"
              type="checkbox"
              aria-describedby=${captchaError ? 'captcha-status captcha-error' : 'captcha-status'}
              aria-invalid=${captchaError ? 'true' : 'false'}
              .checked=${this.captchaState === 'verifying' || this.captchaState === 'done'}
              ?disabled=${this.captchaState === 'verifying'}
              @change=${this.onCaptchaChange}
            />
            <span>${t('id.captcha.label')}</span>
          </label>
          <span class="hint" id="captcha-status" aria-busy=${this.captchaState === 'verifying' ? 'true' : 'false'}
            >${
              this.captchaState === 'verifying'
                ? t('id.captcha.verifying')
                : this.captchaState === 'done'
                  ? t('id.captcha.done')
                  : t('id.captcha.hint')
            }</span
          >
        </div>
        <div class="actions">
          <button class="primary" part="submit" type="submit" ?disabled=${this.busy}>${t('id.submit')}</button>
        </div>
      </form>
      <details class="info" part="privacy">
        <summary>${t('id.privacy.summary')}</summary>
        <p>${t('id.privacy.controller')}</p>
        <p>${t('id.privacy.purpose')}</p>
        <p>${t('id.privacy.basis')}</p>
        <p>${t('id.privacy.rights', CONTACT.email)}</p>
      </details>
    `;
  }

  private setType(type: IdType): void {
    this.idType = type;
    this.touched = false;
  }

  private async onCaptchaChange(event: Event): Promise<void> {
    const box = event.target as HTMLInputElement;
    this.solving?.abort();
    if (!box.checked) {
      this.captchaState = 'idle';
      this.captchaPayload = '';
      return;
    }
    if (!this.solver) {
      this.captchaState = 'failed';
      return;
    }
    const controller = new AbortController();
    this.solving = controller;
    this.captchaState = 'verifying';
    try {
      const payload = await this.solver(controller.signal);
      if (controller.signal.aborted) return;
      this.captchaPayload = payload;
      this.captchaState = 'done';
    } catch {
      if (!controller.signal.aborted) this.captchaState = 'failed';
    } finally {
      if (this.solving === controller) this.solving = undefined;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#captcha')?.focus();
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // BUSCAR got its answer and this step is still shown: it was refused. The proof of work was
    // single use, so the person ticks "No soy un robot" again.
    if (changed.get('busy') === true && !this.busy) this.resetCaptcha();
  }

  /** Forgets the solved check. */
  private resetCaptcha(): void {
    this.solving?.abort();
    this.captchaPayload = '';
    this.captchaState = 'idle';
  }

  private onSubmit(event: Event): void {
    if (!this.submitChecked(event, () => this.problems().length)) return;
    const id = validateIdentification(this.idType, this.value);
    if (!id.ok) return;
    this.dispatchEvent(new StepIntentEvent({ type: 'identify', idType: this.idType, id: id.value, captcha: this.captchaPayload }));
  }
}
