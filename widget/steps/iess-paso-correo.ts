import { html, nothing, type PropertyDeclarations } from 'lit';
import type { EmailOnRecord, EmailRequest } from '../api/contract.ts';
import { normalizeEmail, suggestEmailDomain, validateEmail, type EmailRejection } from '../domain/email.ts';
import type { MessageKey } from '../i18n/es.ts';
import { StepIntentEvent } from '../events/intents.ts';
import { renderContact } from './contact.ts';
import { renderFinish } from './finish-action.ts';
import { renderErrorSummary, type FieldProblem } from './error-summary.ts';
import '../i18n/es-later.ts';
import { IessStep } from './step-base.ts';

const EMAIL_MESSAGES: Record<EmailRejection, MessageKey> = {
  empty: 'email.error.required',
  format: 'email.error.format',
  'local-part': 'email.error.local-part',
  'too-long': 'email.error.format',
};

/**
 * Step 5, Correo: the masked address on record with CONTINUAR, or an empty e-mail field with a
 * confirmation field and typo hints ("¿Quiso decir …@gmail.com?"). ACEPTAR follows in the
 * shell's confirm dialog.
 *
 * With no address on record and none registrable online (`email.inPersonOnly`) the step only says
 * where to register one, with the contact channels and FINALIZAR.
 *
 * @fires step-intent - StepIntentEvent `{ type: 'submit-email', request: EmailRequest }` on CONTINUAR (a likely typo must first be answered: use the suggestion or keep the address as typed); `{ type: 'back' }` on "Regresar" (with `can-go-back`); `{ type: 'finish' }` on FINALIZAR (in-person notice)
 * @csspart heading - the step's heading
 * @csspart error-summary - the box that lists what to fix after a refused submit
 * @csspart submit - the main button (CONTINUAR, or FINALIZAR with the in-person notice)
 * @csspart masked-email - the address on record, masked
 * @csspart lost-mailbox - "¿Ya no usa ese correo?": what to do when the address on record is no longer theirs
 * @csspart contact - the contact channels (inside lost-mailbox, or with the in-person notice)
 * @csspart suggestion - the "did you mean …?" question for a mistyped address, with its two answers
 * @csspart back - "Regresar" to the waiting step (with `can-go-back`)
 * @csspart in-person - the notice that a new address is registered at an IESS office
 */
export class IessPasoCorreo extends IessStep {
  static readonly tagName = 'iess-paso-correo';
  static override properties: PropertyDeclarations = {
    email: { attribute: false },
    initialAddress: { attribute: false },
    portalUrl: { attribute: 'portal-url' },
    canGoBack: { type: Boolean, attribute: 'can-go-back' },
    address: { state: true },
    confirmation: { state: true },
    touched: { state: true },
    kept: { state: true },
  };

  /** What the server says about the address on record (only its mask). */
  declare email: EmailOnRecord;

  /** The address to start from (both fields): the one typed before "Cambiar correo", to correct it. */
  declare initialAddress: string;
  /** Where FINALIZAR leads when the address can only be registered in person: the IESS portal. */
  declare portalUrl: string;
  /** Offer "Regresar" (back to the waiting step unchanged): set when the person came to change the address. */
  declare canGoBack: boolean;

  declare private address: string;
  declare private confirmation: string;
  declare private touched: boolean;
  /** The address (normalised) the person chose to keep although it looks like a typo. */
  declare private kept: string;

