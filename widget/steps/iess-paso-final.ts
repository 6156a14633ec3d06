import { html, type PropertyDeclarations } from 'lit';
import type { Case } from '../api/contract.ts';
import '../i18n/es-later.ts';
import { renderFinish } from './finish-action.ts';
import { IessStep } from './step-base.ts';

/**
 * Step 9, success: the password is set; FINALIZAR leads to the portal (./finish-action.ts: a real
 * link with a `portalUrl`; the intent is fired either way so the shell can clean up).
 *
 * @fires step-intent - StepIntentEvent `{ type: 'finish' }` on FINALIZAR
 * @csspart heading - the step's heading
 * @csspart submit - the main button
 */
export class IessPasoFinal extends IessStep {
  static readonly tagName = 'iess-paso-final';
  static override properties: PropertyDeclarations = {
    flowCase: { attribute: 'flow-case' },
    portalUrl: { attribute: 'portal-url' },
  };

  /** Which case ended (changes the sentence only). */
  declare flowCase: Case;
  /** Where FINALIZAR leads: the IESS portal's sign-in page. */
  declare portalUrl: string;

  constructor() {
    super();
    this.flowCase = 'recuperar';
    this.portalUrl = '';
  }

  override render() {
    const t = this.t.bind(this);
    return html`
      <h2 tabindex="-1" part="heading">${t('final.title')}</h2>
      <p class="info">${t(this.flowCase === 'generar' ? 'final.generar' : 'final.recuperar')}</p>
      <p>${t('final.next')}</p>
      <div class="actions">${renderFinish(this, t('final.submit'), this.portalUrl)}</div>
    `;
  }
}
