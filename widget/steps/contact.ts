/**
 * The contact channels, shown wherever a person is stuck (lock, expiry, errors, a lost mailbox):
 * Atención al Ciudadano's e-mail and telephone, and that the online procedure is open 24 hours
 * at no cost. The values come from widget/domain/contact.ts, the one source the e-mails read too.
 */
import { html, type TemplateResult } from 'lit';
import { CONTACT } from '../domain/contact.ts';
import type { Localizer } from '../i18n/localize.ts';

export { CONTACT };

/** A narrow line breaks the address after its "@", not inside "gob.ec" (the host's overflow-wrap: anywhere). */
const atBreak = (address: string) => {
  const at = address.indexOf('@') + 1;
  return html`${address.slice(0, at)}<wbr />${address.slice(at)}`;
};

export function renderContact(localizer: Localizer): TemplateResult {
  const t = localizer.t.bind(localizer);
  return html`<section class="contact" part="contact" aria-labelledby="contact-title">
    <h3 id="contact-title">${t('contact.title', CONTACT.office)}</h3>
    <ul>
      <li>${t('contact.email')} <a href="mailto:${CONTACT.email}">${atBreak(CONTACT.email)}</a></li>
      <li>${t('contact.phone')} <a class="unbroken" href="${CONTACT.phoneHref}">${CONTACT.phoneDisplay}</a></li>
      <li>${t('contact.hours', CONTACT.onlineHours)}</li>
    </ul>
  </section>`;
}
