/**
 * The shell's ONE polite live region, as a small reactive controller. The shell says a new step
 * when it is shown; before each render the controller decides, from what is on screen, whether a
 * new problem, the end of a rate-limit wait or the link's last minute must be said (each once).
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ClientProblem } from '../flow/types.ts';

export interface OnScreen {
  /** The problem shown on the step (null on end states, which say it themselves). */
  problem: ClientProblem | null;
  /** Seconds left of a rate-limit wait, or null when there is none. */
  retrySecondsLeft: number | null;
  /** Seconds left of the e-mail link on its page, or null elsewhere. */
  linkSecondsLeft: number | null;
}

export interface Sayings {
  problem(problem: ClientProblem): string;
  retryOver(): string;
  linkWarning(): string;
}

/** From how many seconds left the link page warns (once, politely). */
export const LINK_WARNING_SECONDS = 60;

export class LiveRegion implements ReactiveController {
  private text = '';
  private lastProblem: ClientProblem | null = null;
  private retryOverSaid = false;
  private linkWarned = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly onScreen: () => OnScreen,
    private readonly sayings: Sayings,
  ) {
    host.addController(this);
  }

  /** Says `text` (the next render puts it in the region). */
  say(text: string): void {
    this.text = text;
  }

  hostUpdate(): void {
    const now = this.onScreen();
    if (now.problem !== this.lastProblem) {
      this.lastProblem = now.problem;
      this.retryOverSaid = false;
      if (now.problem) this.say(this.sayings.problem(now.problem));
    }
    // The end of a rate-limit wait is said once: the action works again.
    if (now.retrySecondsLeft === 0 && !this.retryOverSaid) {
      this.retryOverSaid = true;
      this.say(this.sayings.retryOver());
    }
    const left = now.linkSecondsLeft;
    if (left !== null && left > 0 && left <= LINK_WARNING_SECONDS && !this.linkWarned) {
      this.linkWarned = true;
      this.say(this.sayings.linkWarning());
    }
  }

  render(): TemplateResult {
    return html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.text}</div>`;
  }
}
