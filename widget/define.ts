/**
 * The only module that registers tags. Loading it twice (two script tags, two bundles) is
 * harmless: a tag that is already defined is left as it is.
 *
 * The shell and the first step are registered at once and the first step renders from this module
 * and its static imports alone: no chunk, no request and no schema stands before it (issue 15).
 * Right after the first paint, everything BUSCAR and the next steps need is requested AT ONCE, in
 * parallel — the later steps, their transitions and views, the HTTP client, the contract, the proof-of-work solver — so it is
 * there long before the person has typed a cédula, yet outside what the page waits for (size
 * budget). `whenDefined` resolves when every tag is registered.
 */
import { loadLaterSteps } from './flow/machine.ts';
import { IessRecuperarClave } from './iess-recuperar-clave.ts';
import { IessPasoIdentificacion } from './steps/iess-paso-identificacion.ts';

// The one-script file (this module, bundled) is all a page without a bundler has: it exports the
// element, its events and the error an adapter throws, so such a page can `instanceof` them.
export { IessRecuperarClave };
export { IessCancelEvent, IessCompleteEvent, IessErrorEvent, IessStepChangeEvent } from './events/public-events.ts';
export { RecoveryApiError, type ApiErrorKind, type RecoveryApi } from './api/recovery-api.ts';

type ElementClass = CustomElementConstructor & { readonly tagName: string };

/** Registers every element not yet registered; returns the tags this call defined. */
export function defineElements(elements: readonly ElementClass[], registry: CustomElementRegistry = customElements): string[] {
  const defined: string[] = [];
  for (const element of elements) {
    if (registry.get(element.tagName)) continue;
    registry.define(element.tagName, element);
    defined.push(element.tagName);
  }
  return defined;
}

// Steps first, so the shell's first render finds the identification step defined.
defineElements([IessPasoIdentificacion, IessRecuperarClave]);

/** Resolves after the next frame is painted (or soon, when the page paints no frames: hidden, throttled). */
function afterFirstPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 1000);
  });
}

/** Resolves once every element of the widget is registered. */
export const whenDefined: Promise<string[]> = afterFirstPaint().then(() => {
  // Warmed in the module cache: their own import() later finds them loaded. A failure here is theirs to report then.
  for (const warm of [
    import('./api/http-recovery-api.ts'),
    import('./api/contract.ts'),
    import('./captcha/altcha.ts'),
    loadLaterSteps(),
    import('./shell/later-step-views.ts'),
  ])
    warm.catch(() => undefined);
  return import('./elements-later.ts').then((m) => defineElements(m.LATER_ELEMENTS));
});
