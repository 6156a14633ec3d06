/**
 * The Firefox and WebKit drivers find elements with test/e2e/drivers/finder.ts; the Chromium
 * tests use Playwright's own getByRole / getByLabel / getByText. This proves they agree, in
 * Chromium, on every step of a real generar and recuperar: the same elements per role with the
 * same accessible names, and the same counts for every label and text the scenarios use. A
 * scenario that passes in Chromium therefore asks the other engines the same questions.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { DEFAULT_QUESTION_BANK } from '../../server/domain/security-questions.ts';
import type { Role } from './drivers/driver.ts';
import { finderScript, type Step } from './drivers/finder.ts';
import {
  activationLink,
  demoPerson,
  MONTHS,
  newContext,
  rightChoices,
  search,
  withServerAndBrowser,
  type RunningServer,
} from './harness.ts';
import type { Browser } from 'playwright-core';

const ROLES: Role[] = [
  'button',
  'heading',
  'link',
  'radio',
  'checkbox',
  'textbox',
  'group',
  'timer',
  'combobox',
  'dialog',
  'alert',
  'status',
  'list',
  'listitem',
];
const LABELS = [
  'Número de cédula',
  'Código de identificación para extranjeros',
  'No soy un robot',
  'Día',
  'Mes',
  'Correo electrónico',
  'Confirme su correo electrónico',
  'Declaro que toda la información registrada es fidedigna',
  'Nueva clave',
  'Confirme la nueva clave',
  ...DEFAULT_QUESTION_BANK.map((q) => q.text),
];
const TEXTS: Array<string | RegExp> = [
  'Verificado',
  /[mr]\*+@/,
  'Le quedan 5 intentos.',
  'Revise su correo',
  'El enlace vence en',
  'Generó su clave de afiliado correctamente.',
  'IESS',
  'CONTINUAR',
];

let server: RunningServer;
let browser: Browser;
withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

const find = <T>(page: Page, op: 'count' | 'roles', chain: Step[]) => page.evaluate(finderScript({ op, chain })) as Promise<T>;
const wire = (m: string | RegExp) => (typeof m === 'string' ? m : { source: m.source, flags: m.flags });

/** Playwright and the finder see the same page: roles and names, labels, texts. */
async function agree(page: Page, where: string): Promise<void> {
  let named = 0;
  for (const role of ROLES) {
    const seen = await find<Array<{ role: string; name: string }>>(page, 'roles', [{ kind: 'role', role }]);
    expect(seen.length, `${where}: how many ${role}`).toBe(await page.getByRole(role).count());
    const byName = new Map<string, number>();
    for (const { name } of seen) byName.set(name, (byName.get(name) ?? 0) + 1);
    for (const [name, n] of byName) {
      expect(await page.getByRole(role, { name, exact: true }).count(), `${where}: ${role} named «${name}»`).toBe(n);
      named += 1;
    }
  }
  expect(named, `${where}: nothing named at all`).toBeGreaterThan(3);
  for (const text of LABELS) {
    for (const exact of [true, false]) {
      expect(await find(page, 'count', [{ kind: 'label', text, exact }]), `${where}: label «${text}»${exact ? ' exact' : ''}`).toBe(
        await page.getByLabel(text, { exact }).count(),
      );
    }
  }
  for (const text of TEXTS) {
    const n = await page.getByText(text).count();
    expect(await find(page, 'count', [{ kind: 'text', text: wire(text) }]), `${where}: text ${String(text)}`).toBe(n);
    if (n > 1) {
      // first() is the same element (the finder visits light and shadow trees in Playwright's order).
      const mine = await page.evaluate(
        `(${finderScript({
          op: 'element',
          chain: [
            { kind: 'text', text: wire(text) },
            { kind: 'nth', index: 0 },
          ],
        })})?.outerHTML`,
      );
      expect(mine, `${where}: first text ${String(text)}`).toBe(
        await page
          .getByText(text)
          .first()
          .evaluate((e) => e.outerHTML),
      );
    }
  }
}

it('the finder and Playwright agree on every step of generar (new address) and on recuperar’s questions', async () => {
  const rosa = demoPerson('0100000009');
  const context = await newContext(browser, 360);
  const page = await context.newPage();
  await page.goto(server.url + '/');
  await page.getByRole('heading', { name: 'Identificación' }).first().waitFor();
  await agree(page, 'identificación');

  await search(page, rosa);
  await agree(page, 'verificación (opción múltiple)');
  await page.getByLabel('Día').selectOption(String(rosa.birthDay));
  await page.getByLabel('Mes').selectOption({ label: MONTHS[rosa.birthMonth - 1]! });
  for (const [question, label] of Object.entries(rightChoices(rosa))) {
    await page.getByRole('group', { name: question }).getByRole('radio', { name: label, exact: true }).check();
  }
  await page.getByRole('button', { name: 'CONTINUAR' }).click();
  await page.getByRole('button', { name: 'ACEPTAR' }).waitFor();
  await agree(page, 'confirmación');
  await page.getByRole('button', { name: 'ACEPTAR' }).click();

  await page.getByRole('heading', { name: 'Preguntas de seguridad' }).waitFor();
  await agree(page, 'preguntas de seguridad');
  const answers: Record<string, string> = {
    'calle-diez-anos': 'Calle Larga',
    'plato-infancia': 'Mote pillo',
    'vecino-infancia': 'Familia Ordóñez',
  };
  for (const [id, answer] of Object.entries(answers))
    await page.getByLabel(DEFAULT_QUESTION_BANK.find((q) => q.id === id)!.text, { exact: true }).fill(answer);
  await page.getByRole('button', { name: 'CONTINUAR' }).click();

  await page.getByRole('heading', { name: 'Correo electrónico' }).waitFor();
  await agree(page, 'correo');
  const email = 'rosa.finder@example.net';
  await page.getByLabel('Correo electrónico', { exact: true }).fill(email);
  await page.getByLabel('Confirme su correo electrónico').fill(email);
  await page.getByRole('button', { name: 'CONTINUAR' }).click();
  await page.getByRole('button', { name: 'ACEPTAR' }).click();
  await page.getByRole('heading', { name: 'Revise su correo' }).waitFor();
  await agree(page, 'correo enviado');

  const linkPage = await context.newPage();
  await linkPage.goto(await activationLink(server, email));
  await linkPage.getByRole('heading', { name: 'Nueva clave' }).waitFor();
  await agree(linkPage, 'activación');
  await linkPage.getByLabel('Declaro que toda la información registrada es fidedigna').check();
  await linkPage.getByLabel('Nueva clave', { exact: true }).waitFor();
  await agree(linkPage, 'nueva clave');
  await linkPage.getByLabel('Nueva clave', { exact: true }).fill('Un río corre bajo el puente viejo');
  await linkPage.getByLabel('Confirme la nueva clave').fill('Un río corre bajo el puente viejo');
  await linkPage.getByRole('button', { name: 'GENERAR' }).click();
  await linkPage.getByRole('heading', { name: 'Su clave está lista' }).waitFor();
  await agree(linkPage, 'final');

  const maria = demoPerson('1712345675');
  const other = await (await newContext(browser, 1280)).newPage();
  await other.goto(server.url + '/');
  await search(other, maria);
  await agree(other, 'verificación (preguntas propias)');
  await context.close();
});
