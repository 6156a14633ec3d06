/**
 * End to end in the built extension, in Chromium and in Firefox: the browser loads the build of
 * its flavour, the options page points it at the real reference server, and a recovery runs in the
 * popup page — resumed after the popup closes on the verification step and again while waiting —
 * through the e-mail from the server's catcher and its link, to a sign-in with the new password.
 * Afterwards every storage area is searched for the person's data (EX-03). One scenario; the
 * engines differ only in how the extension is loaded (test/e2e/extension-harness.ts).
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testedEngines, type E2EPage } from './drivers/driver.ts';
import { buildExtension, grantTestOrigin, loadExtensionIn, ROOT, type ExtensionUnderTest } from './extension-harness.ts';
import { startServer, waitForMail, type RunningServer } from './harness.ts';

const CEDULA = '1712345675'; // demo identity (server/demo/identities.ts): recuperar, address on record
const ANSWERS: Record<string, string> = {
  '¿Cuál era el nombre de su mejor amigo o amiga de la infancia?': 'Rosita',
  '¿En qué calle vivía cuando tenía diez años?': 'Avenida Amazonas',
  '¿Cuál era su comida favorita cuando era niño o niña?': 'Locro de papas',
};
const EMAIL = 'maria.perez@example.com';
const NEW_PASSWORD = 'Canario-Extension-7281';

/** The server and the page its e-mail link opens run from dist/: build them from the current source. */
function npmRun(script: string): void {
  const result = spawnSync('npm', ['run', '--silent', script], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run ${script} failed:\n${result.stdout}\n${result.stderr}`);
}

beforeAll(() => {
  // Not when npm test has just built them (IESS_DIST_BUILT): other engines' runs beside this one
  // serve dist/widget, which a build empties first.
  if (process.env.IESS_DIST_BUILT === '1') return;
  npmRun('build:server');
  npmRun('build:widget');
});

// WebKit has no build of the extension (no Safari flavour), so Chromium and Firefox only.
const engines = testedEngines().filter((e): e is 'chromium' | 'firefox' => e !== 'webkit');

for (const engine of engines) {
  describe(`the extension against the reference server [${engine}]`, () => {
    let server: RunningServer;
    let extensionDir = '';
    let ext: ExtensionUnderTest;

    beforeAll(async () => {
      extensionDir = buildExtension(engine === 'chromium' ? 'chrome' : 'firefox');
      grantTestOrigin(extensionDir);
      server = await startServer();
      ext = await loadExtensionIn(engine, extensionDir);
    });

    afterAll(async () => {
      await ext?.close();
      await server?.stop();
      if (extensionDir) rmSync(extensionDir, { recursive: true, force: true });
    });

    scenario(() => ({ server, ext }));
  });
}

const heading = (page: E2EPage) => page.locator('iess-recuperar-clave').locator('h2[part="heading"]').first();

function scenario(current: () => { server: RunningServer; ext: ExtensionUnderTest }): void {
  const openPopup = () => current().ext.open('src/popup/index.html');
  const shot = (page: E2EPage, name: string) => current().ext.shot(page, name);

  it("installed and untouched, the popup runs the wizard against the institution's backend (no address to type)", async () => {
    const popup = await openPopup();
    const wizard = popup.locator('iess-recuperar-clave');
    await expect.poll(() => wizard.getAttribute('api-base'), { timeout: 15_000 }).toBe('https://clave.iess.gob.ec');
    expect(await popup.locator('.setup').count()).toBe(0);
    await popup.close();
    // The options page says so: an empty field (the institution's address as placeholder), no policy.
    const options = await current().ext.open('src/options/index.html');
    await expect.poll(() => options.locator('#backend-url').getAttribute('placeholder')).toBe('https://clave.iess.gob.ec');
    expect(await options.locator('#backend-url').inputValue()).toBe('');
    expect(await options.locator('#backend-policy').getAttribute('hidden')).not.toBeNull();
    await options.close();
  });

  it('options: the server address is saved and answers', async () => {
    const { server, ext } = current();
    const page = await pointOptionsAt(ext, server.url);
    await shot(page, 'extension-options');
    await page.close();
  });

  it('EX-03: a recovery in the popup, resumed after closing (at verification and while waiting), with nothing personal stored', async () => {
    const { server, ext } = current();
    let popup = await openPopup();
    await expect.poll(() => heading(popup).textContent(), { timeout: 15_000 }).toMatch(/Identificación/);
    await shot(popup, 'extension-popup-identificacion');
    await identify(popup);
    // Closing the popup on the verification step (resume, docs/extension.md) and opening it again returns to
    // it with the same questions from the server; what was typed is not kept anywhere (EX-03).
    const questions = () => popup.locator('iess-paso-verificacion').locator('legend, label[for^="q-"]').allTextContents();
    const asked = await questions();
    expect(asked.filter((text) => Object.keys(ANSWERS).some((q) => text.includes(q))).length).toBeGreaterThan(0);
    const attempts = await popup.locator('iess-paso-verificacion').locator('[part="attempts"]').textContent();
    await popup.locator('#birth-day').selectOption('14');
    await popup.close();
    const whileClosed = await ext.storage();
    expect(whileClosed).toContain('"step":"verification"');
    for (const canary of [CEDULA, '"birth']) expect(whileClosed).not.toContain(canary);
    popup = await openPopup();
    await expect.poll(() => heading(popup).textContent(), { timeout: 15_000 }).toMatch(/Verificación/);
    expect(await questions()).toEqual(asked);
    expect(await popup.locator('iess-paso-verificacion').locator('[part="attempts"]').textContent()).toBe(attempts);
    expect(await popup.locator('#birth-day').inputValue()).toBe('');

    await verifyAndSendLink(popup);

    // The badge shows the link's window.
    const badge = () => ext.badge();
    await expect.poll(badge).toMatch(/^[1-3]m$/);

    // Closing the popup (the person goes to their mail) and opening it again resumes the step.
    await popup.close();
    popup = await openPopup();
    await expect.poll(() => heading(popup).textContent(), { timeout: 15_000 }).toBe('Revise su correo');
    await shot(popup, 'extension-popup-reanudado');

    const link = await activationLink(server);
    const activationToken = new URL(link).hash.slice('#token='.length);
    const tab = await useLink(ext, link, NEW_PASSWORD);

    // The waiting popup learns it from the server and moves on; the badge is cleared.
    await expect.poll(() => heading(popup).textContent(), { timeout: 30_000 }).toBe('Su clave está lista');
    await expect.poll(badge).toBe('');

    // The new password signs in on the reference portal.
    const signIn = await fetch(`${server.url}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idType: 'cedula', id: CEDULA, password: NEW_PASSWORD }),
    });
    expect(signIn.status).toBe(201);

    // Every storage area of the extension and of its popup page: none of the person's data.
    const pageStorage = await popup.evaluate(
      async () => ({
        localStorage: JSON.stringify({ ...localStorage }),
        sessionStorage: JSON.stringify({ ...sessionStorage }),
        cookies: document.cookie,
        indexedDB: JSON.stringify(await indexedDB.databases()),
      }),
      null,
    );
    const everything = (await ext.storage()) + JSON.stringify(pageStorage);
    const canaries = [CEDULA, ...Object.values(ANSWERS), EMAIL, 'maria.perez', activationToken, NEW_PASSWORD];
    for (const canary of canaries) expect(everything, `storage holds ${canary}`).not.toContain(canary);
    expect(everything).not.toMatch(/birth/i);
    expect(JSON.parse(await ext.storage()).local).toEqual({ settings: { backendUrl: server.url, lang: 'es' } });
    await tab.close();

    // FINALIZAR leads to the portal in a tab of its own, not inside the popup's few hundred pixels.
    const popupUrl = await popup.evaluate(() => location.href, null);
    const finish = popup.locator('iess-recuperar-clave').getByRole('link', { name: 'FINALIZAR' });
    expect(await ext.tabOpenedBy(() => finish.click())).toBe('https://www.iess.gob.ec/');
    // In a real popup window.close() closes it; opened here as a tab, it may stay, but never on the portal.
    const stayed = await popup.evaluate(() => location.href, null).catch(() => popupUrl);
    expect(stayed).toBe(popupUrl);
    await popup.close().catch(() => undefined);
  });

  it('issue 10 §8: the link used in a tab while the popup is closed — badge, warning and stored flow go at once, and the popup reopens on the end', async () => {
    const { ext } = current();
    // A link of 75 s: the "por vencer" warning (a minute before) comes up 15 s after the mail.
    const server = await startServer({ LINK_LIFETIME_SECONDS: '75' });
    try {
      await (await pointOptionsAt(ext, server.url)).close();
      let popup = await openPopup();
      await expect.poll(() => heading(popup).textContent(), { timeout: 15_000 }).toMatch(/Identificación/);
      await identify(popup);
      await verifyAndSendLink(popup);
      await expect.poll(() => ext.badge(), { timeout: 15_000 }).toMatch(/^[12]m$/);
      // In headless Firefox notifications.getAll() stays empty (no desktop alert shows there), so the
      // warning is seen coming up in Chromium only; that none is left afterwards holds in both.
      if (ext.engine === 'chromium') await expect.poll(() => ext.notifications(), { timeout: 30_000 }).toEqual(['iess-expiry-warning']);
      const session = async () => JSON.parse(await ext.storage()).session as Record<string, unknown>;
      expect(Object.keys(await session()).sort()).toEqual(['activationWindow', 'flow']);
      // The person goes to their mail: the popup closes, nothing in the extension polls on its behalf but the worker.
      await popup.close();

      const tab = await useLink(ext, await activationLink(server), `${NEW_PASSWORD}-2`);
      await expect.poll(() => ext.badge(), { timeout: 30_000 }).toBe('');
      await expect.poll(() => ext.notifications(), { timeout: 15_000 }).toEqual([]);
      // Nothing of the flow stays (no token, no window); only the outcome the popup shows next.
      await expect.poll(session, { timeout: 15_000 }).toEqual({ flowEnded: { outcome: 'completed' } });

      popup = await openPopup();
      await expect.poll(() => popup.locator('.ended h1').textContent(), { timeout: 15_000 }).toBe('Su clave está lista');
      expect(await popup.getByText('Revise su correo').count()).toBe(0);
      expect(await session()).toEqual({});
      await shot(popup, 'extension-popup-terminado');
      // Starting again is one press away.
      await popup.getByRole('button', { name: 'INICIAR UN TRÁMITE NUEVO' }).click();
      await expect.poll(() => heading(popup).textContent(), { timeout: 15_000 }).toMatch(/Identificación/);
      await tab.close();
      await popup.close();
    } finally {
      await server.stop();
    }
  });
}

