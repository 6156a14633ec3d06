import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ClientProblem } from '../flow/types.ts';

/** A time limit's notice as it is on screen now: the same words are said once per milestone. */
export interface TimerNotice {
  /** Names the timer and its milestone (`flow:<endsAt>:120`): said once, never again. */
  key: string;
  text: string;
}

export interface OnScreen {
  /** The problem shown on the step (null on end states, which say it themselves). */
  problem: ClientProblem | null;
  /** Every running time limit that has reached a milestone (shell `timerNotices`). */
  timers: readonly TimerNotice[];
}

export interface Sayings {
  problem(problem: ClientProblem): string;
}

/**
 * The shell's ONE polite live region. It says a step's title (`say`), a problem when it appears,
 * and each time limit's milestone (2 min, 1 min, the end: widget/domain/time.ts MILESTONES) once,
 * with the words shown on screen. What is said in one update is joined, not overwritten, so a
 * step change and a milestone that coincide are both heard.
 */
export class LiveRegion implements ReactiveController {
  private said: string[] = [];
  private fresh = true;
  private lastProblem: ClientProblem | null = null;
  private readonly milestonesSaid = new Set<string>();

  constructor(
    host: ReactiveControllerHost,
    private readonly onScreen: () => OnScreen,
    private readonly sayings: Sayings,
  ) {
    host.addController(this);
  }

  /** Says `text` (the next render puts it in the region; with anything else said in the same update). */
  say(text: string): void {
    if (!text) return;
    if (this.fresh) this.said = [];
    this.fresh = false;
    if (!this.said.includes(text)) this.said.push(text);
  }

  hostUpdate(): void {
    const now = this.onScreen();
    if (now.problem !== this.lastProblem) {
      this.lastProblem = now.problem;
      if (now.problem) this.say(this.sayings.problem(now.problem));
    }
    for (const notice of now.timers) {
      if (this.milestonesSaid.has(notice.key)) continue;
      this.milestonesSaid.add(notice.key);
      this.say(notice.text);
    }
  }

  hostUpdated(): void {
    this.fresh = true;
  }

  /** What the region says now (tests read the DOM; this is for the shell's own use). */
  get text(): string {
    return this.said.join(' ');
  }

  render(): TemplateResult {
    return html`<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.text}</div>`;
  }
}
