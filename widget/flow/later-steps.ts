/**
 * The transitions of the steps between the first and the end states. Each of those steps is
 * reached only through an answer from the server (or a stored step, which the controller resumes
 * after loading this), so they stay out of what the page loads before the first step (issue 15):
 * machine.ts loads this module with `loadLaterSteps()`, and the controller feeds no answer in
 * before it has. The end states stay in the first load (machine.ts).
 */
import { activationSent } from './transitions/activation-sent.ts';
import { email } from './transitions/email.ts';
import { newPassword } from './transitions/link.ts';
import { securityQuestions } from './transitions/security-questions.ts';
import { verification } from './transitions/verification.ts';
import type { StepTransitions } from './types.ts';

export const LATER_STEPS = {
  verification,
  'security-questions': securityQuestions,
  email,
  'activation-sent': activationSent,
  'new-password': newPassword,
} satisfies Omit<StepTransitions, 'starting' | 'identification' | 'done' | 'locked' | 'expired' | 'error'>;
