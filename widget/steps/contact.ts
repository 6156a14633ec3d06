/**
 * The contact channels from the seed, shown wherever a person is stuck (lock, expiry, errors):
 * Atención al Ciudadano, e-mail, phone, 24 hours, free of charge.
 */
import { html, type TemplateResult } from 'lit';
import type { Localizer } from '../i18n/localize.ts';

export const CONTACT = {
  email: 'atencionalusuario@iess.gob.ec',
  phoneHref: 'tel:+59323945666',
  phoneDisplay: '+593 2 394 5666',
} as const;

export function renderContact(localizer: Localizer): TemplateResult {
  const t = localizer.t.bind(localizer);
  return html`<section class="contact" part="contact" aria-labelledby="contact-title">
    <h3 id="contact-title">${t('contact.title')}</h3>
    <ul>
      <li>${t('contact.email')} <a href="mailto:${CONTACT.email}">${CONTACT.email}</a></li>
      <li>${t('contact.phone')} <a href="${CONTACT.phoneHref}">${CONTACT.phoneDisplay}</a></li>
      <li>${t('contact.hours')}</li>
    </ul>
  </section>`;
}
