/**
 * What follows the answer to the person's own action (issue 14), a small controller of the shell:
 * - refused, with the step kept (verification attempts, the e-mail limit, a network failure, a
 *   refused BUSCAR): focus goes to the shell's notice of the problem (WCAG 2.4.3: the pressed
 *   button was disabled meanwhile, so focus would drop to the page). The notice is read there, so
 *   the live region leaves that problem unsaid (`isRefusal`). GENERAR's `password-rejected` names
 *   the field to correct: the new-password step focuses its own error summary when the server's
 *   reasons arrive (kept out of the first load);
 * - a resend that went through is said in the live region (the button keeps the focus).
 * Added to the host before the live region, so `isRefusal` is known when the region speaks.
 */
import type { LitElement, ReactiveController } from 'lit';
import type { Activation } from '../api/contract.ts';
import { isEndStep, type ClientProblem, type FlowState } from '../flow/types.ts';

export class AnswerFollower implements ReactiveController {
  /** The state the person's last action was sent from, until its answer is in; whether it was a resend. */
  private from: FlowState | undefined;
  private resend = false;
  private refusal: ClientProblem | null = null;
  private focus = false;

  constructor(
    private readonly host: LitElement,
    private readonly state: () => FlowState,
    private readonly onResent: (activation: Activation) => void,
  ) {
    host.addController(this);
  }

  /** The person asked for something (call before the flow hears of it). */
  acted(type: string): void {
    this.from = this.state();
    this.resend = type === 'resend';
  }

  /** `problem` refused the person's last action and is read where focus goes (not said again). */
  isRefusal(problem: ClientProblem): boolean {
    return problem === this.refusal;
  }

  hostUpdate(): void {
    const s = this.state();
    const from = this.from;
    if (!from || s.pending || s === from) return;
    this.from = undefined;
    if (s.problem && s.problem !== from.problem && s.step === from.step && !isEndStep(s.step)) {
      this.refusal = s.problem;
      this.focus = true;
    } else if (this.resend && s.step === 'activation-sent' && !s.problem && s.activation && s.activation !== (from as typeof s).activation) {
      this.onResent(s.activation);
    }
  }

  hostUpdated(): void {
    if (this.focus && this.refusal?.kind !== 'password-rejected') this.host.renderRoot.querySelector<HTMLElement>('.problem')?.focus();
    this.focus = false;
  }
}
