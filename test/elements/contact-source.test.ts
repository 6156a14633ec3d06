/**
 * Finding 7 of issue 10: every screen that shows the contact channels shows exactly those of the
 * one source, widget/domain/contact.ts (the e-mails are compared in test/unit/contact-source.test.ts),
 * in Spanish and in English.
 */
import { expect } from '@esm-bundle/chai';
import type { LitElement } from 'lit';
import { CONTACT } from '../../widget/domain/contact.ts';
import { loadMessages, Localizer } from '../../widget/i18n/localize.ts';
import { IessEstadoBloqueo } from '../../widget/steps/iess-estado-bloqueo.ts';
import { ERROR_KINDS, IessEstadoError } from '../../widget/steps/iess-estado-error.ts';
import { IessEstadoExpirado } from '../../widget/steps/iess-estado-expirado.ts';
import { IessPasoCorreo } from '../../widget/steps/iess-paso-correo.ts';
import { IessPasoIdentificacion } from '../../widget/steps/iess-paso-identificacion.ts';
import { $, cleanup, mount } from './iess-paso-helpers.ts';

/** The contact box of a screen says the source's office, address, telephone and the online channel's hours. */
function expectFromSource(el: LitElement, localizer: Localizer): void {
  const contact = $(el, '[part=contact]');
  expect(contact.textContent).to.contain(CONTACT.office);
  const mail = contact.querySelector<HTMLAnchorElement>(`a[href="mailto:${CONTACT.email}"]`);
  expect(mail?.textContent).to.equal(CONTACT.email);
  const phone = contact.querySelector<HTMLAnchorElement>(`a[href="${CONTACT.phoneHref}"]`);
  expect(phone?.textContent).to.equal(CONTACT.phoneDisplay);
  expect(contact.textContent).to.contain(localizer.t('contact.hours', CONTACT.onlineHours));
  // No other address or number, and the 24 hours are said of the online procedure only.
  expect(contact.querySelectorAll('a')).to.have.length(2);
  expect(contact.textContent!.replace(/\s+/g, ' ')).not.to.match(/1800|Atención las 24 horas|Open 24 hours/);
}

for (const lang of ['es', 'en'] as const) {
  describe(`contact channels from one source (${lang})`, () => {
    let localizer: Localizer;
    before(async () => {
      localizer = new Localizer(await loadMessages(lang));
    });
    afterEach(cleanup);

    it('the lock', async () => {
      expectFromSource(await mount(IessEstadoBloqueo, { localizer, lockedUntil: '2026-11-22T15:30:00.000Z' }), localizer);
    });

    for (const what of ['link', 'flow', 'link-expired', 'link-used', 'link-replaced'] as const) {
      it(`the expired state (${what})`, async () => {
        expectFromSource(await mount(IessEstadoExpirado, { localizer, what }), localizer);
      });
    }

    for (const kind of ERROR_KINDS) {
      it(`the error state (${kind})`, async () => {
        expectFromSource(await mount(IessEstadoError, { localizer, kind }), localizer);
      });
    }

    it('the e-mail step with an address on record (what to do when the mailbox is gone)', async () => {
      const el = await mount(IessPasoCorreo, { localizer, email: { onRecord: true, masked: 'j***@g***.com' } });
      expectFromSource(el, localizer);
    });

    it("the data-protection notice names the source's address", async () => {
      const el = await mount(IessPasoIdentificacion, { localizer });
      expect($(el, '[part=privacy]').textContent).to.contain(CONTACT.email);
    });
  });
}
