/**
 * What the shell shows for each state: the step element with that step's data (FlowState is a
 * union by step, so each view gets exactly its own), the confirm dialog when one is open, and the
 * end states. Steps tell the shell what the person asked for with one StepIntentEvent, which
 * bubbles to the shell's container.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { TimerKind } from '../flow/timers.ts';
import type { ClientProblem, ClientProblemKind, FlowState, StateAt, StepId } from '../flow/types.ts';
import type { Localizer } from '../i18n/localize.ts';
import type { ExpiredWhat } from '../steps/iess-estado-expirado.ts';
import type { CaptchaSolver } from '../steps/iess-paso-identificacion.ts';

export interface ViewContext {
  readonly l: Localizer;
  /** The milestone notice of a time limit now shown, or '' (shell `timerNotices`: the words the live region says). */
  readonly timerNotice: (kind: TimerKind) => string;
  /** A request is in flight or a rate-limit wait runs: the step's action is disabled. */
  readonly busy: boolean;
  /** Seconds left of a rate-limit wait (0 when none). */
  readonly retrySecondsLeft: number;
  /** The client's clock now (the waiting step counts down with it). */
  readonly now: number;
  readonly solver: CaptchaSolver;
  /** Where the new-password form goes (the shell's light DOM, for password managers). */
  readonly formHost: HTMLElement;
  readonly portalUrl: string;
  readonly localeTag: string;
  /** A problem in words (the shell's sentences), for a step that shows one itself. */
  readonly problemText: (p: ClientProblem) => string;
}

/** Which way the flow or its link ended, from the problem kind (a used or replaced link is never "time is up"). */
export function expiredWhat(kind: ClientProblemKind, mode: FlowState['mode']): ExpiredWhat {
  if (kind === 'link-used') return 'link-used';
  if (kind === 'link-invalid') return 'link-replaced';
  if (kind === 'link-expired' || kind === 'link-time-up') return 'link-expired';
  if (kind === 'flow-expired' || kind === 'flow-invalid') return 'flow';
  return mode === 'activation' ? 'link' : 'flow';
}

type View<S extends StepId> = (s: StateAt<S>, c: ViewContext) => TemplateResult;

const confirmDialog = (c: ViewContext, address = '') =>
  html`<iess-dialogo-confirmacion .localizer=${c.l} .address=${address}></iess-dialogo-confirmacion>`;

const VIEWS: { [S in StepId]: View<S> } = {
  starting: (_s, c) => html`<p aria-busy="true">${c.l.t('shell.loading')}</p>`,
  identification: (_s, c) =>
    html`<iess-paso-identificacion data-step .localizer=${c.l} .busy=${c.busy} .solver=${c.solver}></iess-paso-identificacion>`,
  verification: (s, c) => html`<iess-paso-verificacion
      data-step
      .localizer=${c.l}
      .busy=${c.busy}
      .questions=${s.verification.questions}
      .attemptsLeft=${s.verification.attemptsLeft}
      .lockMinutes=${s.config?.limits.lockMinutes ?? 0}
      .maskedId=${s.flow.maskedId}
      .failed=${s.problem?.kind === 'verification-failed'}
    ></iess-paso-verificacion>
    ${s.dialog ? confirmDialog(c) : nothing}`,
  'security-questions': (s, c) =>
    html`<iess-paso-preguntas data-step .localizer=${c.l} .busy=${c.busy} .bank=${s.securityQuestions}></iess-paso-preguntas>`,
  email: (s, c) =>
    html`<iess-paso-correo
        data-step
        .localizer=${c.l}
        .busy=${c.busy}
        .email=${s.email}
        .initialAddress=${s.changing?.typedEmail ?? ''}
        .canGoBack=${!!s.changing}
        .portalUrl=${c.portalUrl}
      ></iess-paso-correo
      >${s.dialog ? confirmDialog(c, s.draft?.mode === 'new' ? s.draft.email : (s.email.masked ?? '')) : nothing}`,
  'activation-sent': (s, c) => html`<iess-paso-correo-enviado
    data-step
    .localizer=${c.l}
    .busy=${c.busy}
    .activation=${s.activation}
    .typedEmail=${s.typedEmail ?? ''}
    .clockOffset=${s.clockOffsetMs}
    .now=${c.now}
    .notice=${c.timerNotice('sent')}
  ></iess-paso-correo-enviado>`,
  'new-password': (s, c) => html`<iess-paso-nueva-clave
    data-step
    .localizer=${c.l}
    .busy=${c.busy}
    .declaration=${s.check.declaration}
    .maskedId=${s.check.maskedId}
    .policy=${s.check.policy}
    .identification=${s.identification ?? s.check.maskedId}
    .passwordContext=${s.check.passwordContext}
    .fieldErrors=${s.problem?.fieldErrors}
    .formHost=${c.formHost}
    ><slot name="iess-nueva-clave-form" slot="form"></slot
  ></iess-paso-nueva-clave>`,
  done: (s, c) =>
    html`<iess-paso-final data-step .localizer=${c.l} .flowCase=${s.outcome.case} .portalUrl=${c.portalUrl}></iess-paso-final>`,
  // Locked, expired and error: what happened, what to do next, and the contact channels.
  locked: (s, c) => html`<iess-estado-bloqueo
    data-step
    data-kind=${s.problem?.kind ?? 'locked'}
    .localizer=${c.l}
    .lockedUntil=${s.lockedUntil ?? ''}
    .dateLocale=${c.localeTag}
  ></iess-estado-bloqueo>`,
  expired: (s, c) => {
    const kind = s.problem?.kind ?? 'flow-expired';
    return html`<iess-estado-expirado
      data-step
      data-kind=${kind}
      .localizer=${c.l}
      .what=${expiredWhat(kind, s.mode)}
      .canResend=${!!s.activationToken}
      .resent=${s.resent}
      .resendIssue=${s.resendProblem ? c.problemText(s.resendProblem) : ''}
      .busy=${s.pending}
      .clockOffset=${s.clockOffsetMs}
      .now=${c.now}
      .portalUrl=${c.portalUrl}
    ></iess-estado-expirado>`;
  },
  error: (s, c) => html`<iess-estado-error
    data-step
    data-kind=${s.problem?.kind ?? 'server'}
    .localizer=${c.l}
    .busy=${s.pending}
    .kind=${s.problem?.kind ?? 'server'}
    .retryAfter=${c.retrySecondsLeft}
  ></iess-estado-error>`,
};

export function renderStep(s: FlowState, c: ViewContext): TemplateResult {
  return (VIEWS[s.step] as View<StepId>)(s as StateAt<StepId>, c);
}
