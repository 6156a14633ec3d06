/**
 * Keyboard only, both cases (WCAG 2.1.1): a dependant generates the password and an affiliate
 * recovers hers with Tab,
 * Shift+Tab, Space, Enter, arrow keys and typing — no clicks, no .fill(). The test reads where the
 * focus is (as a sighted keyboard user sees the focus ring) and decides the next key. Opening the
 * e-mailed link is navigation (the person's mail program), the rest is keys again.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEFAULT_QUESTION_BANK } from '../../server/domain/security-questions.ts';
import type { RegistryRecord } from '../../server/registry/records.ts';
import {
  MONTHS,
  activationLink,
  byName,
  demoPerson,
  focused,
  newContext,
  rightChoices,
  signIn,
  tabTo,
  withServerAndBrowser,
  type RunningServer,
} from './harness.ts';

let server: RunningServer;
let browser: Browser;

withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

/** Focus a button by Tab and press Enter (or Space). */
async function press(page: Page, name: string, key: 'Enter' | ' ' = 'Enter'): Promise<void> {
  await tabTo(page, (f) => f.name === name && (f.tag === 'button' || f.tag === 'a'));
  await page.keyboard.press(key === ' ' ? 'Space' : key);
}

/** Focus a text field by its label and type into it. */
async function typeInto(page: Page, label: string, text: string): Promise<void> {
  await tabTo(page, (f) => f.name.startsWith(label) && (f.tag === 'input' || f.tag === 'textarea'));
  await page.keyboard.type(text);
}

/** Identificación by keys: the cédula typed, "No soy un robot" ticked with Space, BUSCAR with Enter. */
async function identifyByKeyboard(page: Page, person: RegistryRecord): Promise<void> {
  await typeInto(page, 'Número de cédula', person.id);
  await tabTo(page, byName('No soy un robot', { tag: 'input' }));
  await page.keyboard.press('Space');
  await page.getByText('Verificado').first().waitFor({ timeout: 30_000 });
  await press(page, 'BUSCAR');
}

/** Verificación: focus on the new heading, then day and month by type-ahead in the closed selects. */
async function birthDateByKeyboard(page: Page, person: RegistryRecord): Promise<void> {
  await page.getByRole('heading', { name: 'Verificación de datos' }).waitFor();
  await expect.poll(async () => (await focused(page))?.name).toBe('Verificación de datos');
  await tabTo(page, byName('Día', { tag: 'select' }));
  await page.keyboard.type(String(person.birthDay));
  expect((await focused(page))?.value).toBe(String(person.birthDay));
  await tabTo(page, byName('Mes', { tag: 'select' }));
  await page.keyboard.type(MONTHS[person.birthMonth - 1]!);
  expect((await focused(page))?.value).toBe(String(person.birthMonth));
}

/** The e-mailed link's page by keys: the declaration ticked with Space, the password typed twice, GENERAR. */
async function activateByKeyboard(context: BrowserContext, link: string, password: string): Promise<Page> {
  const linkPage = await context.newPage();
  await linkPage.goto(link);
  await linkPage.getByRole('heading', { name: 'Nueva clave' }).waitFor();
  await tabTo(linkPage, byName('Declaro que toda la información registrada es fidedigna', { tag: 'input' }));
  await linkPage.keyboard.press('Space');
  expect((await focused(linkPage))?.checked).toBe(true);
  await typeInto(linkPage, 'Nueva clave', password);
  await typeInto(linkPage, 'Confirme la nueva clave', password);
  await press(linkPage, 'GENERAR');
  await linkPage.getByRole('heading', { name: 'Su clave está lista' }).waitFor();
  return linkPage;
}

