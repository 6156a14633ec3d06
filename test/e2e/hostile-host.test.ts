/**
 * Hostile hosts, with the real (built) server and the built widget:
 *  (a) a third-party page with a strict CSP and Trusted Types (CS-02) runs the whole recuperar
 *      flow — BUSCAR to GENERAR on the link page — with ZERO `securitypolicyviolation` events, and
 *      Chromium's password-form analysis finds nothing to complain about on the new-password page;
 *  (b) an aggressive host stylesheet (resets, `all: unset !important`, odd fonts, `!important` on
 *      inputs and buttons) leaves the widget pixel-identical to the same widget on a plain page,
 *      on the identification step and on the new-password step.
 * The host pages are served by ./pages/host-server.ts on their own origin; the API server
 * allows that origin (CORS_ORIGINS) and sends its e-mail links to the host's /activar.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/demo/identities.ts';
import {
  activationLink,
  activationLinksSoFar,
  answerSecurityQuestions,
  chooseEmail,
  demoPerson,
  launchBrowser,
  search,
  signIn,
  startServer,
  verify,
  type RunningServer,
} from './harness.ts';
import { startHostServer, type HostServer } from './pages/host-server.ts';

let server: RunningServer;
let host: HostServer;
let browser: Browser;

beforeAll(async () => {
  let apiBase = '';
  host = await startHostServer(() => apiBase);
  server = await startServer({ CORS_ORIGINS: host.origin, ACTIVATION_URL: `${host.origin}/` });
  apiBase = server.url;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await host?.close();
});

interface Watched {
  page: Page;
  /** Console lines about CSP, Trusted Types and Chromium's DOM/password-form analysis. */
  console: string[];
}

/** A page that also records what Chromium's DevTools logs (CSP, Trusted Types, "[DOM] …" form advice). */
async function watchedPage(context: BrowserContext): Promise<Watched> {
  const page = await context.newPage();
  const console: string[] = [];
  page.on('console', (m) => console.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => console.push(`pageerror: ${e.message}`));
  const cdp = await context.newCDPSession(page);
  cdp.on('Log.entryAdded', ({ entry }: { entry: { level: string; text: string; source: string } }) =>
    console.push(`${entry.source}/${entry.level}: ${entry.text}`),
  );
  await cdp.send('Log.enable');
  // Chromium's own form analysis (DevTools "Issues": labels, ids, autocomplete values, …).
  cdp.on('Audits.issueAdded', ({ issue }: { issue: { code: string; details: { genericIssueDetails?: { errorType?: string } } } }) =>
    console.push(`issue/${issue.code}: ${issue.details.genericIssueDetails?.errorType ?? JSON.stringify(issue.details).slice(0, 200)}`),
  );
  await cdp.send('Audits.enable');
  return { page, console };
}

async function violations(page: Page): Promise<unknown[]> {
  return page.evaluate(() => (window as unknown as { __violations: unknown[] }).__violations);
}

const policyLines = (w: Watched) => w.console.filter((l) => /Content Security Policy|Trusted Type|TrustedHTML|TrustedScript/i.test(l));
const formAdvice = (w: Watched) =>
  w.console.filter((l) =>
    /\[DOM\]|form elements|autocomplete attributes|username fields|id attribute must be unique|issue\/GenericIssue: Form/i.test(l),
  );

/** The link of the e-mail opened on the host's /activar, optionally with the hostile stylesheet. */
function onHost(link: string, css?: 'hostile'): string {
  const url = new URL(link);
  expect(url.origin).toBe(host.origin);
  if (css) url.searchParams.set('css', css);
  return url.toString();
}

async function toNewPassword(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await page.getByRole('heading', { name: 'Nueva clave' }).waitFor();
  await page.getByLabel('Declaro que toda la información registrada es fidedigna').check();
  await page.getByLabel('Nueva clave', { exact: true }).waitFor();
}

/**
 * Under CPU load Chromium rasterises an antialiased edge slightly differently from one page to
 * the other (seen: 1–3 pixels of the GENERAR button's rounded corner, by about 8 levels per
 * channel, with two other browser runs beside it; never when it runs alone). A host style that
 * reaches the widget changes many pixels, and by far more: so a handful of pixels may differ by
 * at most these levels, none by more.
 */
const ANTIALIAS_LEVELS = 32;
const ANTIALIAS_PIXELS = 8;

/**
 * Pixel comparison in the browser (no PNG library): both screenshots are drawn on canvases and
 * every RGBA value compared; returns the size, the number of pixels that differ at all, and of
 * those that differ visibly (by more than ANTIALIAS_LEVELS in a channel), with where.
 */