  constructor() {
    super();
    this.email = { onRecord: false };
    this.initialAddress = '';
    this.portalUrl = '';
    this.canGoBack = false;
    this.address = '';
    this.confirmation = '';
    this.touched = false;
    this.kept = '';
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('initialAddress') && this.initialAddress && !this.address && !this.confirmation) {
      this.address = this.initialAddress;
      this.confirmation = this.initialAddress;
      this.touched = true;
    }
  }

  /** The "¿Quiso decir …?" suggestion that still waits for a choice, if any. */
  private get openSuggestion(): string | undefined {
    const suggestion = suggestEmailDomain(this.address);
    return suggestion && normalizeEmail(this.address) !== this.kept ? suggestion : undefined;
  }

  private get usesRecord(): boolean {
    return this.email.onRecord && Boolean(this.email.masked);
  }

  private problems(): FieldProblem[] {
    if (this.usesRecord) return [];
    const problems: FieldProblem[] = [];
    const result = validateEmail(this.address);
    if (!result.ok) {
      problems.push({ fieldId: 'email', message: this.t(EMAIL_MESSAGES[result.reason]) });
    }
    // A likely typo needs an explicit choice before anything is sent (the link would be lost).
    const suggestion = this.openSuggestion;
    if (result.ok && suggestion) problems.push({ fieldId: 'use-suggestion', message: this.t('email.error.choose', suggestion) });
    if (this.confirmation.trim() === '') {
      problems.push({ fieldId: 'email-confirm', message: this.t('email.error.confirmRequired') });
    } else if (normalizeEmail(this.confirmation) !== normalizeEmail(this.address)) {
      problems.push({ fieldId: 'email-confirm', message: this.t('email.error.mismatch') });
    }
    return problems;
  }

  override render() {
    const t = this.t.bind(this);
    // No address on record and none can be registered online (the takeover bound, docs/security.md).
    // Nothing more to do online (no step number, no time limit: isOver in flow/types.ts): FINALIZAR.
    if (this.email.inPersonOnly) {
      return html`
        <h2 tabindex="-1" part="heading">${t('shell.inPerson.title')}</h2>
        <p part="in-person">${t('email.inPerson')}</p>
        ${renderContact(this.localizer)}
        <div class="actions">${renderFinish(this, t('final.submit'), this.portalUrl)}</div>
      `;
    }
    const problems = this.problems();
    const summary = this.submitted ? problems : [];
    return html`
      <h2 tabindex="-1" part="heading">${t('email.title')}</h2>
      ${renderErrorSummary(t('common.errorSummaryTitle', summary.length), summary, (id) => this.focusField(id))}
      <form novalidate @submit=${this.onSubmit}>
        ${
          this.usesRecord
            ? html`<p>${t('email.onRecord')}</p>
              <p class="info"><strong part="masked-email">${this.email.masked}</strong></p>
              ${this.renderLostMailbox()}`
            : this.renderNewAddress(problems)
        }
        <div class="actions">
          <button class="primary" part="submit" type="submit" ?disabled=${this.busy}>${t('common.continue')}</button>
          ${
            this.canGoBack
              ? html`<button class="secondary" part="back" type="button" ?disabled=${this.busy} @click=${this.onBack}>${t('common.back')}</button>`
              : nothing
          }
        </div>
      </form>
    `;
  }

  /**
   * Before CONTINUAR: what to do when the address on record is no longer the person's. The link
   * would go there, and only an in-person update changes it (the procedure sheet), so say so and
   * give the channels (widget/domain/contact.ts).
   */
  private renderLostMailbox() {
    const t = this.t.bind(this);
    return html`<details class="info" part="lost-mailbox">
      <summary>${t('email.lost.summary')}</summary>
      <p>${t('email.lost.dontContinue')}</p>
      <p>${t('email.lost.inPerson')}</p>
      ${renderContact(this.localizer)}
    </details>`;
  }

  private renderNewAddress(problems: readonly FieldProblem[]) {
    const t = this.t.bind(this);
    const show = (id: string) =>
      this.submitted || (id === 'email' && this.touched) ? problems.find((p) => p.fieldId === id)?.message : undefined;
    const emailError = show('email');
    const confirmError = show('email-confirm');
    const suggestion = this.openSuggestion;
    const typed = normalizeEmail(this.address);
    return html`<p>${t('email.newIntro')}</p>
      <div class="field">
        <label for="email">${t('email.label')}</label>
        <span class="hint" id="email-hint">${t('email.hint')}</span>
        ${emailError ? html`<span class="error" id="email-error">${emailError}</span>` : nothing}
        ${this.addressInput(
          'email',
          this.address,
          emailError,
          ['email-hint', emailError ? 'email-error' : '', suggestion ? 'email-suggestion' : ''],
          (v) => (this.address = v),
          () => (this.touched = this.address !== '' || this.touched),
        )}
        ${
          suggestion
            ? html`<div class="notice" id="email-suggestion" part="suggestion" role="group" aria-labelledby="suggestion-question">
              <p id="suggestion-question">${t('email.suggest', suggestion)}</p>
              <div class="actions">
                <button type="button" class="secondary" id="use-suggestion" @click=${() => this.useSuggestion(suggestion)}>${t('email.useSuggestion', suggestion)}</button>
                <button type="button" class="secondary" id="keep-typed" @click=${() => this.keepTyped(typed)}>${t('email.keepTyped', typed)}</button>
              </div>
            </div>`
            : nothing
        }
      </div>
      <div class="field">
        <label for="email-confirm">${t('email.confirmLabel')}</label>
        ${confirmError ? html`<span class="error" id="email-confirm-error">${confirmError}</span>` : nothing}
        ${this.addressInput('email-confirm', this.confirmation, confirmError, [confirmError ? 'email-confirm-error' : ''], (v) => (this.confirmation = v))}
      </div>`;
  }

  /** One of the two address inputs (the address is typed twice and compared). */
  private addressInput(
    id: string,
    value: string,
    error: FieldProblem['message'] | undefined,
    describedBy: string[],
    set: (value: string) => void,
    onBlur?: () => void,
  ) {
    return html`<input
      id=${id}
      type="email"
      autocomplete="email"
      spellcheck="false"
      maxlength="254"
      aria-required="true"
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${describedBy.filter(Boolean).join(' ') || nothing}
      .value=${value}
      @input=${(e: Event) => set((e.target as HTMLInputElement).value)}
      @blur=${onBlur}
    />`;
  }

  /** "Usar …": the suggestion replaces the address, and the confirmation too when it repeated the same typo. */
  private async useSuggestion(suggestion: string): Promise<void> {
    if (normalizeEmail(this.confirmation) === normalizeEmail(this.address)) this.confirmation = suggestion;
    this.address = suggestion;
    await this.updateComplete;
    this.focusField('email');
  }

  /** "No, mi correo es …": the person confirms the address as typed; the hint goes away for it. */
  private async keepTyped(typed: string): Promise<void> {
    this.kept = typed;
    await this.updateComplete;
    this.focusField('email');
  }

  private onBack(): void {
    this.dispatchEvent(new StepIntentEvent({ type: 'back' }));
  }

  private onSubmit(event: Event): void {
    if (!this.submitChecked(event, () => this.problems().length)) return;
    const data: EmailRequest = this.usesRecord ? { mode: 'on-record' } : { mode: 'new', email: normalizeEmail(this.address) };
    this.dispatchEvent(new StepIntentEvent({ type: 'submit-email', request: data }));
  }
}
