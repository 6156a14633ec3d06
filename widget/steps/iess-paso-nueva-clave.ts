import { html, nothing, render, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { Declaration, FieldErrorCode, PasswordPolicy } from '../api/contract.ts';
import { checkPassword, type PasswordCharacterProblem, type PasswordRuleResult, type StrengthEstimator } from '../domain/password.ts';
import { StepIntentEvent } from '../events/intents.ts';
import { adoptLightDomGuard } from '../styles/light-dom-guard.ts';
import { focusErrorSummary, renderErrorSummary, type FieldProblem } from './error-summary.ts';
import { renderNuevaClaveForm } from './nueva-clave-form.ts';
import '../i18n/es-later.ts';
import { serverText } from './server-text.ts';
import { IessStep } from './step-base.ts';

const DEFAULT_POLICY: PasswordPolicy = { minLength: 12, maxLength: 128, minScore: 3, contextWords: true };
const CHARACTER_PROBLEMS: ReadonlySet<string> = new Set<PasswordCharacterProblem>([
  'ill-formed',
  'blank',
  'control-character',
  'line-separator',
  'format-character',
  'unassigned-character',
]);
let instances = 0;
/** The spoken verdict waits for a pause in typing: a screen reader must not read one per keystroke. */
const VERDICT_PAUSE_MS = 1200;

/**
 * The page the e-mail's CLIC PARA CONTINUAR opens, the procedure's steps 11 and 12 on one page
 * (docs/protocol.md §6): the declaration "Declaro que toda la información registrada es
 * fidedigna", which is required (its acceptance travels with GENERAR and the text's version), then
 * the new password twice, a live checklist from the server's policy, show / hide, paste allowed,
 * GENERAR. As docs/widget-forms.md explains, the <form> with the inputs is
 * rendered into the LIGHT DOM of `formHost` (this element by default; the shell passes itself so
 * the inputs sit in the page's own tree) and slotted into this element's shadow root:
 *  - password managers see a real form: username (the identification) + new-password fields;
 *  - labels are in the same tree as their inputs (axe-clean, real accessible names);
 *  - the host page's CSS is neutralised by an adopted, layered, !important guard sheet.
 *
 * When `formHost` is not this element, the form gets `slot=<formSlot>` and the shell must forward
 * it: `<iess-paso-nueva-clave .formHost=${host}><slot name="<formSlot>" slot="form"></slot></…>`.
 *
 * @fires step-intent - StepIntentEvent `{ type: 'submit-password', password, passwordConfirmation }` on GENERAR when the declaration is ticked and every rule the widget can check passes
 * @slot form - where the light-DOM form is projected (managed by the element)
 * @csspart heading - the step's heading
 * @csspart error-summary - the box that lists what to fix after a refused submit
 * @csspart strength-status - the polite status line that says the strength verdict once typing pauses (visually hidden)
 */
export class IessPasoNuevaClave extends IessStep {
  static readonly tagName = 'iess-paso-nueva-clave';
  static override properties: PropertyDeclarations = {
    policy: { attribute: false },
    identification: { attribute: false },
    passwordContext: { attribute: false },
    fieldErrors: { attribute: false },
    declaration: { attribute: false },
    maskedId: { attribute: 'masked-id' },
    formHost: { attribute: false },
    formSlot: { attribute: 'form-slot' },
    accepted: { state: true },
    password: { state: true },
    confirmation: { state: true },
    reveal: { state: true },
    estimator: { state: true },
    spokenVerdict: { state: true },
  };

  /** The server's policy (ConfigResponse.policy / ActivationCheckResponse.policy). */
  declare policy: PasswordPolicy | undefined;
  /**
   * The identification typed at step 1, for the password manager's username (hidden field).
   * Masked values (with '*') are ignored: a manager would save a wrong username. When it is
   * unknown (the e-mail link opened in a new tab) a visible, optional username field is shown.
   */
  declare identification: string;
  /** The person's words the server checks the password against (ActivationCheckResponse.passwordContext). */
  declare passwordContext: readonly string[];
  /** Reasons from a `password-rejected` problem (fieldErrors), shown under the fields. */
  declare fieldErrors: Readonly<Record<string, readonly FieldErrorCode[]>> | undefined;
  /** The declaration from the server (its text is what the person accepts; its version is recorded). */
  declare declaration: Declaration | undefined;
  /** The identification, masked, so the person knows whose password this is. */
  declare maskedId: string;
  /** Element whose light DOM receives the form (defaults to this element). */
  declare formHost: HTMLElement | undefined;
  /** Slot name the form carries when `formHost` is another element. */
  declare formSlot: string;

  declare private accepted: boolean;
  declare private password: string;
  declare private confirmation: string;
  declare private reveal: boolean;
  /** zxcvbn, loaded when this step appears (a lazy chunk: never in the first step's load). */
  declare private estimator: StrengthEstimator | undefined;
  /** What the polite status line says: the strength verdict after a pause in typing. */
  declare private spokenVerdict: string;
  private verdictTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.policy = DEFAULT_POLICY;
    this.identification = '';
    this.passwordContext = [];
    this.maskedId = '';
    this.formSlot = 'iess-nueva-clave-form';
    this.accepted = false;
    this.password = '';
    this.confirmation = '';
    this.reveal = false;
    this.spokenVerdict = '';
  }
  /** The last estimate: the rules are read several times per keystroke, the estimate costs milliseconds. */
  private lastEstimate = { text: '', inputs: '', score: 0 };

  private readonly ids = `iess-nc-${++instances}`;
  private readonly form: HTMLFormElement = this.createForm();

  private createForm(): HTMLFormElement {
    const form = document.createElement('form');
    form.setAttribute('data-iess-clave-form', '');
    form.noValidate = true;
    form.id = `${this.ids}-form`;
    form.addEventListener('submit', (event) => this.onSubmit(event));
    return form;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.placeForm();
    // Failing to load (offline) leaves the strength pending: GENERAR still goes, the server decides.
    if (!this.estimator) {
      void import('../domain/password-strength.ts').then(
        ({ estimatePasswordStrength }) => {
          this.estimator = this.memoised(estimatePasswordStrength);
          // Typed before it arrived: say the verdict it gives now.
          if (this.password !== '') this.scheduleVerdict();
        },
        () => undefined,
      );
    }
  }

  private memoised(estimate: StrengthEstimator): StrengthEstimator {
    return (text, inputs) => {
      const key = inputs.join('\u0000');
      if (this.lastEstimate.text !== text || this.lastEstimate.inputs !== key)
        this.lastEstimate = { text, inputs: key, score: estimate(text, inputs) };
      return this.lastEstimate.score;
    };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Typed passwords must not linger in the page once the step is gone.
    this.form.remove();
    clearTimeout(this.verdictTimer);
    this.lastEstimate = { text: '', inputs: '', score: 0 };
  }

  private placeForm(): void {
    const host = this.formHost ?? this;
    this.form.slot = host === this ? 'form' : this.formSlot;
    if (this.form.parentNode !== host) host.append(this.form);
    // The form is in the page's tree: it speaks the widget's language, not the page's (WCAG 3.1.2).
    this.form.lang = this.localizer.lang === 'en' ? 'en' : 'es-EC';
    adoptLightDomGuard(this.form.getRootNode());
  }

  private get activePolicy(): PasswordPolicy {
    return this.policy ?? DEFAULT_POLICY;
  }

  /** The identification typed here, or '' when only its mask is known (link opened elsewhere). */
  private get knownIdentification(): string {
    return this.identification.includes('*') ? '' : this.identification;
  }

  private rules(): PasswordRuleResult[] {
    return checkPassword(this.password, this.confirmation, this.activePolicy, {
      words: this.passwordContext,
      estimateStrength: this.estimator,
    });
  }

  private ruleLabel(rule: PasswordRuleResult): string {
    switch (rule.rule) {
      case 'characters':
        return this.t('pw.rule.characters');
      case 'min-length':
        return this.t('pw.rule.minLength', this.activePolicy.minLength);
      case 'max-length':
        return this.t('pw.rule.maxLength', this.activePolicy.maxLength);
      case 'match':
        return this.t('pw.rule.match');
      case 'no-context':
        return this.t('pw.rule.noContext');
      case 'strong':
        if (this.password === '') return this.t('pw.rule.strong', this.activePolicy.minScore);
        return `${this.t('pw.rule.strong', this.activePolicy.minScore)} (${rule.score === undefined ? this.t('pw.strength.checking') : this.t('pw.strength.level', rule.score)})`;
    }
  }

  private serverError(code: FieldErrorCode): string {
    if (code === 'too-short') return this.t('pw.error.too-short', this.activePolicy.minLength);
    if (code === 'too-long') return this.t('pw.error.too-long', this.activePolicy.maxLength);
    if (code === 'weak' || code === 'context' || code === 'mismatch') return this.t(`pw.error.${code}`);
    if (CHARACTER_PROBLEMS.has(code)) return this.characterError(code as PasswordCharacterProblem);
    return this.t('pw.error.invalid');
  }

  /** What is wrong with the characters, naming the code point when it is known here. */
  private characterError(problem: PasswordCharacterProblem, codePoint?: string): string {
    return problem === 'blank' ? this.t('pw.error.blank') : this.t(`pw.error.${problem}`, codePoint);
  }

  private problems(): FieldProblem[] {
    const problems: FieldProblem[] = [];
    const rules = this.rules();
    const failed = (id: PasswordRuleResult['rule']) => rules.some((r) => r.rule === id && !r.ok);
    const pw = `${this.ids}-password`;
    const confirm = `${this.ids}-confirmation`;
    if (!this.accepted) problems.push({ fieldId: 'declaration', message: this.t('act.error.required') });
    const characters = rules.find((r) => r.rule === 'characters');
    if (this.password === '') problems.push({ fieldId: pw, message: this.t('pw.error.required') });
    else if (characters && !characters.ok)
      problems.push({ fieldId: pw, message: this.characterError(characters.problem!, characters.codePoint) });
    else if (failed('min-length')) problems.push({ fieldId: pw, message: this.t('pw.error.too-short', this.activePolicy.minLength) });
    else if (failed('max-length')) problems.push({ fieldId: pw, message: this.t('pw.error.too-long', this.activePolicy.maxLength) });
    else if (failed('no-context')) problems.push({ fieldId: pw, message: this.t('pw.error.context') });
    // A pending estimate (not loaded yet) blocks nothing: the server gives the verdict then.
    else if (rules.some((r) => r.rule === 'strong' && !r.ok && r.score !== undefined))
      problems.push({ fieldId: pw, message: this.t('pw.error.weak') });
    if (this.confirmation === '') problems.push({ fieldId: confirm, message: this.t('pw.error.confirmRequired') });
    else if (failed('match')) problems.push({ fieldId: confirm, message: this.t('pw.error.mismatch') });
    for (const code of this.fieldErrors?.['password'] ?? []) {
      if (!problems.some((p) => p.fieldId === pw)) problems.push({ fieldId: pw, message: this.serverError(code) });
    }
    return problems;
  }

  protected override focusField(id: string): void {
    if (id === 'declaration') return super.focusField(id);
    this.form.querySelector<HTMLElement>(`#${CSS.escape(id)}`)?.focus();
  }

  override render() {
    const t = this.t.bind(this);
    const summary = this.submitted || this.fieldErrors ? this.problems() : [];
    return html`
      <h2 tabindex="-1" part="heading">${t('pw.title')}</h2>
      ${renderErrorSummary(t('common.errorSummaryTitle', summary.length), summary, (id) => this.focusField(id))}
      ${this.maskedId ? html`<p>${t('act.intro', this.maskedId)}</p>` : nothing}
      ${this.renderDeclaration(summary.find((p) => p.fieldId === 'declaration')?.message)}
      <p>${t('pw.intro')}</p>
      <slot name="form"></slot>
      <p class="visually-hidden" role="status" part="strength-status">${this.spokenVerdict}</p>
    `;
  }

  /** Step 11: the declaration, ticked before the password (in this element's shadow root, not the light-DOM form). */
  private renderDeclaration(error: FieldProblem['message'] | undefined) {
    return html`<div class="field">
      ${error ? html`<span class="error" id="declaration-error">${error}</span>` : nothing}
      <label class="choice">
        <input
          id="declaration"
          type="checkbox"
          aria-required="true"
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? 'declaration-error' : nothing}
          .checked=${this.accepted}
          ?disabled=${this.busy}
          @change=${(e: Event) => (this.accepted = (e.target as HTMLInputElement).checked)}
        />
        <span>${this.declaration ? serverText(this.localizer, this.declaration.text) : this.t('act.declaration')}</span>
      </label>
    </div>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Lit still updates a removed element (the estimator arriving late, a property set): the form
    // and the password typed in it go back into the page only while the step is in it.
    if (!this.isConnected) return;
    this.placeForm();
    // GENERAR refused by the server with reasons at the field: focus on the summary that lists them (issue 14).
    if (changed.has('fieldErrors') && this.fieldErrors) focusErrorSummary(this.renderRoot);
    const t = this.t.bind(this);
    const shown = this.submitted || this.fieldErrors ? this.problems() : [];
    // This step's problems are plain text (no server text in them).
    const errorFor = (suffix: string) => String(shown.find((p) => p.fieldId === `${this.ids}-${suffix}`)?.message ?? '');
    render(
      renderNuevaClaveForm({
        ids: this.ids,
        identification: this.knownIdentification,
        password: this.password,
        confirmation: this.confirmation,
        reveal: this.reveal,
        busy: this.busy,
        // Nothing typed yet: no rule shows as met (a tick before typing reads as "done").
        rules: this.rules().map((result) => ({
          result: this.password === '' ? { ...result, ok: false } : result,
          label: this.ruleLabel(result),
        })),
        passwordError: errorFor('password'),
        confirmationError: errorFor('confirmation'),
        text: {
          username: t('pw.username'),
          usernameVisible: t('pw.usernameVisible'),
          usernameHint: t('pw.usernameHint'),
          password: t('pw.label'),
          confirmation: t('pw.confirmLabel'),
          show: t('pw.show'),
          rulesTitle: t('pw.rulesTitle'),
          met: t('pw.ruleMet'),
          unmet: t('pw.ruleUnmet'),
          submit: t('pw.submit'),
        },
        onPassword: (value) => {
          this.password = value;
          this.fieldErrors = undefined;
          this.scheduleVerdict();
        },
        onConfirmation: (value) => (this.confirmation = value),
        onReveal: (value) => (this.reveal = value),
      }),
      this.form,
      { host: this },
    );
  }

  /** The strength verdict in words, or '' while there is nothing to judge. */
  private verdict(): string {
    const strong = this.rules().find((r) => r.rule === 'strong');
    if (!strong || this.password === '') return '';
    if (strong.score === undefined) return this.t('pw.strength.checking');
    return strong.ok ? this.t('pw.strength.ok', strong.score) : this.t('pw.strength.weak', strong.score, this.activePolicy.minScore);
  }

  private scheduleVerdict(): void {
    clearTimeout(this.verdictTimer);
    this.verdictTimer = setTimeout(() => (this.spokenVerdict = this.verdict()), VERDICT_PAUSE_MS);
  }

  private onSubmit(event: Event): void {
    const problemCount = () => {
      this.fieldErrors = undefined; // the server's last answer gives way to what is typed now
      return this.problems().length;
    };
    if (!this.submitChecked(event, problemCount)) return;
    // Sent exactly as typed: no trimming or truncation (CS-06).
    this.dispatchEvent(new StepIntentEvent({ type: 'submit-password', password: this.password, passwordConfirmation: this.confirmation }));
  }
}
