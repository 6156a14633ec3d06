import { html, type TemplateResult } from 'lit';
import { StepIntentEvent } from '../events/intents.ts';
import { safeHttpUrl } from './safe-url.ts';

/**
 * FINALIZAR, where the procedure ends for this page (the password is set, or the address can only
 * be registered in person): a real link to the portal when there is a safe one (works without
 * script, opens where the person expects; never `javascript:`, CS-02), else a button. The `finish`
 * intent is fired either way so the shell can clean up.
 */
export function renderFinish(host: HTMLElement, label: string, portalUrl: string): TemplateResult {
  const finish = () => host.dispatchEvent(new StepIntentEvent({ type: 'finish' }));
  const portal = safeHttpUrl(portalUrl);
  return portal
    ? html`<a class="button primary" part="submit" href=${portal} @click=${finish}>${label}</a>`
    : html`<button class="primary" part="submit" type="button" @click=${finish}>${label}</button>`;
}