/** The options page pointed at `url`, saved and checked; returns the page. */
async function pointOptionsAt(ext: ExtensionUnderTest, url: string): Promise<E2EPage> {
  const page = await ext.open('src/options/index.html');
  await page.locator('#backend-url').fill(url);
  await page.locator('#save').click();
  // Generous: the page's own check of the server may take up to 8 s (src/options/check-backend.ts).
  await expect
    .poll(() => page.locator('#status').textContent(), { timeout: 30_000 })
    .toBe('Opciones guardadas. El servidor respondió correctamente.');
  return page;
}

/** Step 1: the identification, "No soy un robot" and BUSCAR, up to the verification step. */
async function identify(popup: E2EPage): Promise<void> {
  await popup
    .getByRole('textbox', { name: /cédula|identificación/i })
    .first()
    .fill(CEDULA);
  await popup.getByRole('checkbox', { name: 'No soy un robot' }).check();
  await expect.poll(() => popup.getByText('Verificado').count(), { timeout: 30_000 }).toBeGreaterThan(0);
  await popup.getByRole('button', { name: 'BUSCAR' }).click();
  await expect.poll(() => heading(popup).textContent(), { timeout: 15_000 }).toMatch(/Verificación/);
}

/** The verification (birth date and answers), then the address on record, up to "Revise su correo". */
async function verifyAndSendLink(popup: E2EPage): Promise<void> {
  await popup.locator('#birth-day').selectOption('14');
  await popup.locator('#birth-month').selectOption('3');
  for (const [question, answer] of Object.entries(ANSWERS)) {
    const field = popup.getByLabel(question, { exact: true });
    if ((await field.count()) > 0) await field.fill(answer);
  }
  await popup.getByRole('button', { name: 'CONTINUAR' }).click();
  await popup.getByRole('button', { name: 'ACEPTAR' }).click();

  await expect.poll(() => heading(popup).textContent(), { timeout: 15_000 }).toMatch(/Correo/i);
  await popup.getByRole('button', { name: 'CONTINUAR' }).click();
  await popup.getByRole('button', { name: 'ACEPTAR' }).click();
  await expect.poll(() => heading(popup).textContent(), { timeout: 15_000 }).toBe('Revise su correo');
}

/** The link of the latest "ACTIVACIÓN CLAVE" mail from the server's catcher. */
async function activationLink(server: RunningServer): Promise<string> {
  const mail = await waitForMail(server, (m) => m.subject === 'ACTIVACIÓN CLAVE' && JSON.stringify(m.to).includes(EMAIL));
  const link = mail.links.find((l) => l.includes('#token='));
  expect(link).toBeDefined();
  return link!;
}

/** The e-mailed link in a plain tab of the same browser: declaration, new password, GENERAR. */
async function useLink(ext: ExtensionUnderTest, link: string, password: string): Promise<E2EPage> {
  const tab = await ext.newTab();
  await tab.goto(link);
  // The declaration's text is the server's (config.declaration); the box is the step's.
  await tab.locator('iess-paso-nueva-clave').locator('#declaration').check();
  await tab.getByLabel('Nueva clave', { exact: true }).fill(password);
  await tab.getByLabel('Confirme la nueva clave', { exact: true }).fill(password);
  await tab.getByRole('button', { name: 'GENERAR' }).click();
  await expect.poll(() => heading(tab).textContent(), { timeout: 15_000 }).toBe('Su clave está lista');
  return tab;
}
