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
import type { LitElement } from 'lit';
import type { Activation } from '../api/contract.ts';
import type { ClientProblem, FlowState } from '../flow/types.ts';

/** What the shell calls: `acted` before the flow hears of an intent; `isRefusal` from the live region. */
export interface Answers {
  /** The person asked for something (call before the flow hears of it). */
  acted(): void;
  /** `problem` refused the person's last action and is read where focus goes (not said again). */
  isRefusal(problem: ClientProblem): boolean;
}

/** Adds the controller to `host` (before the live region, so `isRefusal` is known when the region speaks). */
export function followAnswers(host: LitElement, state: () => FlowState, onResent: (activation: Activation) => void): Answers {
  /** The state the person's last action was sent from, until its answer is in. */
  let from: FlowState | undefined;
  let refusal: ClientProblem | null = null;
  /** Focus was in the widget when the person acted; what takes it after the answer (1: the notice, 2: the heading if focus was lost). */
  let within = false;
  let next = 0;
  // (Not :focus-within: WebKit does not match it while its window is not the focused one.)
  const inside = () => host.contains(document.activeElement);
  host.addController({
    hostUpdate() {
      const s = state();
      // (The machine may ignore the action: then the state is unchanged and nothing follows.)
      if (!from || s.pending || s.extending) return;
      const was = from;
      from = undefined;
      if (s.step !== was.step) return; // a new step: its heading takes focus (the shell); an end state says and shows its own
      if (s.problem && s.problem !== was.problem) {
        // Refused, the step kept.
        refusal = s.problem;
        next = 1;
      } else {
        // Done, the step kept ("Necesito más tiempo" answered: its button is gone, focus with it).
        next = within ? 2 : 0;
        // On the waiting step only a resend brings a new activation in answer to the person.
        if (s.step === 'activation-sent' && s.activation && s.activation !== (was as typeof s).activation) onResent(s.activation);
      }
    },
    hostUpdated() {
      const root = host.renderRoot;
      if (next === 1 && refusal?.kind !== 'password-rejected') root.querySelector<HTMLElement>('.problem')?.focus();
      if (next === 2 && !inside()) void root.querySelector<HTMLElement & { focusHeading(): Promise<void> }>('[data-step]')?.focusHeading();
      next = 0;
    },
  });
  return {
    acted() {
      from = state();
      within = inside();
    },
    isRefusal: (problem) => problem === refusal,
  };
}
