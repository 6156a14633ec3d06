/**
 * The flow's time limit, end to end in every engine (WCAG 2.2.1, issue 10): the server runs in test
 * mode with a flow that lives 130 s, so the two-minute warning comes a few seconds after BUSCAR.
 * "Necesito más tiempo" extends the flow on the server, keeps what was typed and says the new time;
 * a reload of the waiting step reopens it (resume is on by default), and the server still knows
 * the flow. No fixed waits: every step waits for what is on screen.
 */
import { expect, it } from 'vitest';
import { chooseEmail, demoPerson, describeInEngines, MONTHS, search, verify } from './harness.ts';

describeInEngines(
  'time limits, end to end',
  (current) => {
    it('"Necesito más tiempo" at the warning: the server extends the flow, the typed data stays, the new time is said', async () => {
      const { server, browser } = current();
      const maria = demoPerson('1712345675');
      const context = await browser.newContext({ width: 1280 });
      const page = await context.newPage();
      await page.goto(server.url + '/');
      await search(page, maria);
      await page.getByLabel('Día').selectOption(String(maria.birthDay));
      await page.getByLabel('Mes').selectOption({ label: MONTHS[maria.birthMonth - 1]! });

      // Shown, and said through the live region: the same words twice on the page.
      await page.getByText('Quedan 2 minutos para completar el trámite.').first().waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Necesito más tiempo' }).click();
      await page
        .getByText(/^Listo: tiene \d+ minutos? más para completar el trámite\.$/)
        .first()
        .waitFor({ timeout: 30_000 });
      expect(await page.getByRole('button', { name: 'Necesito más tiempo' }).count()).toBe(0);
      expect(await page.getByLabel('Día').inputValue()).toBe(String(maria.birthDay));

      // The extended flow goes on: verification, e-mail, and the waiting step.
      await verify(page, maria);
      await chooseEmail(page);
      await context.close();
    });

    it('a reload of the waiting step reopens it where it was (resume on by default), with the link still counting down', async () => {
      const { server, browser } = current();
      const jean = demoPerson('E0012345'); // recuperar, address on record
      const context = await browser.newContext({ width: 390 });
      const page = await context.newPage();
      await page.goto(server.url + '/');
      await search(page, jean);
      await verify(page, jean);
      await chooseEmail(page);
      await page.goto(await page.url()); // the same tab: its sessionStorage stays
      await page.getByRole('heading', { name: 'Revise su correo' }).waitFor({ timeout: 30_000 });
      expect(await page.getByRole('heading', { name: 'Identificación' }).count()).toBe(0);
      await page
        .getByRole('timer')
        .getByText(/El enlace vence en/)
        .waitFor({ timeout: 30_000 });
      await context.close();
    });
  },
  { FLOW_LIFETIME_SECONDS: '130', OUTBOX_POLL_MS: '50' },
);
