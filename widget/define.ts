/**
 * The only module that registers tags. Loading it twice (two script tags, two bundles) is
 * harmless: a tag that is already defined is left as it is.
 *
 * The shell and the first step are registered at once; every other step comes in a chunk that is
 * requested immediately after (not on demand), so it is there long before the person presses
 * BUSCAR, yet outside what the page must load before the first step is usable (size budget).
 * `whenDefined` resolves when every tag is registered.
 */
import { IessRecuperarClave } from './iess-recuperar-clave.ts';
import { IessPasoIdentificacion } from './steps/iess-paso-identificacion.ts';

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

/** Resolves once every element of the widget is registered. */
export const whenDefined: Promise<string[]> = import('./elements-later.ts').then((m) => defineElements(m.LATER_ELEMENTS));

declare global {
  interface HTMLElementTagNameMap {
    'iess-recuperar-clave': IessRecuperarClave;
  }
}
