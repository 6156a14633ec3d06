/**
 * Finding 7 of issue 10: the contact channels come from ONE source (widget/domain/contact.ts),
 * which matches the procedure sheet, and every e-mail gives exactly those (no invented number).
 * The widget's screens are compared with the same source in test/elements/contact-source.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTACT } from '../../widget/domain/contact.ts';
import { activationMail, addressChangedMail, passwordChangedMail, type MailContent } from '../../server/mail/templates.ts';

const SEED = '/work/shared/seed/tramite-generar-recuperar-clave.txt';

/** Every e-mail the server writes, with fixed arguments (times both with and without "a. m."). */
const MAILS: Record<string, MailContent> = {
  activation: activationMail('https://app.iess.gob.ec/clave#token=abc', 180),
  'password-changed (morning)': passwordChangedMail(new Date('2026-12-02T16:49:00Z')),
  'password-changed (afternoon)': passwordChangedMail(new Date('2026-12-02T20:49:00Z')),
  'address-changed': addressChangedMail('l***@g***.com'),
};

/** Runs of digits (with spaces, dots or hyphens inside) that look like a telephone number. */
const phoneLike = (s: string): string[] => [...s.matchAll(/\+?\d[\d .-]{6,}\d/g)].map((m) => m[0]);

describe('contact channels: one source', () => {
  it('the source says what the procedure sheet says', () => {
    let sheet: string;
    try {
      sheet = readFileSync(SEED, 'utf8');
    } catch {
      sheet = '';
    }
    // The sheet is outside the repository; where it is, the module must match it word for word.
    if (sheet) {
      expect(sheet).toContain(`Correo Electrónico: ${CONTACT.email}`);
      expect(sheet).toContain(`Teléfono: ${CONTACT.phone}`);
      expect(sheet).toContain(`Funcionario/Dependencia: ${CONTACT.office}`);
      expect(sheet).toContain(`VIRTUAL: ${CONTACT.onlineHours} horas`);
      expect(sheet).toContain('El trámite no tiene costo');
    }
    expect(CONTACT.phoneDisplay.replace(/\D/g, '')).toBe(CONTACT.phone);
    expect(CONTACT.phoneHref).toBe(`tel:+${CONTACT.phone}`);
  });

  for (const [name, mail] of Object.entries(MAILS)) {
    it(`e-mail ${name}: Atención al Ciudadano's address and telephone from the source, no other number`, () => {
      for (const body of [mail.text, mail.html]) {
        expect(body).toContain(CONTACT.office);
        expect(body).toContain(CONTACT.email);
        expect(body).toContain(CONTACT.phoneDisplay);
        expect(body).not.toContain('1800');
        // The only telephone-like number is the source's (dates and times are not that long).
        expect(phoneLike(body).filter((n) => n !== CONTACT.phoneDisplay && !/^\d{4}$/.test(n))).toEqual([]);
        // "24 horas" belongs to the online channel, never to the telephone or the mailbox.
        expect(body).not.toMatch(/24 horas/);
      }
    });
  }

  it('CLAVE CAMBIADA ends its sentence with one period, also after "a. m."', () => {
    for (const mail of [MAILS['password-changed (morning)']!, MAILS['password-changed (afternoon)']!]) {
      expect(mail.text).not.toContain('..');
      expect(mail.html.replace(/<[^>]+>/g, '')).not.toContain('..');
      expect(mail.text).toMatch(/cambiada el .+\.\n/);
    }
  });

  it('the server and the widget import the one module (no copy of the address or the number elsewhere)', () => {
    const files = [
      'server/mail/templates.ts',
      'widget/steps/contact.ts',
      'widget/i18n/es/first-step.ts',
      'widget/i18n/es/steps.ts',
      'widget/i18n/en/steps.ts',
      'widget/steps/iess-paso-identificacion.ts',
    ];
    for (const file of files) {
      const source = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
      expect(source, file).not.toContain(CONTACT.email);
      expect(source, file).not.toContain(CONTACT.phoneDisplay);
      expect(source, file).not.toContain(CONTACT.phone);
    }
  });
});
