/**
 * The server stopped mid-flow and started again (a crash, a deploy), end to end: the person's
 * request fails with a clear message that keeps what was typed; after the restart — same port,
 * same database — the same flow goes on, and an e-mailed link sent before a second restart still
 * completes it. Everything that matters is in the database, nothing in the process's memory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEFAULT_QUESTION_BANK } from '../../server/domain/security-questions.ts';
import {
  activate,
  activationLink,
  chooseEmail,
  demoPerson,
  launchBrowser,
  newContext,
  search,
  signIn,
  startServer,
  verify,
  type RunningServer,
} from './harness.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const NO_CONNECTION = 'No hay conexión con el IESS. Revise su conexión a internet e intente de nuevo; sus datos siguen en el formulario.';

describe('the server restarts mid-flow, end to end', () => {
  it('the person sees a clear message, keeps what was typed, and goes on after the restart', async () => {
    const carlos = demoPerson('0920000015');
    const password = 'El astillero cierra a las cinco en punto';
    const answers = { 'amigo-infancia': 'Pedro Salvatierra', 'profesor-favorito': 'Villavicencio', 'primer-viaje': 'Baños de Agua Santa' };
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    await page.goto(server.url + '/');
    await search(page, carlos);
    await verify(page, carlos);
    await page.getByRole('heading', { name: 'Preguntas de seguridad' }).waitFor();

    // The server goes away while the person types the security answers.
    await server.stop({ keepData: true });
    for (const [id, answer] of Object.entries(answers)) {
      await page.getByLabel(DEFAULT_QUESTION_BANK.find((q) => q.id === id)!.text, { exact: true }).fill(answer);
    }
    await page.getByRole('button', { name: 'CONTINUAR' }).click();
    await page.getByText(NO_CONNECTION).first().waitFor({ timeout: 30_000 });
    // Still on the same step, the answers still there.
    expect(await page.getByRole('heading', { name: 'Preguntas de seguridad' }).count()).toBe(1);
    expect(await page.getByLabel(DEFAULT_QUESTION_BANK.find((q) => q.id === 'primer-viaje')!.text, { exact: true }).inputValue()).toBe(
      'Baños de Agua Santa',
    );

    // Back on the same address and data: the same flow goes on with the same press.
    server = await startServer({}, { restartOf: server });
    await page.getByRole('button', { name: 'CONTINUAR' }).click();
    await chooseEmail(page);
    const link = await activationLink(server, carlos.email!);

    // A second restart while the person reads the e-mail: the link still works afterwards, and
    // the waiting tab, which lost the server for a while, still moves on by itself.
    await server.stop({ keepData: true });
    server = await startServer({}, { restartOf: server });
    const linkContext = await newContext(browser, 360); // another device: no BroadcastChannel, polling only
    const linkPage = await linkContext.newPage();
    await linkPage.goto(link);
    await activate(linkPage, password);
    await linkPage.getByRole('heading', { name: 'Su clave está lista' }).waitFor();
    await page.getByRole('heading', { name: 'Su clave está lista' }).waitFor({ timeout: 30_000 });

    expect(await signIn(server, carlos, password)).toBe(201);
    await linkContext.close();
    await context.close();
  });
});
