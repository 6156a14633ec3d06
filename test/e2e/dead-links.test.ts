/**
 * Issue 10, findings 2 and 3, end to end (real server with a 20-second link, SMTP catcher,
 * Chromium): every dead link leads somewhere. An expired link opened on ANOTHER device (a second
 * browser context: the mail read on the phone) sends a new mail to the same address right there,
 * without BUSCAR, and the new link completes the procedure; a link replaced by a resend says to use
 * the latest mail; a used link says the password is set and leads to the portal's sign-in. None
 * of them says "El tiempo terminó".
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  activate,
  activationLink,
  activationLinksSoFar,
  chooseEmail,
  demoPerson,
  newContext,
  search,
  signIn,
  verify,
  withServerAndBrowser,
  type RunningServer,
} from './harness.ts';

let server: RunningServer;
let browser: Browser;

withServerAndBrowser(
  (s, b) => {
    server = s;
    browser = b;
  },
  { LINK_LIFETIME_SECONDS: '20', RESEND_COOLDOWN_SECONDS: '0', OUTBOX_POLL_MS: '50' },
);

/** What POST /v1/activation/check says about a link (the problem kind, or "ok"). */
async function checkLink(link: string): Promise<string> {
  const token = new URL(link).hash.replace(/^#token=/, '');
  const res = await fetch(`${server.url}/v1/activation/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  return res.ok ? 'ok' : ((await res.json()) as { type: string }).type.replace('urn:iess-clave:problem:', '');
}

/** The shell's live region (what a screen reader is told). */
const liveText = async (page: Page) => (await page.locator('iess-recuperar-clave [aria-live=polite]').first().textContent()) ?? '';

describe('dead links that lead somewhere, end to end', () => {
  it('an expired link opened on another device sends a new mail there, to the same address, and the new link completes', async () => {
    const maria = demoPerson('1712345675');
    const password = 'Las garzas vuelven al Guayas en abril';
    const seen = await activationLinksSoFar(server, maria.email!);
    const computer = await newContext(browser, 1280);
    const waiting = await computer.newPage();
    await waiting.goto(server.url + '/');
    await search(waiting, maria);
    await verify(waiting, maria);
    await chooseEmail(waiting);
    const first = await activationLink(server, maria.email!, seen);
    // The waiting tab counts down from the server's expiresAt (no polling of the link: its checks are rate limited).
    await waiting.getByRole('timer').getByText('El enlace venció. Pida un nuevo correo.').waitFor({ timeout: 40_000 });
    expect(await checkLink(first)).toBe('link-expired');

    // The phone: another browser profile, no flow token, only the mail's link.
    const phone = await newContext(browser, 360);
    const page = await phone.newPage();
    await page.goto(first);
    await page.getByRole('heading', { name: 'El enlace venció' }).waitFor();
    await expect.poll(() => liveText(page)).toContain('El enlace venció');
    expect(await liveText(page)).not.toContain('El tiempo terminó');
    expect(await page.getByLabel('Nueva clave', { exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Enviar un nuevo correo' }).click();
    // Confirmed on screen, with the same (masked) address.
    await page.getByText(/Enviamos un nuevo correo a m\*\*\*@e\*\*\*\.com/).waitFor();
    const second = await activationLink(server, maria.email!, [...seen, first]);
    expect(second).not.toBe(first);
    expect(await checkLink(second)).toBe('ok');
    // Nothing asked again, no BUSCAR: the identification step never showed on the phone.
    expect(await page.getByRole('button', { name: 'BUSCAR' }).count()).toBe(0);

    const linkPage = await phone.newPage();
    await linkPage.goto(second);
    await activate(linkPage, password);
    await linkPage.getByRole('heading', { name: 'Su clave está lista' }).waitFor();
    expect(await signIn(server, maria, password)).toBe(201);
    // The computer's waiting tab moves on by itself.
    await waiting.getByRole('heading', { name: 'Su clave está lista' }).waitFor({ timeout: 20_000 });
    await phone.close();
    await computer.close();
  });

  it('a replaced link says to use the latest mail; a used link says the password is set and leads to the sign-in', async () => {
    const jean = demoPerson('E0012345');
    const password = 'Le pont de Cuenca sur le Tomebamba';
    const seen = await activationLinksSoFar(server, jean.email!);
    const context = await newContext(browser, 1280);
    const waiting = await context.newPage();
    await waiting.goto(server.url + '/');
    await search(waiting, jean);
    await verify(waiting, jean);
    await chooseEmail(waiting);
    const first = await activationLink(server, jean.email!, seen);
    await waiting.getByRole('button', { name: 'Reenviar correo' }).click();
    const second = await activationLink(server, jean.email!, [...seen, first]);

    const replaced = await context.newPage();
    await replaced.goto(first);
    await replaced.getByRole('heading', { name: 'Este enlace fue reemplazado' }).waitFor();
    expect(await replaced.getByText(/Use el del último correo «ACTIVACIÓN CLAVE» que recibió/).count()).toBe(1);
    await expect.poll(() => liveText(replaced)).toContain('reemplazado');
    expect(await liveText(replaced)).not.toContain('El tiempo terminó');
    expect(await replaced.getByRole('button', { name: 'Enviar un nuevo correo' }).count()).toBe(0);

    const linkPage = await context.newPage();
    await linkPage.goto(second);
    await activate(linkPage, password);
    await linkPage.getByRole('heading', { name: 'Su clave está lista' }).waitFor();

    const used = await context.newPage();
    await used.goto(second);
    await used.getByRole('heading', { name: 'Este enlace ya se usó' }).waitFor();
    expect(await used.getByText('Su clave ya fue creada con este enlace.', { exact: false }).count()).toBe(1);
    const signInLink = used.locator('iess-recuperar-clave').getByRole('link', { name: 'Ingresar al portal del IESS' });
    expect(await signInLink.getAttribute('href')).toBe('https://www.iess.gob.ec/');
    await expect.poll(() => liveText(used)).toContain('ya se usó');
    expect(await liveText(used)).not.toContain('El tiempo terminó');
    expect(await signIn(server, jean, password)).toBe(201);
    await context.close();
  });
});
