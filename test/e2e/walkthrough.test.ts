/**
 * The walk-through: both cases through the real server, with a screenshot of every step at 360 px
 * (a phone) and 1280 px (a desktop), and the states a person meets when they slip (issue 10: a
 * likely typo, "Cambiar correo", dead links, a lost mailbox, an address only in person, a lock with
 * its date, the flow's time warning and its extension). Every shot waits for what it is meant to
 * show, by role or text, and checks that it is on screen, not cut off at either side; at 360 px
 * nothing scrolls sideways (WCAG 1.4.10 reflow). Screenshots go to SCREENSHOTS_DIR (default: a
 * temporary directory); to refresh the README's walk-through:
 *   SCREENSHOTS_DIR=docs/screenshots npx vitest run -c vitest.e2e.config.ts test/e2e/walkthrough.test.ts
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  activationLink,
  activationLinksSoFar,
  answerSecurityQuestions,
  chooseEmail,
  demoPerson,
  launchBrowser,
  MONTHS,
  rightChoices,
  search,
  signIn,
  startFlowByApi,
  startServer,
  verify,
  type RunningServer,
} from './harness.ts';
import { CONTACT } from '../../widget/domain/contact.ts';
import { DEFAULT_QUESTION_BANK } from '../../server/domain/security-questions.ts';
import type { RegistryRecord } from '../../server/registry/records.ts';

const OUT = resolve(process.env.SCREENSHOTS_DIR ?? join(tmpdir(), 'iess-walkthrough'));
const WIDTHS = [360, 1280] as const;

let browser: Browser;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A server of its own for the tests of the enclosing describe (fresh data, the given test-mode limits). */
function serverWith(env: Record<string, string> = {}): () => RunningServer {
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startServer(env);
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('the server did not start');
    return server;
  };
}

function newContext(width: 360 | 1280 = 1280): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width, height: width === 360 ? 780 : 900 }, locale: 'es-EC', timezoneId: 'America/Guayaquil' });
}

/** PNG width from the IHDR chunk. */
function pngWidth(file: string): number {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return bytes.readUInt32BE(16);
}

/**
 * Screenshots of the current step at both widths. The widget alone, except where the whole page
 * says more (the first step shows the embedding page; a modal dialog lives in the top layer).
 * Before each capture, every locator in `shows` is waited for and must be visible and lie within
 * the viewport's width (nothing the shot is about cut off at a side).
 */
async function shoot(page: Page, name: string, shows: Locator | Locator[], { wholePage = false } = {}): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 360 ? 780 : 900 });
    for (const shown of Array.isArray(shows) ? shows : [shows]) {
      // The first match drawn at a readable size (the live region's copy of a text is 1 px: not it).
      let box: { x: number; y: number; width: number; height: number } | null = null;
      await expect
        .poll(
          async () => {
            for (const match of await shown.all()) {
              const b = (await match.isVisible()) ? await match.boundingBox() : null;
              if (b && b.width > 2 && b.height > 2) return (box = b);
            }
            return null;
          },
          { timeout: 30_000, message: `${name}: ${String(shown)} is not on screen at ${width} px` },
        )
        .not.toBeNull();
      expect(box!.x, `${name}: ${String(shown)} starts left of the page at ${width} px`).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, `${name}: ${String(shown)} ends right of the page at ${width} px`).toBeLessThanOrEqual(width + 0.5);
    }
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

/** The widget's button or heading by name (getByRole pierces its open shadow roots). */
const button = (page: Page, name: string | RegExp) =>
  page.locator('iess-recuperar-clave').getByRole('button', { name, exact: typeof name === 'string' });
const heading = (page: Page, name: string) => page.getByRole('heading', { name });

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

