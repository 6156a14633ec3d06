import { html, LitElement, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { RecoveryApi } from './api/recovery-api.ts';
import { validateConfig, type ConfigIssue, type WidgetConfig } from './config.ts';
import { remainingSeconds } from './domain/time.ts';
import type { StepIntentEvent } from './events/intents.ts';
import { IessCancelEvent, IessCompleteEvent, IessErrorEvent, IessStepChangeEvent } from './events/public-events.ts';
import { shellClocks } from './flow/clock.ts';
import { FlowController } from './flow/controller.ts';
import { createLazyHttpRecoveryApi } from './flow/lazy-http-api.ts';
import { progress } from './flow/machine.ts';
import type { TimerKind } from './flow/timers.ts';
import { MemoryFlowStore, tabFlowStore, type FlowStore } from './flow/store.ts';
import { isEndStep, type ClientProblem, type FlowEvent, type FlowState, type PublicEventSpec } from './flow/types.ts';
import type { MessageKey } from './i18n/es.ts';
import { loadMessages, Localizer, resolveLang } from './i18n/localize.ts';
import { shellStyles } from './iess-recuperar-clave.styles.ts';
import { takeActivationToken } from './shell/activation-link.ts';
import { followAnswers } from './shell/answers.ts';
import { hostConfig, unchecked } from './shell/host-config.ts';
import { configError } from './shell/config-error.ts';
import { LiveRegion } from './shell/live-region.ts';
import { followPage } from './shell/page-events.ts';
import { focusStepHeading } from './shell/step-focus.ts';
import { addLaterViews, renderStep } from './shell/step-views.ts';
import { problemText, retrySecondsLeft, stateNotices, stepTitle } from './shell/shell-words.ts';
import { noticeOf } from './shell/timer-notices.ts';
import { linkTimer, timeNotice, timeNoticeOf } from './shell/time-views.ts';
import { stepStyles } from './styles/shared.ts';

export { takeActivationToken };

declare global {
  interface HTMLElementTagNameMap {
    'iess-recuperar-clave': IessRecuperarClave;
  }
}

/** Events after which no step element may be reused: whatever was typed in it goes. */
const WIPING_EVENTS: readonly FlowEvent['type'][] = ['cancel', 'restart', 'retry', 'page-hidden', 'link-opened', 'finish'];

/** Where FINALIZAR leads when the host says nothing. */
const DEFAULT_PORTAL = 'https://www.iess.gob.ec/';

/**
 * `<iess-recuperar-clave>`: the "Generar / Recuperar clave de afiliado" wizard. The shell owns the
 * flow (widget/flow/), renders the current step element (widget/shell/step-views.ts), feeds its
 * one intent event to the flow, keeps ONE polite live region and moves focus to each new step's
 * heading.
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
 * @csspart time-notice - the flow's or the lock's time notice at 2 min, 1 min and the end; it sticks to the top of the screen while the step scrolls (a page with a fixed header sets `::part(time-notice) { top: <its height> }`)
 * @csspart heading - each step's heading (forwarded from the step)
 * @csspart submit - each step's main button: BUSCAR, CONTINUAR, GENERAR… (forwarded)
 * @csspart back - "Regresar" / "Revisar los datos" buttons (forwarded)
 * @csspart accept - the confirm dialog's ACEPTAR (forwarded)
 * @csspart dialog - the confirm dialog (forwarded)
 * @csspart error-summary - the list of problems to correct at the top of a step (forwarded)
 * @csspart attempts - attempts left on the verification step (forwarded)
 * @csspart last-attempt-help - before the last try, whom to ask instead (forwarded)
 * @csspart warning - the last-attempt or about-to-expire warning (forwarded)
 * @csspart timer - the link's countdown on the waiting step (forwarded)
 * @csspart resend - the resend button (forwarded)
 * @csspart change-email - "Cambiar correo" on the waiting step (forwarded)
 * @csspart confirm-address - in the e-mail step's confirm dialog, the address the link goes to (forwarded)
 * @csspart retry - the retry button of the error state (forwarded)
 * @csspart restart - "Iniciar de nuevo" on the expired state (forwarded) and when a lock has ended
 * @csspart resent - on an expired link's page, the confirmation that a new mail was sent (forwarded)
 * @csspart sign-in - on a used link's page, the link to the portal's sign-in (forwarded)
 * @csspart suggestion - the e-mail typo hint (forwarded)
 * @csspart masked-email - the masked address on record (forwarded)
 * @csspart lost-mailbox - what to do when the address on record is no longer the person's (forwarded)
 * @csspart captcha - the "No soy un robot" box (forwarded)
 * @csspart privacy - the data-protection notice (forwarded)
 * @csspart contact - the contact channels on lock, expiry, errors and a lost mailbox (forwarded)
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
  static override properties: PropertyDeclarations = {
    apiBase: { attribute: 'api-base' },
    language: { attribute: 'lang' },
    portalUrl: { attribute: 'portal-url' },
    config: { attribute: false },
    api: { attribute: false },
    noResume: { type: Boolean, attribute: 'no-resume' },
    store: { attribute: false },
    localizer: { state: true },
    configIssues: { state: true },
    generation: { state: true },
  };

  /** Base URL of the backend that speaks `/v1` (https, or http on localhost). */
  declare apiBase: string | null;
  /** Language: `es` (default, es-EC) or `en`; anything else falls back to Spanish. */
  declare language: string | null;
  /** Where FINALIZAR leads: the portal's sign-in page. */
  declare portalUrl: string | null;
  /** Configuration object (see widget/config.ts `WidgetConfig`); attributes win over it. */
  declare config: unknown;
  /** Any RecoveryApi; wins over `api-base`. */
  declare api: RecoveryApi | undefined;
  /** Turns resume off: a reload starts again at BUSCAR (by default a flow past BUSCAR resumes from this tab's sessionStorage). */
  declare noResume: boolean;
  /** Where a flow past BUSCAR is kept to resume at its step (this tab's sessionStorage by default; only non-secret data, CS-07). */
  declare store: FlowStore | undefined;

  declare private localizer: Localizer;
  declare private configIssues: ConfigIssue[];
  /** Bumped whenever the flow starts over: the step elements are keyed by it (nothing typed survives, CS-07). */
  declare private generation: number;

  constructor() {
    super();
    this.apiBase = null;
    this.language = null;
    this.portalUrl = null;
    this.noResume = false;
    this.localizer = new Localizer();
    this.configIssues = [];
    this.generation = 0;
    followPage(this, {
      linkOpened: (token) => this.openLink(token),
      hidden: () => this.#send({ type: 'page-hidden' }),
      shownAgain: () => this.shownAgain(),
    });
  }

  private readonly flow = new FlowController(this, {
    api: () => this.effectiveApi(),
    onPublicEvent: (e) => this.emit(e),
    // What the shell says and shows past the first step (i18n/es/shell-later.ts, the later steps'
    // views), outside the first load.
    later: () =>
      Promise.all([import('./i18n/es-later.ts'), import('./shell/later-step-views.ts').then((m) => addLaterViews(m.LATER_VIEWS))]),
  });
  /** Focus after a refusal that keeps the step (its notice is read there, not said again), the word after a resend. */
  private readonly answers = followAnswers(
    this,
    () => this.flow.state,
    (a) => this.live.say(this.localizer.t('expired.resent', a.sentTo)),
  );
  private readonly live = new LiveRegion(
    this,
    () => {
      const s = this.flow.state;
      return { problem: isEndStep(s.step) ? null : s.problem, timers: stateNotices(this.localizer, s, this.flow.serverNow()) };
    },
    { problem: (p) => (this.answers.isRefusal(p) ? '' : problemText(this.localizer, p, this.flow.state, this.flow.serverNow())) },
  );
  /** The validated configuration, from begin() on. */
  private settings: WidgetConfig = {};
  private httpApi: { base: string; api: RecoveryApi } | undefined;
  private started = false;
  /** The flow's start while it reads a stored flow: a link opened meanwhile waits for it. */
  private startup: Promise<void> | undefined;
  private activationToken: string | undefined;
  private focusPending = false;
  private langRequest = 0;
  /** The language asked for, the one whose words are in, and whether a step waits to be said in it. */
  private wantedLang = 'es';
  private loadedLang = 'es';
  private unsaid = false;
  /** The flow's expiry when "Necesito más tiempo" was pressed, and what was said when it was extended. */
  private extendingFrom = '';
  private extended = '';

  #send(event: FlowEvent): void {
    const before = this.flow.state;
    this.flow.send(event);
    if (this.flow.state !== before && WIPING_EVENTS.includes(event.type)) this.generation++;
  }

  /** The identification step's "No soy un robot": solved through the flow controller (contract-checked). */
  private readonly solveCaptcha = (signal: AbortSignal): Promise<string> => this.flow.solveCaptcha(signal);

  /** A step's intent is the machine's own event; `resend` is stamped with the clock. */
  private readonly onIntent = (e: StepIntentEvent): void => {
    const intent = e.intent;
    this.answers.acted();
    this.#send(intent.type === 'resend' ? { type: 'resend', at: this.flow.clock.now() } : intent);
  };

  /** The configuration as the host gave it: `.config` with the attributes over it. */
  private hostConfig(): unknown {
    return hostConfig(this.config, { apiBase: this.apiBase, portalUrl: this.portalUrl, lang: this.language });
  }

  private effectiveApi(): RecoveryApi | undefined {
    if (this.api) return this.api;
    const base = this.settings.apiBase;
    if (!base) return undefined;
    if (this.httpApi?.base !== base) this.httpApi = { base, api: createLazyHttpRecoveryApi(base) };
    return this.httpApi.api;
  }

  /**
   * The e-mail link pasted into this same tab (shell/page-events.ts) opens here; the identification
   * typed at BUSCAR goes on to be the password manager's username.
   */
  private openLink(token: string): void {
    if (this.startup) {
      // Removed from the page meanwhile: nothing shows the link there, so it is not checked (nor kept).
      const open = () => void (this.isConnected && this.#send({ type: 'link-opened', activationToken: token }));
      void this.startup.then(open, open);
      return;
    }
    const s = this.flow.state;
    if (this.configIssues.length > 0 || (s.step === 'starting' && !s.pending)) {
      this.activationToken = token; // begin() has not run yet: it opens the link
      return;
    }
    this.#send({ type: 'link-opened', activationToken: token });
  }

  /** Shown again from the back/forward cache: start afresh (a stored step resumes; a link kept for the start opens). */
  private shownAgain(): void {
    if (!this.started || this.configIssues.length > 0 || this.flow.state.step !== 'starting') return;
    const token = this.activationToken;
    this.activationToken = undefined;
    void this.start(token);
  }

  override connectedCallback(): void {
    // Before the controllers hear of the connection: they may start timers on it.
    const clock = this.started ? undefined : shellClocks.get(this);
    if (clock) this.flow.clock = clock;
    super.connectedCallback();
    if (this.started) return;
    this.started = true;
    // The token leaves the address bar before anything else happens, even on a misconfigured page.
    this.activationToken = takeActivationToken();
    queueMicrotask(() => void this.begin());
  }

  /** Validates the configuration, then starts the flow: the first step renders in this same task, waiting for no chunk or request. */
  private async begin(): Promise<void> {
    const r = validateConfig(this.hostConfig());
    const issues = r.ok ? [] : r.issues;
    if (!this.api && !(r.ok && r.config.apiBase) && !issues.some((i) => i.field === 'apiBase'))
      issues.push({ field: 'api-base', reason: 'api' });
    this.configIssues = issues;
    if (!r.ok || issues.length > 0) {
      this.dispatchEvent(new IessErrorEvent('config'));
      return;
    }
    this.settings = r.config;
    // Memory only, and handed to the flow once (a corrected configuration still opens the link).
    const token = this.activationToken;
    this.activationToken = undefined;
    // Resume is on by default (this tab's sessionStorage): a reload of any step after BUSCAR reopens it.
    this.flow.setStore(
      this.store ?? (this.noResume || r.config.resume === 'memory' ? new MemoryFlowStore() : tabFlowStore(() => this.flow.clock.now())),
    );
    await this.start(token);
  }

  /** Starts the flow (with the link's token, if one came); until it has started, `startup` says so. */
  private start(token: string | undefined): Promise<void> {
    const run = this.flow.start(token).finally(() => {
      if (this.startup === run) this.startup = undefined;
    });
    this.startup = run;
    return run;
  }

  /**
   * "Necesito más tiempo" answered: the new time is said politely and shown until the step changes
   * (the flow's notice leaves with its old timer).
   */
  private noteExtension(s: FlowState): void {
    const expiry = 'flow' in s ? s.flow.expiresAt : '';
    if (this.extendingFrom && !s.extending && expiry && expiry !== this.extendingFrom) {
      this.extended = this.localizer.t('timer.flow.extended', Math.round((Date.parse(expiry) - this.flow.serverNow()) / 60_000));
      this.live.say(this.extended);
    }
    this.extendingFrom = s.extending ? expiry : '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.noteExtension(this.flow.state);
    if (changed.has('language') || changed.has('config')) void this.loadLanguage();
    // A host that fixes its configuration gets a working widget without a reload.
    if (this.started && (changed.has('config') || changed.has('api') || changed.has('apiBase')) && this.configIssues.length > 0)
      void this.begin();
  }

  private async loadLanguage(): Promise<void> {
    const request = ++this.langRequest;
    const merged = this.hostConfig();
    const lang = resolveLang(unchecked(merged, 'lang', 'string'));
    this.wantedLang = lang;
    const messages = await loadMessages(lang);
    if (request !== this.langRequest) return;
    this.localizer = new Localizer(messages, (unchecked(merged, 'messages', 'object') ?? {}) as Partial<Record<MessageKey, string>>);
    this.loadedLang = lang;
    // A step shown while its language was on its way is said now, in that language.
    if (this.unsaid) this.live.say(stepTitle(this.localizer, this.flow.state, this.flow.state.step));
    this.unsaid = false;
  }

  private emit(e: PublicEventSpec): void {
    if (e.name === 'step-change') {
      const p = progress(this.flow.state);
      this.dispatchEvent(new IessStepChangeEvent(e.step, e.previous, p?.index ?? null, p?.total ?? null));
      // Never in the wrong language: an English page's first step waits for the English words.
      if (this.wantedLang === this.loadedLang) this.live.say(stepTitle(this.localizer, this.flow.state, e.step));
      else this.unsaid = true;
      this.extended = '';
      // Focus moves to the new heading, but never on first load (the host page keeps its focus).
      this.focusPending = e.previous !== 'starting' || e.step === 'error' || e.step === 'expired';
    } else if (e.name === 'complete') this.dispatchEvent(new IessCompleteEvent(e.case));
    else if (e.name === 'cancel') this.dispatchEvent(new IessCancelEvent(e.step));
    else this.dispatchEvent(new IessErrorEvent(e.kind));
  }

  protected override updated(): void {
    if (!this.focusPending) return;
    this.focusPending = false;
    focusStepHeading(this.renderRoot);
  }

  private localeTag(): string {
    return resolveLang(unchecked(this.hostConfig(), 'lang', 'string')) === 'en' ? 'en' : 'es-EC';
  }

  override render(): TemplateResult {
    if (this.configIssues.length > 0) return configError(this.localizer, this.configIssues);
    const t = this.localizer;
    const s = this.flow.state;
    const p = progress(s);
    const now = this.flow.serverNow();
    const retry = retrySecondsLeft(s, now);
    const notices = stateNotices(t, s, now);
    const inline = s.problem && !isEndStep(s.step) ? problemText(t, s.problem, s, now) : '';
    const view = {
      l: t,
      timerNotice: (kind: TimerKind) => noticeOf(notices, kind),
      busy: s.pending || (retry ?? 0) > 0,
      retrySecondsLeft: retry ?? 0,
      now: this.flow.clock.now(),
      solver: this.solveCaptcha,
      formHost: this,
      portalUrl: this.settings.portalUrl ?? DEFAULT_PORTAL,
      localeTag: this.localeTag(),
      problemText: (problem: ClientProblem) => problemText(t, problem, s, now),
    };
    return html`<div class="shell" part="container" lang=${this.localeTag()} @step-intent=${this.onIntent}>
      <p class="title" part="title">${t.t('shell.title')}</p>
      ${p ? html`<p class="progress" part="progress">${t.t('shell.progress', p.index, p.total)}</p>` : nothing} ${this.live.render()}
      ${inline ? html`<p class="problem" part="problem" tabindex="-1" data-problem=${s.problem!.kind}>${inline}</p>` : nothing} ${linkTimer(t, 'check' in s ? remainingSeconds(s.check.expiresAt, s.clockOffsetMs, this.flow.clock.now()) : null, noticeOf(notices, 'link'))}
      ${timeNotice(
        t,
        timeNoticeOf(s, notices, (e) => (this.answers.acted(), this.#send(e)), this.extended),
      )}
      ${keyed(this.generation, renderStep(s, view))}
      ${
        p && !('check' in s)
          ? html`<div class="footer"><button type="button" class="link-button" part="cancel" @click=${() => this.#send({ type: 'cancel' })}>${t.t('shell.cancel')}</button></div>`
          : nothing
      }
    </div>`;
  }
}
