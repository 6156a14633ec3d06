import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { ChallengeQuestion, VerifyRequest } from '../api/contract.ts';
import { CONTACT } from '../domain/contact.ts';
import { StepIntentEvent } from '../events/intents.ts';
import { renderErrorSummary, type FieldProblem } from './error-summary.ts';
import '../i18n/es-later.ts';
import { serverText } from './server-text.ts';
import { IessStep } from './step-base.ts';

/** Days per month, with 29 for February (the year is never asked: DP-03). */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * Step 2, Verificación: DAY and MONTH of birth and the challenge questions exactly as the server
 * sends them (`choice` as a radio group, `text` as an input), attempts left, a warning before the
 * last one, CONTINUAR. With no attempts left every control is disabled and nothing is fired
 * (the server stays the authority; the widget simply stops asking).
 *
 * @fires step-intent - StepIntentEvent `{ type: 'submit-verification', request: VerifyRequest }` on CONTINUAR with a complete, possible date and every question answered
 * @csspart heading - the step's heading
 * @csspart error-summary - the box that lists what to fix after a refused submit
 * @csspart submit - the main button
 * @csspart attempts - the attempts left
 * @csspart last-attempt-help - before the last try: whom to ask instead (the contact channels)
 */
export class IessPasoVerificacion extends IessStep {
  static readonly tagName = 'iess-paso-verificacion';
  static override properties: PropertyDeclarations = {
    questions: { attribute: false },
    attemptsLeft: { type: Number, attribute: 'attempts-left' },
    maskedId: { attribute: 'masked-id' },
    lockMinutes: { type: Number, attribute: 'lock-minutes' },
    failed: { type: Boolean },
    day: { state: true },
    month: { state: true },
    answers: { state: true },
  };

  /** The challenge questions from StartFlowResponse.verification.questions. */
  declare questions: readonly ChallengeQuestion[];
  /** Attempts the server says are left. */
  declare attemptsLeft: number;
  /** The identification as the server echoes it, masked. */
  declare maskedId: string;
  /** How long a lock lasts (the server's `limits.lockMinutes`); 0 when unknown: the last-try warning then gives no length. */
  declare lockMinutes: number;
  /** The previous CONTINUAR was refused (verification-failed): say so above the form. */
  declare failed: boolean;

  declare private day: string;
  declare private month: string;
  declare private answers: Record<string, string>;

  constructor() {
    super();
    this.questions = [];
    this.attemptsLeft = 5;
    this.maskedId = '';
    this.lockMinutes = 0;
    this.failed = false;
    this.day = '';
    this.month = '';
    this.answers = {};
  }

  private get exhausted(): boolean {
    return this.attemptsLeft <= 0;
  }

  private problems(): FieldProblem[] {
    const problems: FieldProblem[] = [];
    if (this.day === '') problems.push({ fieldId: 'birth-day', message: this.t('verif.error.day') });
    if (this.month === '') problems.push({ fieldId: 'birth-month', message: this.t('verif.error.month') });
    if (this.day !== '' && this.month !== '' && Number(this.day) > DAYS_IN_MONTH[Number(this.month) - 1]!) {
      problems.push({ fieldId: 'birth-day', message: this.t('verif.error.date') });
    }
    for (const q of this.questions) {
      if ((this.answers[q.id] ?? '').trim() === '') {
        problems.push({ fieldId: this.fieldId(q), message: html`${this.t('verif.error.answer')} ${serverText(this.localizer, q.text)}` });
      }
    }
    return problems;
  }

  /** The id of a question's first focusable control (the first radio for choice questions). */
  private fieldId(q: ChallengeQuestion): string {
    const index = this.questions.indexOf(q);
    return q.kind === 'choice' ? `q-${index}-0` : `q-${index}`;
  }

  private errorFor(fieldId: string, problems: readonly FieldProblem[]): FieldProblem['message'] | undefined {
    return this.submitted ? problems.find((p) => p.fieldId === fieldId)?.message : undefined;
  }