async function walk(
  server: RunningServer,
  kase: 'generar' | 'recuperar',
  person: RegistryRecord,
  password: string,
  newEmail?: string,
): Promise<void> {
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(server.url + '/');
  await page.getByLabel('Número de cédula').fill(`${person.id.slice(0, 9)}-${person.id.slice(9)}`);
  await page.getByLabel('No soy un robot').check();
  await page.getByText('Verificado').first().waitFor({ timeout: 30_000 });
  await shoot(page, `${kase}-1-identificacion`, [heading(page, 'Identificación'), button(page, 'BUSCAR')], { wholePage: true });
  await button(page, 'BUSCAR').click();

  await heading(page, 'Verificación de datos').waitFor();
  await fillVerification(page, person);
  if (kase === 'generar') {
    // Issue 9: 10 options a question, each a radio a thumb can hit on a phone.
    const groups = page.getByRole('group').filter({ has: page.getByRole('radio') });
    expect(await groups.count()).toBeGreaterThan(0);
    for (let i = 0; i < (await groups.count()); i++) expect(await groups.nth(i).getByRole('radio').count()).toBe(10);
  }
  await shoot(page, `${kase}-2-verificacion`, [heading(page, 'Verificación de datos'), button(page, 'CONTINUAR')]);
  await button(page, 'CONTINUAR').click();
  await shoot(page, `${kase}-3-confirmacion`, [page.getByRole('dialog'), button(page, 'ACEPTAR')], { wholePage: true });
  await button(page, 'ACEPTAR').click();

  if (kase === 'generar') {
    await heading(page, 'Preguntas de seguridad').waitFor();
    await shoot(page, `${kase}-4-preguntas`, [heading(page, 'Preguntas de seguridad'), button(page, 'CONTINUAR')]);
    await answerSecurityQuestions(page, {
      'calle-diez-anos': 'Calle Larga y Benigno Malo',
      'plato-infancia': 'Mote pillo con café',
      'vecino-infancia': 'Familia Ordóñez',
    });
  }
  await heading(page, 'Correo electrónico').waitFor();
  if (newEmail) {
    await page.getByLabel('Correo electrónico', { exact: true }).fill(newEmail);
    await page.getByLabel('Confirme su correo electrónico').fill(newEmail);
  }
  await shoot(page, `${kase}-5-correo`, [heading(page, 'Correo electrónico'), button(page, 'CONTINUAR')]);
  if (!newEmail) {
    // Issue 10: before CONTINUAR, what to do when the address on record is no longer theirs.
    await page.getByText('¿Ya no usa ese correo o no puede abrirlo?').click();
    const widget = page.locator('iess-recuperar-clave');
    await shoot(page, 'correo-ayuda', [
      page.getByText('No presione CONTINUAR: el enlace llegaría a ese correo.'),
      widget.getByRole('link', { name: CONTACT.email }),
      widget.getByRole('link', { name: CONTACT.phoneDisplay }),
      button(page, 'CONTINUAR'),
    ]);
  }
  await chooseEmail(page); // the fields are already filled: CONTINUAR, ACEPTAR
  await shoot(page, `${kase}-6-correo-enviado`, [heading(page, 'Revise su correo'), page.getByRole('timer')]);

  const link = await activationLink(server, newEmail ?? person.email!);
  const linkPage = await context.newPage();
  await linkPage.goto(link);
  // The procedure's steps 11 and 12 on one page: the declaration, then the password twice, GENERAR (no CONTINUAR).
  await heading(linkPage, 'Nueva clave').waitFor();
  await linkPage.getByLabel('Declaro que toda la información registrada es fidedigna').check();
  await linkPage.getByLabel('Nueva clave', { exact: true }).fill(password);
  await linkPage.getByLabel('Confirme la nueva clave').fill(password);
  expect(await button(linkPage, 'CONTINUAR').count()).toBe(0);
  await shoot(linkPage, `${kase}-7-nueva-clave`, [
    linkPage.getByLabel('Declaro que toda la información registrada es fidedigna'),
    linkPage.getByLabel('Confirme la nueva clave'),
    button(linkPage, 'GENERAR'),
  ]);
  await button(linkPage, 'GENERAR').click();
  await heading(linkPage, 'Su clave está lista').waitFor();
  await shoot(linkPage, `${kase}-8-final`, heading(linkPage, 'Su clave está lista'));
  expect(await signIn(server, person, password)).toBe(201);

  if (kase === 'recuperar') {
    // Issue 10: the same link again: the password is set, so the page leads to the portal's sign-in.
    const used = await context.newPage();
    await used.goto(link);
    const signInLink = used.locator('iess-recuperar-clave').getByRole('link', { name: 'Ingresar al portal del IESS' });
    await shoot(used, 'enlace-usado', [heading(used, 'Este enlace ya se usó'), signInLink]);
    expect(await used.getByText('Su clave ya fue creada con este enlace.', { exact: false }).count()).toBe(1);
  }
  await context.close();
}

