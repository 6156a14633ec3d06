import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { EmailRequest, SecurityQuestionsRequest, StartFlowRequest, VerifyRequest } from './api/contract.ts';
import { createLazyHttpRecoveryApi } from './flow/lazy-http-api.ts';
import type { RecoveryApi } from './api/recovery-api.ts';
import type { ConfigIssue, WidgetConfig } from './config.ts';
import type { StepActionEvent, StepSubmitEvent } from './events/intents.ts';
import { IessCancelEvent, IessCompleteEvent, IessErrorEvent, IessStepChangeEvent } from './events/public-events.ts';
import type { Clock } from './flow/clock.ts';
import { FlowController } from './flow/controller.ts';
import { END_STEPS, progress } from './flow/machine.ts';
import { MemoryFlowStore, sessionFlowStore, type FlowStore } from './flow/store.ts';
import type { ClientProblem, FlowEvent, FlowState, PublicEventSpec, StepId } from './flow/types.ts';
import type { MessageKey } from './i18n/es.ts';
import { loadMessages, Localizer, resolveLang } from './i18n/localize.ts';
import { stepStyles } from './styles/shared.ts';
import { shellStyles } from './iess-recuperar-clave.styles.ts';

/** Reads and removes `token=` from the fragment; the rest of the fragment is kept. */
export function takeActivationToken(loc: Location = location, hist: History = history): string | undefined {
  const hash = loc.hash.replace(/^#/, '');
  if (!hash) return undefined;
  const params = new URLSearchParams(hash);
  const token = params.get('token') ?? undefined;
  if (token === undefined) return undefined;
  params.delete('token');
  const rest = params.toString();
  // replaceState: the token leaves the address bar and the history entry at once (CS-08).
  hist.replaceState(hist.state, '', loc.pathname + loc.search + (rest ? `#${rest}` : ''));
  return token || undefined;
}

/** Events after which no step element may be reused: whatever was typed in it goes. */
const WIPING_EVENTS: readonly FlowEvent['type'][] = ['cancel', 'restart', 'retry', 'page-hidden', 'link-opened', 'finish'];

/** From how many seconds left the link page warns (once, politely). */
const LINK_WARNING_SECONDS = 60;

/** Where FINALIZAR leads when the host says nothing. */
export const DEFAULT_PORTAL = 'https://www.iess.gob.ec/';

const STEP_TITLE_KEYS: Partial<Record<StepId, MessageKey>> = {
  identification: 'shell.step.identification',
  verification: 'shell.step.verification',
  'security-questions': 'shell.step.security-questions',
  email: 'shell.step.email',
  'activation-sent': 'shell.step.activation-sent',
  declaration: 'shell.step.declaration',
  'new-password': 'shell.step.new-password',
};

type Step = HTMLElement & { focusHeading?: () => Promise<void>; resetCaptcha?: () => void };

/**
 * `<iess-recuperar-clave>`: the "Generar / Recuperar clave de afiliado" wizard. The shell owns the
 * flow (widget/flow/), renders the current step element, listens to its intents, shows the end
 * states, keeps ONE polite live region and moves focus to each new step's heading.
 *
 * Configure with attributes (`api-base`, `lang`, `portal-url`) or the `.config` object
 * (validated; what is wrong is shown in the widget); `.api` accepts any RecoveryApi and wins
 * over `api-base`. When the address carries `#token=…` (the e-mail's CLIC PARA CONTINUAR), the
 * widget opens at the declaration and removes the token from the address bar at once (CS-08).
 *
 * @fires iess-step-change - IessStepChangeEvent: another step or end state is shown
 * @fires iess-complete - IessCompleteEvent: the new password was set
 * @fires iess-cancel - IessCancelEvent: the person abandoned the procedure
 * @fires iess-error - IessErrorEvent: the flow stopped or a request failed (problem kind only)
 * @csspart container - the wizard's box
 * @csspart title - the procedure's title
 * @csspart progress - "Paso N de M"
 * @csspart problem - the notice of a failed request
 * @csspart cancel - the "Cancelar el trámite" button
 * @csspart link-timer - time left of the e-mail link, on the page the link opens
 * @csspart heading - each step's heading (forwarded from the step)
 * @csspart submit - each step's main button: BUSCAR, CONTINUAR, GENERAR… (forwarded)
 * @csspart back - "Regresar" / "Revisar los datos" buttons (forwarded)
 * @csspart accept - the confirm dialog's ACEPTAR (forwarded)
 * @csspart dialog - the confirm dialog (forwarded)
 * @csspart error-summary - the list of problems to correct at the top of a step (forwarded)
 * @csspart attempts - attempts left on the verification step (forwarded)
 * @csspart warning - the last-attempt or about-to-expire warning (forwarded)
 * @csspart timer - the link's countdown on the waiting step (forwarded)
 * @csspart resend - the resend button (forwarded)
 * @csspart retry - the retry button of the error state (forwarded)
 * @csspart restart - "Iniciar de nuevo" on the expired state (forwarded)
 * @csspart suggestion - the e-mail typo hint (forwarded)
 * @csspart masked-email - the masked address on record (forwarded)
 * @csspart captcha - the "No soy un robot" box (forwarded)
 * @csspart privacy - the data-protection notice (forwarded)
 * @csspart contact - the contact channels on lock, expiry and errors (forwarded)
 * @csspart questions-progress - "3 de 10" on the security questions (the step's `progress`, renamed)
 * @cssprop --iess-color-primary - main colour (buttons, links, headings)
 * @cssprop --iess-color-primary-hover - main colour under the pointer
 * @cssprop --iess-color-on-primary - text on the main colour
 * @cssprop --iess-color-text - text
 * @cssprop --iess-color-text-muted - secondary text (progress, hints)
 * @cssprop --iess-color-surface - background
 * @cssprop --iess-color-surface-alt - background of notices and boxes
 * @cssprop --iess-color-border - field borders
 * @cssprop --iess-color-error - errors
 * @cssprop --iess-color-error-bg - background of error notices
 * @cssprop --iess-color-success - success marks
 * @cssprop --iess-color-warning-bg - background of warnings
 * @cssprop --iess-color-warning-border - border of warnings
 * @cssprop --iess-color-focus - focus ring
 * @cssprop --iess-radius - corner radius
 * @cssprop --iess-font-family - font of the whole widget
 * @cssprop --iess-font-size - base font size
 * @cssprop --iess-space - base spacing
 * @cssprop --iess-max-width - the widget's largest width
 */
export class IessRecuperarClave extends LitElement {
  static readonly tagName = 'iess-recuperar-clave';
  static override styles = [stepStyles, shellStyles];

  /** Base URL of the backend that speaks `/v1` (https, or http on localhost). */
  @property({ attribute: 'api-base' }) accessor apiBase: string | null = null;
  /** Language: `es` (default, es-EC) or `en`; anything else falls back to Spanish. */
  @property({ attribute: 'lang' }) accessor language: string | null = null;
  /** Where FINALIZAR leads: the portal's sign-in page. */
  @property({ attribute: 'portal-url' }) accessor portalUrl: string | null = null;
  /** Configuration object (see widget/config.ts `WidgetConfig`); attributes win over it. */
  @property({ attribute: false }) accessor config: unknown = undefined;
  /** Any RecoveryApi; wins over `api-base`. */
  @property({ attribute: false }) accessor api: RecoveryApi | undefined = undefined;
  /** Where a flow past BUSCAR is kept to resume at its step (memory by default; only non-secret data, CS-07). */
  @property({ attribute: false }) accessor store: FlowStore | undefined = undefined;

  @state() private accessor localizer = new Localizer();
  /** The text of the ONE polite live region. */
  @state() private accessor announcement = '';
  @state() private accessor configIssues: ConfigIssue[] = [];

  private readonly flow = new FlowController(this, {
    api: () => this.effectiveApi(),
    onPublicEvent: (e) => this.emit(e),
  });
  private httpApi: { base: string; api: RecoveryApi } | undefined;
  private started = false;
  private activationToken: string | undefined;
  private focusPending = false;
  private langRequest = 0;

  /** The controller's clock; tests pass a ManualClock before the element is connected. */
  set clock(clock: Clock) {
    this.flow.clock = clock;
  }
  get clock(): Clock {
    return this.flow.clock;
  }

  /** The flow's current state (read-only; for tests and debugging, holds no secret beyond memory). */
  get flowState(): FlowState {
    return this.flow.state;
  }

  /** Feeds an event to the flow (internal; the steps' intents arrive through here). */
  send(event: FlowEvent): void {
    const before = this.flow.state;
    this.flow.send(event);
    // Starting over renders NEW step elements, so nothing typed survives in a reused one (CS-07).
    if (this.flow.state !== before && WIPING_EVENTS.includes(event.type)) this.generation++;
  }

  /** Bumped whenever the flow starts over: the step elements are keyed by it. */
  @state() private accessor generation = 0;

  /**
   * The configuration in effect: `.config` merged with the attributes (attributes win). Read
   * without the schema (which loads lazily); `begin()` validates before anything is sent.
   */
  private effectiveConfig(): WidgetConfig {
    const raw = this.config && typeof this.config === 'object' ? (this.config as Record<string, unknown>) : {};
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const cfg: WidgetConfig = {};
    const apiBase = this.apiBase ?? str(raw['apiBase']);
    const portalUrl = this.portalUrl ?? str(raw['portalUrl']);
    const lang = this.language ?? str(raw['lang']);
    if (apiBase) cfg.apiBase = apiBase;
    if (portalUrl) cfg.portalUrl = portalUrl;
    if (lang) cfg.lang = lang;
    if (raw['messages'] && typeof raw['messages'] === 'object') cfg.messages = raw['messages'] as Record<string, string>;
    if (raw['resume'] === 'session' || raw['resume'] === 'memory') cfg.resume = raw['resume'];
    return cfg;
  }

  private effectiveApi(): RecoveryApi | undefined {
    if (this.api) return this.api;
    const base = this.effectiveConfig().apiBase;
    if (!base) return undefined;
    if (this.httpApi?.base !== base) this.httpApi = { base, api: createLazyHttpRecoveryApi(base) };
    return this.httpApi.api;
  }

  private async checkConfig(): Promise<ConfigIssue[]> {
    const { validateConfig } = await import('./config.ts');
    const merged =
      this.config === undefined || (this.config !== null && typeof this.config === 'object' && !Array.isArray(this.config))
        ? {
            ...((this.config as object | undefined) ?? {}),
            ...(this.apiBase !== null ? { apiBase: this.apiBase } : {}),
            ...(this.portalUrl !== null ? { portalUrl: this.portalUrl } : {}),
          }
        : this.config;
    const r = validateConfig(merged);
    const issues = r.ok ? [] : r.issues;
    if (!this.api && !(r.ok && r.config.apiBase) && !issues.some((i) => i.field === 'apiBase')) {
      issues.push({ field: 'api-base', reason: 'api' });
    }
    return issues;
  }

  /**
   * The e-mail link pasted into this same tab changes only the fragment: no reload, so the widget
   * keeps its memory. The token leaves the address bar at once (CS-08) and the link opens here;
   * the identification typed at BUSCAR goes on to be the password manager's username.
   */
  private readonly onHashChange = (): void => {
    const token = takeActivationToken();
    if (!token) return;
    const s = this.flow.state;
    if (this.configIssues.length > 0 || (s.step === 'starting' && !s.pending)) {
      this.activationToken = token; // begin() has not run yet: it opens the link
      return;
    }
    this.send({ type: 'link-opened', activationToken: token });
  };

  /** Leaving the page (or entering the back/forward cache): nothing personal stays in memory (CS-07). */
  private readonly onPageHide = (): void => {
    this.send({ type: 'page-hidden' });
  };

  /** Shown again from the back/forward cache: start afresh (a stored step resumes). */
  private readonly onPageShow = (e: PageTransitionEvent): void => {
    if (!e.persisted || !this.started || this.configIssues.length > 0 || this.flow.state.step !== 'starting') return;
    void this.flow.start();
  };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
    window.removeEventListener('pagehide', this.onPageHide);
    window.removeEventListener('pageshow', this.onPageShow);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    window.addEventListener('pagehide', this.onPageHide);
    window.addEventListener('pageshow', this.onPageShow);
    if (this.started) return;
    this.started = true;
    // The token leaves the address bar before anything else happens, even on a misconfigured page.
    this.activationToken = takeActivationToken();
    queueMicrotask(() => void this.begin());
  }

  private async begin(): Promise<void> {
    this.configIssues = await this.checkConfig();
    if (this.configIssues.length > 0) {
      this.dispatchEvent(new IessErrorEvent('config'));
      return;
    }
    // Memory only, and handed to the flow once (a corrected configuration still opens the link).
    const token = this.activationToken;
    this.activationToken = undefined;
    const cfg = this.effectiveConfig();
    if (this.store) this.flow.setStore(this.store);
    else this.flow.setStore(cfg.resume === 'session' ? this.sessionStoreOrMemory() : new MemoryFlowStore());
    await this.flow.start(token);
  }

  /** sessionStorage can throw (sandboxed frames, blocked storage): then memory, never a dead widget. */
  private sessionStoreOrMemory(): FlowStore {
    try {
      return sessionFlowStore(window.sessionStorage);
    } catch {
      return new MemoryFlowStore();
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // What the ONE polite live region says, decided before rendering (no second update).
    const s = this.flow.state;
    if (s.problem !== this.lastProblem) {
      this.lastProblem = s.problem;
      this.retryOverSaid = false;
      if (s.problem && !END_STEPS.includes(s.step)) this.announcement = this.problemText(s.problem);
    }
    // The end of a rate-limit wait is said once: the action works again.
    if (this.retrySecondsLeft(s) === 0 && !this.retryOverSaid) {
      this.retryOverSaid = true;
      this.announcement = this.localizer.t('shell.problem.rate-limited-over');
    }
    // The link's last minute is announced once.
    const left = this.linkSecondsLeft(s);
    if (left !== null && left > 0 && left <= LINK_WARNING_SECONDS && !this.linkWarned) {
      this.linkWarned = true;
      this.announcement = this.localizer.t('shell.link.warning');
    }
    if (changed.has('language') || changed.has('config')) void this.loadLanguage();
    if (this.started && (changed.has('config') || changed.has('api') || changed.has('apiBase')) && this.configIssues.length > 0) {
      // A host that fixes its configuration gets a working widget without a reload.
      void this.begin();
    }
  }

  private async loadLanguage(): Promise<void> {
    const request = ++this.langRequest;
    const cfg = this.effectiveConfig();
    const messages = await loadMessages(resolveLang(cfg.lang));
    if (request !== this.langRequest) return;
    this.localizer = new Localizer(messages, (cfg.messages ?? {}) as Partial<Record<MessageKey, string>>);
  }

  private emit(e: PublicEventSpec): void {
    switch (e.name) {
      case 'step-change': {
        const p = progress(this.flow.state);
        this.dispatchEvent(new IessStepChangeEvent(e.step, e.previous, p?.index ?? null, p?.total ?? null));
        this.announceStep(e.step);
        // Focus moves to the new heading, but never on first load (the host page keeps its focus).
        this.focusPending = e.previous !== 'starting' || e.step === 'error' || e.step === 'expired';
        return;
      }
      case 'complete':
        this.dispatchEvent(new IessCompleteEvent(e.case));
        return;
      case 'cancel':
        this.dispatchEvent(new IessCancelEvent(e.step));
        return;
      case 'error':
        this.dispatchEvent(new IessErrorEvent(e.kind));
        return;
    }
  }

  private announceStep(step: StepId): void {
    const t = this.localizer;
    const key = STEP_TITLE_KEYS[step];
    const p = progress(this.flow.state);
    if (key && p) this.announcement = t.t('shell.announce.step', p.index, p.total, t.t(key));
    else if (step === 'locked') this.announcement = t.t('shell.locked.title');
    else if (step === 'expired') this.announcement = t.t('shell.expired.title');
    else if (step === 'error') this.announcement = t.t('shell.error.title');
    else if (step === 'done') this.announcement = t.t('shell.done.title');
  }

  private lastProblem: ClientProblem | null = null;
  private retryOverSaid = false;
  private linkWarned = false;
  private wasPendingOn: StepId | null = null;

  protected override updated(): void {
    const s = this.flow.state;
    // A refused BUSCAR: the proof-of-work payload was single use, the person ticks again.
    if (this.wasPendingOn === 'identification' && !s.pending && s.step === 'identification') {
      this.stepElement()?.resetCaptcha?.();
    }
    this.wasPendingOn = s.pending ? s.step : null;
    if (this.focusPending) {
      this.focusPending = false;
      void this.focusHeading();
    }
  }

  private stepElement(): Step | null {
    return this.renderRoot.querySelector<Step>('[data-step]');
  }

  private async focusHeading(): Promise<void> {
    const el = this.stepElement();
    if (el?.focusHeading) {
      await el.focusHeading();
      return;
    }
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  private problemText(p: ClientProblem): string {
    const t = this.localizer;
    switch (p.kind) {
      case 'verification-failed':
        return t.t('shell.problem.verification-failed', p.attemptsLeft ?? 0);
      case 'rate-limited': {
        const left = this.retrySecondsLeft(this.flow.state);
        if (left === 0) return t.t('shell.problem.rate-limited-over');
        return t.t('shell.problem.rate-limited', left ?? p.retryAfter);
      }
      case 'network':
      case 'timeout':
      case 'bad-response':
      case 'server':
      case 'unavailable':
      case 'captcha-failed':
      case 'captcha-required':
      case 'validation':
      case 'attempts-spent':
      case 'password-rejected':
      case 'email-limit':
      case 'sequence':
      case 'idempotency-conflict':
        return t.t(`shell.problem.${p.kind}`);
      default:
        return t.t('shell.problem.generic');
    }
  }

  // ---- intents from the steps ------------------------------------------------------------

  private readonly solver = async (signal: AbortSignal): Promise<string> => {
    const api = this.effectiveApi();
    if (!api) throw new Error('no api');
    // The solver loads with the first tick of "No soy un robot", outside the first-load budget.
    const [{ challenge }, { solveAltcha }] = await Promise.all([api.getCaptchaChallenge({ signal }), import('./captcha/altcha.ts')]);
    return (await solveAltcha(challenge, { signal })).payload;
  };

  private onIdentify = (e: StepSubmitEvent<StartFlowRequest>) => {
    const d = e.data;
    this.send({ type: 'identify', idType: d.idType, id: d.id, captcha: d.captcha });
  };
  private onVerify = (e: StepSubmitEvent<VerifyRequest>) => this.send({ type: 'submit-verification', request: e.data });
  private onQuestions = (e: StepSubmitEvent<SecurityQuestionsRequest>) =>
    this.send({ type: 'submit-security-questions', request: e.data });
  private onEmail = (e: StepSubmitEvent<EmailRequest>) => this.send({ type: 'submit-email', request: e.data });
  private onConfirm = () => this.send({ type: 'confirm' });
  private onDismiss = () => this.send({ type: 'dismiss' });
  private onAction = (e: StepActionEvent) => {
    if (e.action === 'resend') this.send({ type: 'resend', at: this.flow.clock.now() });
  };
  private onDeclaration = () => this.send({ type: 'accept-declaration' });
  private onPassword = (e: StepSubmitEvent<{ password: string; passwordConfirmation: string }>) =>
    this.send({ type: 'submit-password', password: e.data.password, passwordConfirmation: e.data.passwordConfirmation });
  private onBack = () => this.send({ type: 'back' });
  private onCancel = () => this.send({ type: 'cancel' });
  private onFinish = () => this.send({ type: 'finish' });

  // ---- rendering -------------------------------------------------------------------------

  override render(): TemplateResult {
    const t = this.localizer;
    if (this.configIssues.length > 0) return this.renderConfigError();
    const s = this.flow.state;
    const p = progress(s);
    const inline = s.problem && !END_STEPS.includes(s.step) ? this.problemText(s.problem) : '';
    return html`<div class="shell" part="container" lang=${this.localeTag()}>
      <p class="title" part="title">${t.t('shell.title')}</p>
      ${p ? html`<p class="progress" part="progress">${t.t('shell.progress', p.index, p.total)}</p>` : nothing}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      ${inline ? html`<p class="problem" part="problem" data-problem=${s.problem!.kind}>${inline}</p>` : nothing}
      ${this.renderLinkTimer(s)} ${keyed(this.generation, this.renderStep(s))}
      ${p && s.step !== 'declaration' && s.step !== 'new-password'
        ? html`<div class="footer"><button type="button" class="link-button" part="cancel" @click=${this.onCancel}>${t.t('shell.cancel')}</button></div>`
        : nothing}
    </div>`;
  }

  /**
   * Seconds left of a rate-limit wait by the server's clock (CS-13 style), or null when there is
   * none. While it runs the step's action is disabled; at 0 it works again.
   */
  private retrySecondsLeft(s: FlowState): number | null {
    const until = s.problem?.kind === 'rate-limited' ? s.problem.retryUntil : undefined;
    if (until === undefined) return null;
    return Math.max(0, Math.ceil((until - this.flow.serverNow()) / 1000));
  }

  /** Seconds left of the e-mail link on its own page, by the server's clock (CS-13); null elsewhere. */
  private linkSecondsLeft(s: FlowState): number | null {
    if ((s.step !== 'declaration' && s.step !== 'new-password') || !s.check) return null;
    return Math.max(0, Math.ceil((Date.parse(s.check.expiresAt) - this.flow.serverNow()) / 1000));
  }

  /** The link page's time left: silent text (role=timer), a warning in the last minute. */
  private renderLinkTimer(s: FlowState): TemplateResult | typeof nothing {
    const left = this.linkSecondsLeft(s);
    if (left === null) return nothing;
    const t = this.localizer;
    const time = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
    return html`<p class="link-timer" part="link-timer">
      <span role="timer">${t.t('shell.link.remaining', time)}</span>
      ${left <= LINK_WARNING_SECONDS ? html`<strong class="warning">${t.t('shell.link.warning')}</strong>` : nothing}
    </p>`;
  }

  private renderStep(s: FlowState): TemplateResult {
    const l = this.localizer;
    // A rate-limit wait disables the action like a request in flight, until it ends.
    const busy = s.pending || (this.retrySecondsLeft(s) ?? 0) > 0;
    switch (s.step) {
      case 'starting':
        return html`<p aria-busy="true">${l.t('shell.loading')}</p>`;
      case 'identification':
        return html`<iess-paso-identificacion data-step .localizer=${l} .busy=${busy} .solver=${this.solver} @step-submit=${this.onIdentify}></iess-paso-identificacion>`;
      case 'verification':
        return html`<iess-paso-verificacion
            data-step
            .localizer=${l}
            .busy=${busy}
            .questions=${s.verification?.questions ?? []}
            .attemptsLeft=${s.verification?.attemptsLeft ?? 0}
            .maskedId=${s.flow?.maskedId ?? ''}
            .failed=${s.problem?.kind === 'verification-failed'}
            @step-submit=${this.onVerify}
          ></iess-paso-verificacion>
          ${s.dialog === 'confirm-verification'
            ? html`<iess-dialogo-confirmacion .localizer=${l} @step-submit=${this.onConfirm} @step-back=${this.onDismiss}></iess-dialogo-confirmacion>`
            : nothing}`;
      case 'security-questions':
        return html`<iess-paso-preguntas
          data-step
          .localizer=${l}
          .busy=${busy}
          .bank=${s.securityQuestions ?? { questions: [], min: 3 }}
          @step-submit=${this.onQuestions}
        ></iess-paso-preguntas>`;
      case 'email':
        return html`<iess-paso-correo data-step .localizer=${l} .busy=${busy} .email=${s.email ?? { onRecord: false }} @step-submit=${this.onEmail}></iess-paso-correo>
          ${s.dialog === 'confirm-email'
            ? html`<iess-dialogo-confirmacion .localizer=${l} @step-submit=${this.onConfirm} @step-back=${this.onDismiss}></iess-dialogo-confirmacion>`
            : nothing}`;
      case 'activation-sent':
        return html`<iess-paso-correo-enviado
          data-step
          .localizer=${l}
          .busy=${busy}
          .activation=${s.activation}
          .clockOffset=${s.clockOffsetMs}
          .now=${this.flow.clock.now()}
          @step-action=${this.onAction}
        ></iess-paso-correo-enviado>`;
      case 'declaration':
        return html`<iess-paso-activacion
          data-step
          .localizer=${l}
          .busy=${busy}
          .declaration=${s.check?.declaration}
          .maskedId=${s.check?.maskedId ?? ''}
          @step-submit=${this.onDeclaration}
        ></iess-paso-activacion>`;
      case 'new-password':
        return html`<iess-paso-nueva-clave
          data-step
          .localizer=${l}
          .busy=${busy}
          .policy=${s.check?.policy}
          .identification=${s.identification ?? s.check?.maskedId ?? ''}
          .fieldErrors=${s.problem?.fieldErrors}
          .formHost=${this}
          @step-submit=${this.onPassword}
          @step-back=${this.onBack}
          ><slot name="iess-nueva-clave-form" slot="form"></slot
        ></iess-paso-nueva-clave>`;
      case 'done':
        return this.renderDone(s);
      case 'locked':
      case 'expired':
      case 'error':
        return this.renderEnd(s);
    }
  }

  private renderDone(s: FlowState): TemplateResult {
    const portal = this.effectiveConfig().portalUrl ?? DEFAULT_PORTAL;
    return html`<iess-paso-final
      data-step
      .localizer=${this.localizer}
      .flowCase=${s.outcome?.case ?? 'recuperar'}
      .portalUrl=${portal}
      @step-submit=${this.onFinish}
    ></iess-paso-final>`;
  }

  /** Locked, expired and error: what happened, what to do next, and the contact channels. */
  private renderEnd(s: FlowState): TemplateResult {
    const l = this.localizer;
    const kind = s.problem?.kind;
    if (s.step === 'locked') {
      return html`<iess-estado-bloqueo
        data-step
        data-kind=${kind ?? 'locked'}
        .localizer=${l}
        .lockedUntil=${s.lockedUntil ?? ''}
        .dateLocale=${this.localeTag()}
      ></iess-estado-bloqueo>`;
    }
    if (s.step === 'expired') {
      const what = s.mode === 'activation' || (kind ?? '').startsWith('link') ? 'link' : 'flow';
      return html`<iess-estado-expirado data-step data-kind=${kind ?? 'flow-expired'} .localizer=${l} .what=${what} @step-action=${this.onEndAction}></iess-estado-expirado>`;
    }
    return html`<iess-estado-error
      data-step
      data-kind=${kind ?? 'server'}
      .localizer=${l}
      .busy=${s.pending}
      .kind=${kind ?? 'server'}
      .retryAfter=${this.retrySecondsLeft(s) ?? 0}
      @step-action=${this.onEndAction}
    ></iess-estado-error>`;
  }

  private onEndAction = (e: StepActionEvent) => {
    if (e.action === 'retry') this.send({ type: 'retry' });
    else if (e.action === 'restart') this.send({ type: 'restart' });
  };

  private localeTag(): string {
    return resolveLang(this.effectiveConfig().lang) === 'en' ? 'en' : 'es-EC';
  }

  private renderConfigError(): TemplateResult {
    const t = this.localizer;
    return html`<div class="config-error" part="container" role="alert">
      <h2>${t.t('shell.config.title')}</h2>
      <p>${t.t('shell.config.intro')}</p>
      <ul>
        ${this.configIssues.map(
          (i) =>
            html`<li data-field=${i.field}>
              ${i.reason === 'api'
                ? t.t('shell.config.api')
                : html`${t.t('shell.config.field', i.field)}
                  ${i.reason === 'url' ? t.t('shell.config.url') : i.reason === 'lang' ? t.t('shell.config.lang') : i.reason === 'messages' ? t.t('shell.config.messages') : ''}`}
            </li>`,
        )}
      </ul>
    </div>`;
  }
}
