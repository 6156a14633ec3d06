/**
 * What the shell shows for each state: the step element with that step's data (FlowState is a
 * union by step, so each view gets exactly its own), the confirm dialog when one is open, and the
 * end states. Steps tell the shell what the person asked for with one StepIntentEvent, which
 * bubbles to the shell's container. The views of the steps between the first and the end states
 * are in ./later-step-views.ts, outside the first load (issue 15): the shell has its controller
 * load them with the later steps' transitions, before any answer can lead there.
 */
import { html, type TemplateResult } from 'lit';
import type { TimerKind } from '../flow/timers.ts';
import type { ClientProblem, ClientProblemKind, EndStep, FlowState, StateAt, StepId } from '../flow/types.ts';
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

export type View<S extends StepId> = (s: StateAt<S>, c: ViewContext) => TemplateResult;

/** The steps whose views load later (./later-step-views.ts): all but the first step and the end states, as their transitions (../flow/later-steps.ts). */
export type LaterViewStep = Exclude<StepId, 'starting' | 'identification' | EndStep>;
export type LaterViews = { [S in LaterViewStep]: View<S> };

const VIEWS: { [S in Exclude<StepId, LaterViewStep>]: View<S> } & Partial<LaterViews> = {
  starting: (_s, c) => html`<p aria-busy="true">${c.l.t('shell.loading')}</p>`,
  identification: (_s, c) =>
    html`<iess-paso-identificacion data-step .localizer=${c.l} .busy=${c.busy} .solver=${c.solver}></iess-paso-identificacion>`,
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

/** Adds the later steps' views (the shell's later hook, once ./later-step-views.ts has loaded). */
export function addLaterViews(views: LaterViews): void {
  Object.assign(VIEWS, views);
}

export function renderStep(s: FlowState, c: ViewContext): TemplateResult {
  // A later step is only reached once its view is in; were it not, the page says it is loading.
  const view = (VIEWS[s.step] ?? VIEWS.starting) as View<StepId>;
  return view(s as StateAt<StepId>, c);
}