async function pixelDiff(
  page: Page,
  a: Buffer,
  b: Buffer,
): Promise<{ width: number; height: number; sizeA: string; sizeB: string; differing: number; visible: number; where: string[] }> {
  return page.evaluate(
    async ([da, db, levels]) => {
      const load = async (src: string) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, canvas.width, canvas.height);
      };
      const [x, y] = [await load(da!), await load(db!)];
      const sizeA = `${x.width}x${x.height}`;
      const sizeB = `${y.width}x${y.height}`;
      if (sizeA !== sizeB) return { width: x.width, height: x.height, sizeA, sizeB, differing: -1, visible: -1, where: [] };
      let differing = 0;
      let visible = 0;
      const where: string[] = [];
      for (let i = 0; i < x.data.length; i += 4) {
        const delta = Math.max(...[0, 1, 2, 3].map((c) => Math.abs(x.data[i + c]! - y.data[i + c]!)));
        if (delta === 0) continue;
        differing++;
        if (delta > Number(levels)) visible++;
        if (where.length < 10) where.push(`(${(i / 4) % x.width},${Math.floor(i / 4 / x.width)}) by ${delta}`);
      }
      return { width: x.width, height: x.height, sizeA, sizeB, differing, visible, where };
    },
    [`data:image/png;base64,${a.toString('base64')}`, `data:image/png;base64,${b.toString('base64')}`, String(ANTIALIAS_LEVELS)],
  );
}

/** The widget's box as a PNG; the link's running countdown is masked (it changes between shots). */
async function shot(page: Page): Promise<Buffer> {
  const widget: Locator = page.locator('iess-recuperar-clave');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  return widget.screenshot({ animations: 'disabled', caret: 'hide', mask: [widget.locator('[part=link-timer]')], maskColor: '#888' });
}

