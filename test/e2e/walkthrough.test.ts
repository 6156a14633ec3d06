/**
 * The walk-through: both cases through the real server, with a screenshot of every step at 360 px
 * (a phone) and 1280 px (a desktop). On every step at 360 px nothing scrolls sideways (WCAG 1.4.10
 * reflow). Screenshots go to SCREENSHOTS_DIR (default: a temporary directory); to refresh the
 * README's walk-through:
 *   SCREENSHOTS_DIR=docs/screenshots npx vitest run -c vitest.e2e.config.ts test/e2e/walkthrough.test.ts
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  activationLink,
  answerSecurityQuestions,
  chooseEmail,
  demoPerson,
  launchBrowser,
  MONTHS,
  rightChoices,
  signIn,
  startServer,
  type RunningServer,
} from './harness.ts';
import { DEFAULT_QUESTION_BANK } from '../../server/domain/security-questions.ts';
import type { RegistryRecord } from '../../server/registry/records.ts';

const OUT = resolve(process.env.SCREENSHOTS_DIR ?? join(tmpdir(), 'iess-walkthrough'));
const WIDTHS = [360, 1280] as const;

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** PNG width from the IHDR chunk. */
function pngWidth(file: string): number {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return bytes.readUInt32BE(16);
}

/**
 * Screenshots of the current step at both widths. The widget alone, except where the whole page
 * says more (the first step shows the embedding page; a modal dialog lives in the top layer).
 */
async function shoot(page: Page, name: string, { wholePage = false } = {}): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 360 ? 780 : 900 });
    if (width === 360) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name}: the page scrolls sideways at 360 px`).toBeLessThanOrEqual(0);
    }
    const file = join(OUT, `walkthrough-${name}-${width}.png`);
    if (wholePage) await page.screenshot({ path: file, fullPage: !name.includes('confirmacion') });
    else await page.locator('iess-recuperar-clave').screenshot({ path: file });
    expect(pngWidth(file)).toBeLessThanOrEqual(width);
  }
}

async function fillVerification(page: Page, person: RegistryRecord): Promise<void> {
  await page.getByLabel('Día').selectOption(String(person.birthDay));
  await page.getByLabel('Mes').selectOption({ label: MONTHS[person.birthMonth - 1]! });
  for (const q of DEFAULT_QUESTION_BANK) {
    const field = page.getByLabel(q.text, { exact: true });
    if ((await field.count()) > 0) await field.fill(person.securityAnswers![q.id]!);
  }
  // generar asks multiple choice from the facts; recuperar the person's own questions.
  for (const [question, label] of Object.entries(rightChoices(person))) {
    const group = page.getByRole('group', { name: question });
    if ((await group.count()) > 0) await group.getByRole('radio', { name: label, exact: true }).check();
  }
}

async function walk(kase: 'generar' | 'recuperar', person: RegistryRecord, password: string, newEmail?: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-EC', timezoneId: 'America/Guayaquil' });
  const page = await context.newPage();
  await page.goto(server.url + '/');
  await page.getByLabel('Número de cédula').fill(`${person.id.slice(0, 9)}-${person.id.slice(9)}`);
  await page.getByLabel('No soy un robot').check();
  await page.getByText('Verificado').first().waitFor({ timeout: 30_000 });
  await shoot(page, `${kase}-1-identificacion`, { wholePage: true });
  await page.getByRole('button', { name: 'BUSCAR' }).click();

  await page.getByRole('heading', { name: 'Verificación de datos' }).waitFor();
  await fillVerification(page, person);
  await shoot(page, `${kase}-2-verificacion`);
  await page.getByRole('button', { name: 'CONTINUAR' }).click();
  await page.getByRole('button', { name: 'ACEPTAR' }).waitFor();
  await shoot(page, `${kase}-3-confirmacion`, { wholePage: true });
  await page.getByRole('button', { name: 'ACEPTAR' }).click();

  if (kase === 'generar') {
    await page.getByRole('heading', { name: 'Preguntas de seguridad' }).waitFor();
    await shoot(page, `${kase}-4-preguntas`);
    await answerSecurityQuestions(page, {
      'calle-diez-anos': 'Calle Larga y Benigno Malo',
      'plato-infancia': 'Mote pillo con café',
      'vecino-infancia': 'Familia Ordóñez',
    });
  }
  await page.getByRole('heading', { name: 'Correo electrónico' }).waitFor();
  if (newEmail) {
    await page.getByLabel('Correo electrónico', { exact: true }).fill(newEmail);
    await page.getByLabel('Confirme su correo electrónico').fill(newEmail);
  }
  await shoot(page, `${kase}-5-correo`);
  await chooseEmail(page); // the fields are already filled: CONTINUAR, ACEPTAR
  await shoot(page, `${kase}-6-correo-enviado`);

  const link = await activationLink(server, newEmail ?? person.email!);
  const linkPage = await context.newPage();
  await linkPage.goto(link);
  await linkPage.getByRole('heading', { name: 'Activación de la clave' }).waitFor();
  await linkPage.getByLabel('Declaro que toda la información registrada es fidedigna').check();
  await shoot(linkPage, `${kase}-7-activacion`);
  await linkPage.getByRole('button', { name: 'CONTINUAR' }).click();
  await linkPage.getByLabel('Nueva clave', { exact: true }).fill(password);
  await linkPage.getByLabel('Confirme la nueva clave').fill(password);
  await shoot(linkPage, `${kase}-8-nueva-clave`);
  await linkPage.getByRole('button', { name: 'GENERAR' }).click();
  await linkPage.getByRole('heading', { name: 'Su clave está lista' }).waitFor();
  await shoot(linkPage, `${kase}-9-final`);
  expect(await signIn(server, person, password)).toBe(201);
  await context.close();
}

describe('walk-through with screenshots, end to end', () => {
  it('generar (a retiree with a new address), every step at 360 and 1280 px, no sideways scrolling', async () => {
    await walk('generar', demoPerson('0100000009'), 'Cuenca tiene cuatro ríos y un puente roto', 'rosa.q.tenesaca@example.net');
  });
  it('recuperar (the address on record), every step at 360 and 1280 px, no sideways scrolling', async () => {
    await walk('recuperar', demoPerson('1712345675'), 'Cóndor sobre el Cotopaxi 2026');
  });
});