/** The flow token of an API flow, and its first question wrong: one failed verification for `person`. */
async function failOnceByApi(server: RunningServer, person: RegistryRecord): Promise<{ status: number; lockedUntil?: string }> {
  const started = await startFlowByApi(server, person);
  expect(started.status).toBe(201);
  const res = await fetch(`${server.url}/v1/flows/current/verification`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${String(started.body.flowToken)}` },
    body: JSON.stringify({ birthDay: (person.birthDay % 28) + 1, birthMonth: person.birthMonth, answers: [] }),
  });
  return { status: res.status, lockedUntil: ((await res.json()) as { lockedUntil?: string }).lockedUntil };
}

describe('walk-through with screenshots, end to end', () => {
  const server = serverWith();

  it('generar (a retiree with a new address), every step at 360 and 1280 px, no sideways scrolling', async () => {
    await walk(server(), 'generar', demoPerson('0100000009'), 'Cuenca tiene cuatro ríos y un puente roto', 'rosa.q.tenesaca@example.net');
  });
  it('recuperar (the address on record, its lost-mailbox help, the used link), every step at 360 and 1280 px', async () => {
    await walk(server(), 'recuperar', demoPerson('1712345675'), 'Cóndor sobre el Cotopaxi 2026');
  });

  it('a likely typo needs a choice; the waiting step shows the full address and "Cambiar correo" (issue 10)', async () => {
    const lucia = demoPerson('3000000012'); // generar, no address on record
    const typo = 'lucia.mendoza@gmial.com';
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(server().url + '/');
    await search(page, lucia);
    await verify(page, lucia);
    await answerSecurityQuestions(page, {
      'juguete-favorito': 'Una muñeca de trapo',
      'primer-espectaculo': 'Circo de los Hermanos Gasca',
      'primer-trabajo-lugar': 'La Floresta',
    });
    await heading(page, 'Correo electrónico').waitFor();
    await page.getByLabel('Correo electrónico', { exact: true }).fill(typo);
    await page.getByLabel('Confirme su correo electrónico').fill(typo);
    await button(page, 'CONTINUAR').click();
    await shoot(page, 'correo-quiso-decir', [
      page.getByText('¿Quiso decir lucia.mendoza@gmail.com? Elija una de las dos respuestas.'),
      button(page, 'Sí, usar lucia.mendoza@gmail.com'),
      button(page, `No, mi correo es ${typo}`),
      button(page, 'CONTINUAR'),
    ]);
    expect(await button(page, 'ACEPTAR').count()).toBe(0);
    await button(page, `No, mi correo es ${typo}`).click();
    await button(page, 'CONTINUAR').click();
    await page.getByRole('dialog').getByText(typo).waitFor();
    await button(page, 'ACEPTAR').click();
    await shoot(page, 'correo-enviado-cambiar', [page.getByText(`Enviamos un mensaje a ${typo}.`), button(page, 'Cambiar correo')]);
    await context.close();
  });

  it('a later BUSCAR on a locked identification shows the date and time and the other channels (issue 10)', async () => {
    const carlos = demoPerson('0920000015');
    let lockedUntil = '';
    for (let i = 0; i < 5; i++) lockedUntil = (await failOnceByApi(server(), carlos)).lockedUntil ?? lockedUntil;
    expect(Date.parse(lockedUntil)).toBeGreaterThan(Date.now() - 60_000);
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(server().url + '/');
    await search(page, carlos, { next: 'Acceso bloqueado temporalmente' });
    const shown = await page.evaluate(
      (ms) => new Intl.DateTimeFormat('es-EC', { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/Guayaquil' }).format(ms),
      Date.parse(lockedUntil),
    );
    await shoot(page, 'bloqueo-fecha', [
      page.getByText(`Podrá intentarlo de nuevo desde el ${shown}`),
      page.locator('iess-recuperar-clave').getByRole('link', { name: CONTACT.email }),
    ]);
    await context.close();
  });
});

describe('dead links and an address only in person, with screenshots (20-second links, no resend cooldown)', () => {
  const server = serverWith({ LINK_LIFETIME_SECONDS: '20', RESEND_COOLDOWN_SECONDS: '0', OUTBOX_POLL_MS: '50' });

  it('an expired link opened on the phone: "Enviar un nuevo correo" and its confirmation (issue 10)', async () => {
    const maria = demoPerson('1712345675');
    const seen = await activationLinksSoFar(server(), maria.email!);
    const computer = await newContext();
    const waiting = await computer.newPage();
    await waiting.goto(server().url + '/');
    await search(waiting, maria);
    await verify(waiting, maria);
    await chooseEmail(waiting);
    const first = await activationLink(server(), maria.email!, seen);
    await waiting.getByRole('timer').getByText('El enlace venció. Pida un nuevo correo.').waitFor({ timeout: 40_000 });

    const phone = await newContext(360);
    const page = await phone.newPage();
    await page.goto(first);
    await shoot(page, 'enlace-vencido', [heading(page, 'El enlace venció'), button(page, 'Enviar un nuevo correo')]);
    expect(await page.getByLabel('Nueva clave', { exact: true }).count()).toBe(0);
    await button(page, 'Enviar un nuevo correo').click();
    await shoot(page, 'enlace-vencido-reenviado', page.getByText(/Enviamos un nuevo correo a m\*\*\*@e\*\*\*\.com/));
    expect(await activationLink(server(), maria.email!, [...seen, first])).not.toBe(first);
    await phone.close();
    await computer.close();
  });

  it('a link replaced by a resend says to use the latest mail (issue 10)', async () => {
    const jean = demoPerson('E0012345');
    const seen = await activationLinksSoFar(server(), jean.email!);
    const context = await newContext();
    const waiting = await context.newPage();
    await waiting.goto(server().url + '/');
    await search(waiting, jean);
    await verify(waiting, jean);
    await chooseEmail(waiting);
    const first = await activationLink(server(), jean.email!, seen);
    await button(waiting, 'Reenviar correo').click();
    await activationLink(server(), jean.email!, [...seen, first]);
    const replaced = await context.newPage();
    await replaced.goto(first);
    await shoot(replaced, 'enlace-reemplazado', [
      heading(replaced, 'Este enlace fue reemplazado'),
      replaced.getByText(/Use el del último correo «ACTIVACIÓN CLAVE» que recibió/),
    ]);
    expect(await button(replaced, 'Enviar un nuevo correo').count()).toBe(0);
    await context.close();
  });

  it('no address on record and a failure within the year: the e-mail step says the address is registered in person (issue 9)', async () => {
    const rosa = demoPerson('0100000009'); // 2 questions of 10 options: one failure uses the online budget
    expect((await failOnceByApi(server(), rosa)).status).toBe(422);
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(server().url + '/');
    await search(page, rosa);
    await verify(page, rosa);
    await shoot(page, 'correo-en-persona', [
      heading(page, 'Registre su correo en una oficina del IESS'),
      page.getByText(/un correo nuevo solo puede registrarse en persona/),
      page.locator('iess-recuperar-clave').getByRole('link', { name: CONTACT.email }),
      page.locator('iess-recuperar-clave').getByRole('link', { name: 'FINALIZAR' }),
    ]);
    expect(await page.getByLabel('Correo electrónico', { exact: true }).count()).toBe(0);
    // Where this page ends: no step number ("Paso 3 de 5" promised steps that never come; no time
    // limit either: test/unit/flow-machine.test.ts).
    expect(
      await page
        .locator('iess-recuperar-clave')
        .getByText(/^Paso \d/)
        .count(),
    ).toBe(0);
    await context.close();
  });
});

describe("the flow's time warning, with screenshots (a 130-second flow)", () => {
  const server = serverWith({ FLOW_LIFETIME_SECONDS: '130' });

  it('"Quedan 2 minutos" with "Necesito más tiempo", then "Listo: tiene N minutos más" (issue 10)', async () => {
    const maria = demoPerson('1712345675');
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(server().url + '/');
    await search(page, maria);
    await page.getByLabel('Día').selectOption(String(maria.birthDay));
    await page.getByLabel('Mes').selectOption({ label: MONTHS[maria.birthMonth - 1]! });
    await shoot(page, 'tiempo-aviso', [page.getByText('Quedan 2 minutos para completar el trámite.'), button(page, 'Necesito más tiempo')]);
    // A phone scrolled down the long verification step still sees the warning and its button
    // (WCAG 2.2.1: a time limit the person cannot see is one they cannot extend).
    await page.setViewportSize({ width: 360, height: 640 });
    // The bottom of the widget at the bottom of the screen (the demo page goes on below it).
    await page.evaluate(() => {
      const widget = document.querySelector('iess-recuperar-clave')!.getBoundingClientRect();
      window.scrollTo(0, window.scrollY + widget.bottom - window.innerHeight);
    });
    await expect
      .poll(
        async () => {
          const box = await button(page, 'Necesito más tiempo').boundingBox();
          return box !== null && box.y >= 0 && box.y + box.height <= 640;
        },
        { timeout: 15_000, message: '"Necesito más tiempo" is out of view at the bottom of the step (360 × 640)' },
      )
      .toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    await page.screenshot({ path: join(OUT, 'walkthrough-tiempo-aviso-desplazado-360.png') });
    // What takes focus up there is scrolled clear of the notice, not under it (WCAG 2.4.11).
    await page.getByLabel('Día').focus();
    await expect
      .poll(
        async () => {
          const notice = await page.locator('iess-recuperar-clave').locator('.time-notice').boundingBox();
          const field = await page.getByLabel('Día').boundingBox();
          return notice && field ? field.y - (notice.y + notice.height) : null;
        },
        { timeout: 15_000, message: 'the focused «Día» is under the time notice' },
      )
      .toBeGreaterThanOrEqual(0);
    await button(page, 'Necesito más tiempo').click();
    await shoot(page, 'tiempo-extendido', page.getByText(/^Listo: tiene \d+ minutos? más para completar el trámite\.$/));
    expect(await button(page, 'Necesito más tiempo').count()).toBe(0);
    expect(await page.getByLabel('Día').inputValue()).toBe(String(maria.birthDay));
    await context.close();
  });
});