  override render() {
    const t = this.t.bind(this);
    const problems = this.problems();
    const summary = this.submitted ? problems : [];
    const months = t('verif.months').split(',');
    const dayError = this.errorFor('birth-day', problems);
    const monthError = this.errorFor('birth-month', problems);
    const disabled = this.exhausted || this.busy;
    return html`
      <h2 tabindex="-1" part="heading">${t('verif.title')}</h2>
      ${renderErrorSummary(t('common.errorSummaryTitle', summary.length), summary, (id) => this.focusField(id))}
      ${this.failed ? html`<p class="notice">${t('verif.failed')}</p>` : nothing}
      <p class=${this.attemptsLeft === 1 ? 'notice' : 'info'} part="attempts" id="attempts">
        ${this.exhausted ? t('verif.noAttempts') : t('verif.attemptsLeft', this.attemptsLeft)}
        ${
          this.attemptsLeft === 1
            ? html`<br /><strong>${this.lockMinutes > 0 ? t('verif.lastAttemptFor', t('common.duration', this.lockMinutes)) : t('verif.lastAttempt')}</strong>`
            : nothing
        }
      </p>
      ${
        this.attemptsLeft === 1
          ? html`<p class="info" part="last-attempt-help">${t('verif.lastAttemptHelp', CONTACT.office, CONTACT.email, CONTACT.phoneDisplay)}</p>`
          : nothing
      }
      ${this.maskedId ? html`<p>${t('verif.intro', this.maskedId)}</p>` : nothing}
      <form novalidate @submit=${this.onSubmit}>
        <fieldset ?disabled=${this.exhausted}>
          <legend>${t('verif.birthLegend')}</legend>
          <div class="row">
            ${this.birthSelect(
              'birth-day',
              t('verif.day'),
              dayError,
              this.day,
              Array.from({ length: 31 }, (_, i) => String(i + 1)),
              (v) => (this.day = v),
            )}
            ${this.birthSelect('birth-month', t('verif.month'), monthError, this.month, months, (v) => (this.month = v))}
          </div>
        </fieldset>
        ${this.questions.map((q, i) => this.renderQuestion(q, i, problems))}
        <div class="actions">
          <button class="primary" part="submit" type="submit" ?disabled=${disabled} aria-describedby="attempts">
            ${t('common.continue')}
          </button>
        </div>
      </form>
    `;
  }

  /** The day or the month of birth: a select whose option values are 1…n and whose labels are `labels`. */
  private birthSelect(
    id: string,
    label: string,
    error: string | TemplateResult | undefined,
    value: string,
    labels: readonly string[],
    set: (value: string) => void,
  ) {
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${error ? html`<span class="error" id="${id}-error">${error}</span>` : nothing}
      <select
        id=${id}
        autocomplete=${id === 'birth-day' ? 'bday-day' : 'bday-month'}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${id}-error` : nothing}
        @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${value === ''}>${this.t('verif.choose')}</option>
        ${labels.map((name, i) => html`<option value=${i + 1} ?selected=${value === String(i + 1)}>${name}</option>`)}
      </select>
    </div>`;
  }

  private renderQuestion(q: ChallengeQuestion, index: number, problems: readonly FieldProblem[]) {
    const error = this.errorFor(this.fieldId(q), problems);
    const errorId = `q-${index}-error`;
    const set = (value: string) => (this.answers = { ...this.answers, [q.id]: value });
    if (q.kind === 'choice') {
      return html`<fieldset ?disabled=${this.exhausted} aria-describedby=${error ? errorId : nothing}>
        <legend>${serverText(this.localizer, q.text)}</legend>
        ${error ? html`<span class="error" id=${errorId}>${error}</span>` : nothing}
        ${(q.options ?? []).map(
          (option, j) => html`<label class="choice">
            <input
              type="radio"
              id="q-${index}-${j}"
              name="q-${index}"
              .value=${option.value}
              .checked=${this.answers[q.id] === option.value}
              aria-invalid=${error ? 'true' : 'false'}
              aria-describedby=${error ? errorId : nothing}
              @change=${() => set(option.value)}
            />
            <span>${serverText(this.localizer, option.label)}</span>
          </label>`,
        )}
      </fieldset>`;
    }
    return html`<div class="field">
      <label for="q-${index}">${serverText(this.localizer, q.text)}</label>
      ${error ? html`<span class="error" id=${errorId}>${error}</span>` : nothing}
      <input
        type="text"
        id="q-${index}"
        autocomplete="off"
        maxlength="200"
        ?disabled=${this.exhausted}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? errorId : nothing}
        .value=${this.answers[q.id] ?? ''}
        @input=${(e: Event) => set((e.target as HTMLInputElement).value)}
      />
    </div>`;
  }

  private onSubmit(event: Event): void {
    if (this.exhausted) {
      event.preventDefault();
      return;
    }
    if (!this.submitChecked(event, () => this.problems().length)) return;
    const data: VerifyRequest = {
      birthDay: Number(this.day),
      birthMonth: Number(this.month),
      answers: this.questions.map((q) => ({ questionId: q.id, answer: (this.answers[q.id] ?? '').trim() })),
    };
    this.dispatchEvent(new StepIntentEvent({ type: 'submit-verification', request: data }));
  }
}
