/**
 * A text the server wrote (questions and their options, the declaration, the e-mail's subject):
 * the IESS writes Spanish, so it is marked `lang="es"` when the widget speaks another language and
 * a screen reader pronounces it in Spanish (WCAG 3.1.2, issue 14); as is in the Spanish widget.
 * Only the later steps use it (kept out of the first load).
 */
import { html, type TemplateResult } from 'lit';
import type { Localizer } from '../i18n/localize.ts';

export function serverText(l: Localizer, text: string): string | TemplateResult {
  return l.lang === 'es' ? text : html`<span lang="es">${text}</span>`;
}
