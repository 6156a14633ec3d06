/**
 * The e-mailed link's lifetime, end to end in every engine, without a fake clock: the server runs in test mode
 * with a 20-second link (LINK_LIFETIME_SECONDS) and no resend cooldown, and the test waits for the
 * real expiry. The waiting tab says the link expired; the expired link's page says so; a resend
 * sends a new link; every earlier link dies (SS-12); the newest one completes the procedure.
 */
import { expect, it } from 'vitest';
import {
  activate,
  activationLink,
  chooseEmail,
  demoPerson,
  describeInEngines,
  search,
  signIn,
  verify,
  type RunningServer,
} from './harness.ts';

/** What POST /v1/activation/check says about a link (the problem type, or "ok"). */
async function checkLink(server: RunningServer, link: string): Promise<string> {
  const token = new URL(link).hash.replace(/^#token=/, '');
  const res = await fetch(`${server.url}/v1/activation/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (res.ok) return 'ok';
  return ((await res.json()) as { type: string }).type.replace('urn:iess-clave:problem:', '');
}

describeInEngines(
  'an expired link, end to end',
  (current) => {
    it('SS-12: the expired state, then a resend whose new link works and whose earlier links do not', async () => {
      const { server, browser } = current();
      const maria = demoPerson('1712345675');
      const password = 'Quito amanece con neblina en agosto';
      const context = await browser.newContext({ width: 1280 });
      const page = await context.newPage();
      await page.goto(server.url + '/');
      await search(page, maria);
      await verify(page, maria);
      await chooseEmail(page);
      const first = await activationLink(server, maria.email!);

      // The waiting tab counts down from the server's expiresAt and says when the link is dead.
      await page.getByRole('timer').getByText('El enlace venció. Pida un nuevo correo.').waitFor({ timeout: 30_000 });
      expect(await checkLink(server, first)).toBe('link-expired');

      // The expired link's page says so, with what to do next and the contact channels.
      const expiredPage = await context.newPage();
      await expiredPage.goto(first);
      await expiredPage.getByRole('heading', { name: 'El enlace venció' }).waitFor();
      expect(await expiredPage.getByRole('button', { name: 'Enviar un nuevo correo' }).count()).toBe(1);
      expect(await expiredPage.locator('iess-recuperar-clave').getByRole('link', { name: 'atencionalusuario@iess.gob.ec' }).count()).toBe(
        1,
      );
      expect(await expiredPage.getByLabel('Nueva clave', { exact: true }).count()).toBe(0);
      await expiredPage.close();

      // One click: a new e-mail, a new countdown.
      await page.getByRole('button', { name: 'Reenviar correo' }).click();
      const second = await activationLink(server, maria.email!, [first]);
      expect(second).not.toBe(first);
      await page
        .getByRole('timer')
        .getByText(/El enlace vence en/)
        .waitFor();
      // Resend again while the second is still fresh: the second dies although it has not expired.
      await page.getByRole('button', { name: 'Reenviar correo' }).click();
      const third = await activationLink(server, maria.email!, [first, second]);
      expect(await checkLink(server, second)).toBe('link-invalid');
      expect(await checkLink(server, third)).toBe('ok');

      const linkPage = await context.newPage();
      await linkPage.goto(third);
      await activate(linkPage, password);
      await linkPage.getByRole('heading', { name: 'Su clave está lista' }).waitFor();
      expect(await signIn(server, maria, password)).toBe(201);

      // The old link opened now: refused, nothing to type.
      const oldPage = await context.newPage();
      await oldPage.goto(second);
      // Replaced by the third, then the procedure completed: the password is set (issue 10: each dead link says which).
      await oldPage.getByRole('heading', { name: 'Este enlace fue reemplazado' }).waitFor();
      expect(await oldPage.getByLabel('Nueva clave', { exact: true }).count()).toBe(0);
      await context.close();
    });
  },
  { LINK_LIFETIME_SECONDS: '20', RESEND_COOLDOWN_SECONDS: '0', OUTBOX_POLL_MS: '50' },
);