describe('hostile hosts (real server, built widget, Chromium)', () => {
  it('CS-02: strict CSP + Trusted Types host page, whole recuperar flow: zero securitypolicyviolation events; no form advice from Chromium on the new-password page', async () => {
    const maria = demoPerson('1712345675');
    const newPassword = 'Cóndor sobre el Cotopaxi 2026';
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-EC' });
    try {
      const first = await watchedPage(context);
      await first.page.goto(`${host.origin}/`);
      await search(first.page, maria);
      await verify(first.page, maria);
      await chooseEmail(first.page);
      const link = await activationLink(server, maria.email!);

      // The link opens the host's /activar in a new tab, as from the e-mail.
      const second = await watchedPage(context);
      await toNewPassword(second.page, onHost(link));
      expect(second.page.url()).not.toContain('token=');
      await second.page.getByLabel('Nueva clave', { exact: true }).fill(newPassword);
      await second.page.getByLabel('Confirme la nueva clave').fill(newPassword);
      // Chromium's password-form analysis runs on DOM changes; give it the filled form first.
      await second.page.getByLabel('Mostrar las claves').check();
      await second.page.getByLabel('Mostrar las claves').uncheck();
      await second.page.getByRole('button', { name: 'GENERAR' }).click();
      await second.page.getByRole('heading', { name: 'Su clave está lista' }).waitFor();
      await first.page.getByRole('heading', { name: 'Su clave está lista' }).waitFor({ timeout: 15_000 });

      for (const w of [first, second]) {
        expect(await violations(w.page), `violations on ${w.page.url()}\nCSP: ${host.csp('…')}`).toEqual([]);
        expect(policyLines(w)).toEqual([]);
      }
      expect(formAdvice(second), 'Chromium form advice on the link page').toEqual([]);
      // The control: the same capture does report Chromium's advice for a form that holds three.
      const control = await watchedPage(context);
      await control.page.goto(`${host.origin}/control/bad-password-form`);
      await control.page.locator('input[type=password]').first().click();
      await expect.poll(() => formAdvice(control).join('\n')).toContain('Multiple forms should be contained in their own form elements');
      // The control: the collector does see a violation (a string assigned as HTML under Trusted Types).
      await second.page.evaluate(() => {
        try {
          document.createElement('div').innerHTML = '<b>x</b>';
        } catch {
          /* refused, as it should be */
        }
      });
      expect(await violations(second.page)).toMatchObject([{ directive: 'require-trusted-types-for' }]);
      expect(await signIn(server, maria, newPassword)).toBe(201);
      expect(await signIn(server, maria, DEMO_PASSWORD)).toBe(401);
    } finally {
      await context.close();
    }
  });

  it('generar under the strict CSP: the security-questions page draws no Chromium form advice (ten answers are not ten passwords)', async () => {
    const carlos = demoPerson('0920000015');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-EC' });
    try {
      const w = await watchedPage(context);
      await w.page.goto(`${host.origin}/`);
      await search(w.page, carlos);
      await verify(w.page, carlos);
      await w.page.getByRole('heading', { name: 'Preguntas de seguridad' }).waitFor();
      await w.page.getByLabel('Mostrar respuestas').check();
      await w.page.getByLabel('Mostrar respuestas').uncheck();
      await answerSecurityQuestions(w.page, {
        'amigo-infancia': 'Pedro Salvatierra',
        'profesor-favorito': 'Villavicencio',
        'calle-diez-anos': 'Calle Sucre',
      });
      await w.page.getByRole('heading', { name: 'Correo electrónico' }).waitFor();
      expect(formAdvice(w)).toEqual([]);
      expect(await violations(w.page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the link pasted into the same tab (same page, new fragment) → the password manager username is the identification typed there', async () => {
    const maria = demoPerson('1712345675');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-EC' });
    try {
      const w = await watchedPage(context);
      await w.page.goto(`${host.origin}/`);
      await search(w.page, maria);
      await verify(w.page, maria);
      // The first test e-mailed maria a link too: the new one is the one not seen before.
      const earlier = await activationLinksSoFar(server, maria.email!);
      await chooseEmail(w.page);
      const link = await activationLink(server, maria.email!, earlier);
      const token = new URL(link).hash;
      await w.page.evaluate((hash) => (location.hash = hash), token);
      await w.page.getByRole('heading', { name: 'Nueva clave' }).waitFor();
      expect(w.page.url()).not.toContain('token=');
      await w.page.getByLabel('Declaro que toda la información registrada es fidedigna').check();
      await w.page.getByLabel('Nueva clave', { exact: true }).waitFor();
      const username = w.page.locator('form[data-iess-clave-form] input[autocomplete=username]');
      expect(await username.inputValue()).toBe(maria.id);
      expect(await username.isVisible()).toBe(false);
      await w.page.getByLabel('Nueva clave', { exact: true }).fill('Cóndor sobre el Cotopaxi');
      await w.page.getByRole('button', { name: 'GENERAR' }).click();
      await w.page.getByLabel('Mostrar las claves').check();
      // No fixed wait: a canary password field without autocomplete, added now and focused, makes
      // Chromium's form analysis run over the page after the steps above; once its advice is in
      // the log, that advice must be the only one (the widget's own forms draw none).
      await w.page.evaluate(() => {
        const form = document.createElement('form');
        form.id = 'canary-form';
        const input = document.createElement('input');
        input.type = 'password';
        input.name = 'canary';
        input.setAttribute('aria-label', 'canary');
        form.append(input);
        document.body.append(form);
      });
      await w.page.locator('#canary-form input').click();
      await expect.poll(() => formAdvice(w).join('\n'), { timeout: 15_000 }).toMatch(/autocomplete attributes/);
      // Each advice reaches the log twice (the page's console and DevTools' log): one message, once per channel.
      const advice = formAdvice(w);
      expect(new Set(advice.map((line) => line.replace(/^[\w/]+: /, ''))).size, advice.join('\n')).toBe(1);
      expect(
        advice.filter((line) => line.startsWith('verbose: ')),
        advice.join('\n'),
      ).toHaveLength(1);
      expect(await violations(w.page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('aggressive host CSS: the widget is pixel-identical to the plain page, on the identification and the new-password step', async () => {
    const jean = demoPerson('E0012345');
    const context = await browser.newContext({ viewport: { width: 800, height: 1400 }, locale: 'es-EC' });
    try {
      const plain = await watchedPage(context);
      const hostile = await watchedPage(context);
      await plain.page.goto(`${host.origin}/`);
      await hostile.page.goto(`${host.origin}/?css=hostile`);
      for (const p of [plain.page, hostile.page]) await p.getByLabel('Número de cédula').waitFor();

      // The control: the host page's own input IS wrecked by the stylesheet.
      const hostInput = (p: Page) =>
        p.locator('#host-input').evaluate((el) => getComputedStyle(el).borderTopStyle + ' ' + getComputedStyle(el).backgroundColor);
      expect(await hostInput(hostile.page)).not.toBe(await hostInput(plain.page));

      const idPlain = await shot(plain.page);
      const idHostile = await shot(hostile.page);
      const idDiff = await pixelDiff(plain.page, idPlain, idHostile);
      expect(idDiff, 'identification step').toMatchObject({ sizeB: idDiff.sizeA, visible: 0 });
      expect(idDiff.differing, `identification step: ${idDiff.where.join(' ')}`).toBeLessThanOrEqual(ANTIALIAS_PIXELS);

      // A real link for the new-password step, opened on both pages (checking it does not use it up).
      await search(plain.page, jean);
      await verify(plain.page, jean);
      await chooseEmail(plain.page);
      const link = await activationLink(server, jean.email!);
      const linkPlain = await watchedPage(context);
      const linkHostile = await watchedPage(context);
      await toNewPassword(linkPlain.page, onHost(link));
      await toNewPassword(linkHostile.page, onHost(link, 'hostile'));
      for (const p of [linkPlain.page, linkHostile.page]) {
        await p.getByLabel('Nueva clave', { exact: true }).fill('Cóndor sobre el Cotopaxi');
        await p.getByLabel('Confirme la nueva clave').fill('Cóndor sobre el Cotopaxi');
      }
      const pwPlain = await shot(linkPlain.page);
      const pwHostile = await shot(linkHostile.page);
      const pwDiff = await pixelDiff(linkPlain.page, pwPlain, pwHostile);
      expect(pwDiff, 'new-password step').toMatchObject({ sizeB: pwDiff.sizeA, visible: 0 });
      expect(pwDiff.differing, `new-password step: ${pwDiff.where.join(' ')}`).toBeLessThanOrEqual(ANTIALIAS_PIXELS);

      for (const w of [plain, hostile, linkPlain, linkHostile]) expect(await violations(w.page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
