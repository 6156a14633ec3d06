/**
 * Issue 10, findings 4 and 7, end to end (real server, SMTP catcher, Chromium): on the e-mail
 * step with an address on record the person learns, before CONTINUAR, what to do when that
 * mailbox is no longer theirs; the e-mails give Atención al Ciudadano's channels from the one
 * source (widget/domain/contact.ts), never an invented number, and "CLAVE CAMBIADA" has one period.
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CONTACT } from '../../widget/domain/contact.ts';
import {
  activate,
  activationLink,
  demoPerson,
  newContext,
  search,
  verify,
  waitForMail,
  withServerAndBrowser,
  type RunningServer,
} from './harness.ts';

let server: RunningServer;
let browser: Browser;

withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

describe('a lost mailbox and the contact channels, end to end', () => {
  it("the e-mail step says what to do when the address on record is gone; every e-mail gives the source's channels", async () => {
    const maria = demoPerson('1712345675'); // recuperar, address on record
    const context = await newContext(browser, 360);
    const page = await context.newPage();
    await page.goto(server.url + '/');
    await search(page, maria);
    await verify(page, maria);
    await page.getByRole('heading', { name: 'Correo electrónico' }).waitFor();

    // Before CONTINUAR: the way out when that mailbox is no longer theirs.
    const summary = page.getByText('¿Ya no usa ese correo o no puede abrirlo?');
    expect(await summary.count()).toBe(1);
    await summary.click();
    await page.getByText(/solo se cambia en persona, en una agencia del IESS/).waitFor();
    const widget = page.locator('iess-recuperar-clave');
    expect(await widget.getByRole('link', { name: CONTACT.email }).getAttribute('href')).toBe(`mailto:${CONTACT.email}`);
    expect(await widget.getByRole('link', { name: CONTACT.phoneDisplay }).getAttribute('href')).toBe(CONTACT.phoneHref);
    expect(await page.getByText(`El trámite en línea está disponible las ${CONTACT.onlineHours} horas y no tiene costo.`).count()).toBe(1);

    await page.getByRole('button', { name: 'CONTINUAR' }).click();
    await page.getByRole('button', { name: 'ACEPTAR' }).click();
    await page.getByRole('heading', { name: 'Revise su correo' }).waitFor();
    const link = await activationLink(server, maria.email!);
    const activation = await waitForMail(server, (m) => m.links.includes(link));
    for (const body of [activation.text, activation.html]) {
      expect(body).toContain(CONTACT.email);
      expect(body).toContain(CONTACT.phoneDisplay);
      expect(body).not.toContain('1800 000 000');
    }

    const linkPage = await context.newPage();
    await linkPage.goto(link);
    await activate(linkPage, 'Un volcán dormido cuida Latacunga');
    await linkPage.getByRole('heading', { name: 'Su clave está lista' }).waitFor();
    const changed = await waitForMail(server, (m) => String(m.to).includes(maria.email!) && m.subject === 'CLAVE CAMBIADA');
    expect(changed.text).not.toContain('..');
    expect(changed.text).toContain(CONTACT.phoneDisplay);
    expect(changed.text).not.toContain('1800 000 000');
    await context.close();
  });
});
