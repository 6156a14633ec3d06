/**
 * Issue 10, finding 1, end to end (real server, SMTP catcher, Chromium): a mistyped new address
 * costs no day. The likely typo needs an explicit choice before CONTINUAR; the ACEPTAR dialog and
 * the waiting step show the full address typed; "Cambiar correo" corrects it in the same flow
 * while the link is unused, with no `email-limit` refusal; the mistyped address's link dies and
 * the corrected one completes the procedure.
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  activate,
  activationLink,
  answerSecurityQuestions,
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

withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

async function checkLink(link: string): Promise<string> {
  const token = new URL(link).hash.replace(/^#token=/, '');
  const res = await fetch(`${server.url}/v1/activation/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  return res.ok ? 'ok' : ((await res.json()) as { type: string }).type.replace('urn:iess-clave:problem:', '');
}

describe('a mistyped new address, end to end', () => {
  it('the typo needs a choice, shows in full, and is corrected in the same flow with no 24-hour refusal', async () => {
    const lucia = demoPerson('3000000012'); // generar, no address on record
    const typo = 'lucia.mendoza@gmial.com';
    const right = 'lucia.mendoza@gmail.com';
    const password = 'El tren de la nariz del diablo silba';
    const context = await newContext(browser, 360);
    const page = await context.newPage();
    await page.goto(server.url + '/');
    await search(page, lucia);
    await verify(page, lucia);
    await answerSecurityQuestions(page, {
      'juguete-favorito': 'Una muñeca de trapo',
      'primer-espectaculo': 'Circo de los Hermanos Gasca',
      'primer-trabajo-lugar': 'La Floresta',
    });
    await page.getByRole('heading', { name: 'Correo electrónico' }).waitFor();
    await page.getByLabel('Correo electrónico', { exact: true }).fill(typo);
    await page.getByLabel('Confirme su correo electrónico').fill(typo);

    // CONTINUAR does not go on past the hint: a choice is needed.
    await page.getByRole('button', { name: 'CONTINUAR' }).click();
    await page.getByText(`¿Quiso decir ${right}? Elija una de las dos respuestas.`).first().waitFor();
    expect(await page.getByRole('button', { name: 'ACEPTAR' }).count()).toBe(0);
    // The person keeps what they typed (a real mistake, for this test).
    await page.getByRole('button', { name: `No, mi correo es ${typo}` }).click();
    await page.getByRole('button', { name: 'CONTINUAR' }).click();
    // ACEPTAR shows the full address typed.
    const dialog = page.getByRole('dialog');
    await dialog.getByText(typo).waitFor();
    await page.getByRole('button', { name: 'ACEPTAR' }).click();
    await page.getByRole('heading', { name: 'Revise su correo' }).waitFor();
    // The waiting step shows it in full too, so the typo is visible.
    expect(await page.getByText(`Enviamos un mensaje a ${typo}.`).count()).toBe(1);
    const typoLink = await activationLink(server, typo);

    // Cambiar correo: back to the e-mail step with the address, the suggestion taken this time.
    await page.getByRole('button', { name: 'Cambiar correo' }).click();
    await page.getByRole('heading', { name: 'Correo electrónico' }).waitFor();
    expect(await page.getByLabel('Correo electrónico', { exact: true }).inputValue()).toBe(typo);
    await page.getByRole('button', { name: `Sí, usar ${right}` }).click();
    expect(await page.getByLabel('Confirme su correo electrónico').inputValue()).toBe(right);
    await page.getByRole('button', { name: 'CONTINUAR' }).click();
    await page.getByRole('dialog').getByText(right).waitFor();
    await page.getByRole('button', { name: 'ACEPTAR' }).click();
    await page.getByText(`Enviamos un mensaje a ${right}.`).waitFor();
    // No "Ya registró un correo nuevo en las últimas 24 horas".
    expect(await page.getByText(/últimas 24 horas/).count()).toBe(0);

    const link = await activationLink(server, right);
    expect(await checkLink(typoLink)).toBe('link-invalid');
    const linkPage = await context.newPage();
    await linkPage.goto(link);
    await activate(linkPage, password);
    await linkPage.getByRole('heading', { name: 'Su clave está lista' }).waitFor();
    expect(await signIn(server, lucia, password)).toBe(201);
    await page.getByRole('heading', { name: 'Su clave está lista' }).waitFor({ timeout: 20_000 });
    await context.close();
  });
});