describe('keyboard only, end to end', () => {
  it('a dependant completes generar with the keyboard alone, and signs in', async () => {
    const lucia = demoPerson('3000000012');
    const newEmail = 'lucia.teclado@example.org';
    const password = 'Solo con el teclado también se puede';
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    await page.goto(server.url + '/');

    // 1. Identificación
    await identifyByKeyboard(page, lucia);

    // 2. Verificación: the focus moves to the new step's heading.
    await birthDateByKeyboard(page, lucia);
    // The multiple-choice questions, in order: Tab into each radio group, arrows to the right option, Space.
    for (const right of Object.values(rightChoices(lucia))) {
      let radio = await tabTo(page, (f) => f.tag === 'input' && f.type === 'radio' && !f.checked);
      for (let i = 0; i < 12 && radio.name !== right; i++) {
        await page.keyboard.press('ArrowDown');
        radio = (await focused(page))!;
      }
      expect(radio.name).toBe(right);
      await page.keyboard.press('Space');
      expect((await focused(page))?.checked).toBe(true);
    }
    await press(page, 'CONTINUAR');
    // 3. The confirm dialog traps the focus; ACEPTAR by Tab and Enter.
    await page.getByRole('button', { name: 'ACEPTAR' }).waitFor();
    await press(page, 'ACEPTAR');

    // 4. Preguntas de seguridad
    await page.getByRole('heading', { name: 'Preguntas de seguridad' }).waitFor();
    const answers: Record<string, string> = {
      'amigo-infancia': 'Valentina Córdova',
      'juguete-favorito': 'Una bicicleta roja',
      'primer-trabajo-lugar': 'La Mariscal',
    };
    for (const q of DEFAULT_QUESTION_BANK) {
      if (answers[q.id]) await typeInto(page, q.text, answers[q.id]!);
    }
    await press(page, 'CONTINUAR');

    // 5. Correo: a new address, typed twice; CONTINUAR, ACEPTAR.
    await page.getByRole('heading', { name: 'Correo electrónico' }).waitFor();
    await typeInto(page, 'Correo electrónico', newEmail);
    await typeInto(page, 'Confirme su correo electrónico', newEmail);
    await press(page, 'CONTINUAR');
    await page.getByRole('button', { name: 'ACEPTAR' }).waitFor();
    await press(page, 'ACEPTAR');
    await page.getByRole('heading', { name: 'Revise su correo' }).waitFor();

    // Activación and Nueva clave: one page, the one the link opens (the declaration first, no CONTINUAR).
    const link = await activationLink(server, newEmail);
    const linkPage = await activateByKeyboard(context, link, password);
    // FINALIZAR is reachable by keyboard.
    await tabTo(linkPage, (f) => f.name === 'FINALIZAR');

    await page.getByRole('heading', { name: 'Su clave está lista' }).waitFor({ timeout: 15_000 });
    expect(await signIn(server, lucia, password)).toBe(201);
    await context.close();
  });

  it('an affiliate recovers her password with the keyboard alone (recuperar: her own security questions, the address on record), and signs in', async () => {
    const maria = demoPerson('1712345675');
    const password = 'Teclado y nada más en Quito';
    const context = await newContext(browser, 390);
    const page = await context.newPage();
    await page.goto(server.url + '/');

    await identifyByKeyboard(page, maria);

    // Verificación: birth day and month by type-ahead, then her own answers as text.
    await birthDateByKeyboard(page, maria);
    let typed = 0;
    for (const q of DEFAULT_QUESTION_BANK) {
      if ((await page.getByLabel(q.text, { exact: true }).count()) === 0) continue;
      await typeInto(page, q.text, maria.securityAnswers?.[q.id] ?? '');
      typed++;
    }
    expect(typed).toBeGreaterThan(0);
    await press(page, 'CONTINUAR');
    await page.getByRole('button', { name: 'ACEPTAR' }).waitFor();
    await press(page, 'ACEPTAR');

    // Correo: the address on record, CONTINUAR and ACEPTAR.
    await page.getByRole('heading', { name: 'Correo electrónico' }).waitFor();
    await expect.poll(async () => (await focused(page))?.name).toBe('Correo electrónico');
    await press(page, 'CONTINUAR');
    await page.getByRole('button', { name: 'ACEPTAR' }).waitFor();
    await press(page, 'ACEPTAR');
    await page.getByRole('heading', { name: 'Revise su correo' }).waitFor();

    const link = await activationLink(server, maria.email!);
    await activateByKeyboard(context, link, password);
    expect(await signIn(server, maria, password)).toBe(201);
    await context.close();
  });
});
