/**
 * What every step element shares: the localizer the shell passes down, a `busy` flag that
 * disables the submit while a request is pending (CS-12), the shared styles, and
 * `focusHeading()` so the shell can move focus to a new step's heading (WCAG 2.4.3).
 * Steps are presentational: they never call the API, they fire intents (widget/events/intents.ts).
 */
import { LitElement, type PropertyDeclarations } from 'lit';
import type { es, MessageKey } from '../i18n/es.ts';
import { Localizer } from '../i18n/localize.ts';
import { stepStyles } from '../styles/shared.ts';
import { focusErrorSummary } from './error-summary.ts';

type Args<K extends MessageKey> = (typeof es)[K] extends (...args: infer A) => string ? A : [];

const spanish = new Localizer();

/**
 * The steps' parts, forwarded through the shell so a host page can style them as
 * `iess-recuperar-clave::part(heading)`; the questions' progress is renamed so it does not clash
 * with the shell's own `progress`.
 */
export const STEP_EXPORT_PARTS =
  'heading, submit, back, accept, dialog, error-summary, attempts, last-attempt-help, warning, timer, resend, change-email, confirm-address, resent, sign-in, retry, restart, ' +
  'suggestion, masked-email, lost-mailbox, captcha, privacy, contact, progress:questions-progress';

export abstract class IessStep extends LitElement {
  static override styles = stepStyles;
  static override properties: PropertyDeclarations = {
    localizer: { attribute: false },
    busy: { type: Boolean, reflect: true },
    submitted: { state: true },
  };

  /** Strings come from here (the shell passes its Localizer; Spanish by default). */
  declare localizer: Localizer;

  /** A request for this step is pending: submit controls are disabled (no double submit). */
  declare busy: boolean;

  /** The person pressed the step's main button at least once: its problems show from then on. */
  declare protected submitted: boolean;

  constructor() {
    super();
    this.localizer = spanish;
    this.busy = false;
    this.submitted = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Forwarding only: the host keeps control of which parts exist (documented on the shell).
    if (!this.hasAttribute('exportparts')) this.setAttribute('exportparts', STEP_EXPORT_PARTS);
  }

  protected t<K extends MessageKey>(key: K, ...args: Args<K>): string {
    return this.localizer.t(key, ...args);
  }

  /** Moves focus to the step's heading (it has tabindex="-1"); the shell calls it on each step change. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  /**
   * The start of every step's submit: the page's own submit is stopped, nothing happens while
   * busy (CS-12), the step counts as submitted, and when `problemCount()` finds any, they show and
   * the error summary takes focus once drawn. True when the step may send its intent (at once).
   */
  protected submitChecked(event: Event, problemCount: () => number): boolean {
    event.preventDefault();
    if (this.busy) return false;
    this.submitted = true;
    if (problemCount() === 0) return true;
    void this.updateComplete.then(() => focusErrorSummary(this.renderRoot));
    return false;
  }

  /** Focuses a field of this step by id (used by the error summary's links). */
  protected focusField(id: string): void {
    const field = this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(id)}`) ?? this.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
    field?.focus();
  }
}
