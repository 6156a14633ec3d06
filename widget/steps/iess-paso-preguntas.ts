import { html, nothing, type PropertyDeclarations } from 'lit';
import type { SecurityQuestionBank } from '../api/contract.ts';
import { answerProblem, ANSWER_MIN_LENGTH, normalizeAnswer } from '../domain/answers.ts';
import { StepIntentEvent } from '../events/intents.ts';
import { renderErrorSummary, type FieldProblem } from './error-summary.ts';
import '../i18n/es-later.ts';
import { serverText } from './server-text.ts';
import { IessStep } from './step-base.ts';

/**
 * Step 4 (generar only), Preguntas de seguridad: answer at least `min` of the bank (3 of 10),
 * with live "3 de 10" progress; answers that are trivial ("no sé", "123") or the same as another
 * (after the shared normalisation: case, accents, spaces) are refused; answers are hidden by
 * default with a show/hide switch.
 *
 * @fires step-intent - StepIntentEvent `{ type: 'submit-security-questions', request }` on CONTINUAR
 * @csspart heading - the step's heading
 * @csspart error-summary - the box that lists what to fix after a refused submit
 * @csspart progress - how many questions are chosen so far
 * @csspart submit - the main button
 */
export class IessPasoPreguntas extends IessStep {
  static readonly tagName = 'iess-paso-preguntas';
  static override properties: PropertyDeclarations = {
    bank: { attribute: false },
    answers: { state: true },
    reveal: { state: true },
  };

  /** The bank of questions and the minimum to answer (VerifyResponse.securityQuestions). */
  declare bank: SecurityQuestionBank;

  declare private answers: Record<string, string>;
  declare private reveal: boolean;

  constructor() {
    super();
    this.bank = { questions: [], min: 3 };
    this.answers = {};
    this.reveal = false;
  }

  private answered(): { questionId: string; answer: string }[] {
    return this.bank.questions.map((q) => ({ questionId: q.id, answer: (this.answers[q.id] ?? '').trim() })).filter((a) => a.answer !== '');
  }

  /** Per-field problems (trivial, duplicate), keyed by field id, for answered questions only. */
  private fieldProblems(): FieldProblem[] {
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    this.bank.questions.forEach((q, i) => {
      const answer = (this.answers[q.id] ?? '').trim();
      if (answer === '') return;
      const normal = normalizeAnswer(answer);
      const problem = answerProblem(answer);
      if (problem === 'too-short') problems.push({ fieldId: `sq-${i}`, message: this.t('sq.error.too-short', ANSWER_MIN_LENGTH) });
      else if (problem) problems.push({ fieldId: `sq-${i}`, message: this.t('sq.error.trivial') });
      else if (seen.has(normal)) problems.push({ fieldId: `sq-${i}`, message: this.t('sq.error.duplicate') });
      seen.add(normal);
    });
    return problems;
  }

  private problems(): FieldProblem[] {
    const problems = this.fieldProblems();
    const good = this.answered().length - problems.length;
    if (good < this.bank.min) {
      const firstEmpty = this.bank.questions.findIndex((q) => (this.answers[q.id] ?? '').trim() === '');
      problems.unshift({ fieldId: `sq-${Math.max(0, firstEmpty)}`, message: this.t('sq.error.notEnough', this.bank.min) });
    }
    return problems;
  }

  override render() {
    const t = this.t.bind(this);
    const total = this.bank.questions.length;
    const count = this.answered().length;
    const summary = this.submitted ? this.problems() : [];
    // Trivial/duplicate answers are shown as soon as typed; "not enough" only after a submit.
    const fieldErrors = this.fieldProblems();
    return html`
      <h2 tabindex="-1" part="heading">${t('sq.title')}</h2>
      ${renderErrorSummary(t('common.errorSummaryTitle', summary.length), summary, (id) => this.focusField(id))}
      <p>${t('sq.intro', this.bank.min)}</p>
      <p class="info" part="progress">
        <span id="sq-progress-label">${t('sq.progressLabel')}:</span>
        <strong id="sq-progress">${t('sq.progress', count, total)}</strong>
      </p>
      <form novalidate @submit=${this.onSubmit}>
        <label class="choice toggle">
          <input type="checkbox" id="sq-reveal" .checked=${this.reveal} @change=${(e: Event) => (this.reveal = (e.target as HTMLInputElement).checked)} />
          <span>${t('sq.showAnswers')}</span>
        </label>
        ${this.bank.questions.map((q, i) => {
          const error = fieldErrors.find((p) => p.fieldId === `sq-${i}`)?.message;
          return html`<div class="field">
            <label for="sq-${i}">${serverText(this.localizer, q.text)}</label>
            ${error ? html`<span class="error" id="sq-${i}-error">${error}</span>` : nothing}
            <input
              id="sq-${i}"
              type="text"
              class=${this.reveal ? '' : 'masked'}
              autocomplete="off"
              autocapitalize="off"
              spellcheck="false"
              maxlength="200"
              aria-invalid=${error ? 'true' : 'false'}
              aria-describedby=${error ? `sq-${i}-error` : nothing}
              .value=${this.answers[q.id] ?? ''}
              @input=${(e: Event) => (this.answers = { ...this.answers, [q.id]: (e.target as HTMLInputElement).value })}
            />
          </div>`;
        })}
        <div class="actions">
          <button class="primary" part="submit" type="submit" ?disabled=${this.busy} aria-describedby="sq-progress">
            ${t('common.continue')}
          </button>
        </div>
      </form>
    `;
  }

  private onSubmit(event: Event): void {
    if (!this.submitChecked(event, () => this.problems().length)) return;
    this.dispatchEvent(new StepIntentEvent({ type: 'submit-security-questions', request: { answers: this.answered() } }));
  }
}
