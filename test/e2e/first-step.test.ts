/**
 * Issue 15, no waterfall before step 1: the first step renders and can be typed into from the entry
 * module and its static imports alone — the files the size test and `npm run size` count
 * (bench/size.mjs). Every other chunk and every API request is held back here, so a lazy chunk, a
 * schema or `GET /v1/config` standing before step 1 fails the test. Once they are let through, the
 * later steps, the HTTP client and the contract are all asked for at once (not one after another),
 * and `GET /v1/config` leaves without waiting for them.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Route } from 'playwright-core';
import { measureWidgetSize } from '../../bench/size.mjs';
import { newContext, withServerAndBrowser, type RunningServer } from './harness.ts';

const WIDGET_DIR = new URL('../../dist/widget/', import.meta.url).pathname;

let server: RunningServer;
let browser: Browser;
withServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

describe('the first step waits for the entry and its static imports only', () => {
  it('renders and takes typing with every other chunk and every API request held back; then the rest is asked for in parallel', async () => {
    const [entry] = measureWidgetSize(WIDGET_DIR, { entry: 'iess-recuperar-clave.js' }).entries;
    const firstLoad = new Set(entry!.files.map((f) => `/widget/${f}`));
    const held: { path: string; route: Route }[] = [];
    let holding = true;
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    await page.route(
      (url) => (url.pathname.startsWith('/widget/') && !firstLoad.has(url.pathname)) || url.pathname.startsWith('/v1/'),
      (route) => (holding ? void held.push({ path: new URL(route.request().url()).pathname, route }) : route.fallback()),
    );
    await page.goto(server.url + '/');
    const input = page.getByRole('textbox', { name: /Número de cédula/ });
    await input.fill('1712345675');
    await expect.poll(() => input.inputValue()).toBe('1712345675');
    expect(await input.isEnabled()).toBe(true);
    // Nothing held back was needed; and everything BUSCAR needs was asked for before any of it arrived.
    // chunks/api-*: the HTTP client with the contract (one chunk: widget/vite.config.ts);
    // chunks/later-steps-*: the later steps' transitions (widget/flow/later-steps.ts).
    await expect
      .poll(() =>
        ['chunks/elements-later-', 'chunks/later-steps-', 'chunks/api-', 'chunks/altcha-', '/v1/config'].filter(
          (n) => !held.some((h) => h.path.includes(n)),
        ),
      )
      .toEqual([]);
    holding = false;
    for (const h of held.splice(0)) await h.route.fallback();
    await page.getByRole('button', { name: 'BUSCAR' }).waitFor();
    await expect.poll(() => page.evaluate(() => customElements.get('iess-paso-verificacion') !== undefined)).toBe(true);
    await context.close();
  });

  it('the demo page asks for those chunks with itself (modulepreload), under its strict CSP, without a violation', async () => {
    const [entry] = measureWidgetSize(WIDGET_DIR, { entry: 'iess-recuperar-clave.js' }).entries;
    const chunks = entry!.files.filter((f) => f !== 'iess-recuperar-clave.js');
    expect(chunks.length).toBeGreaterThan(0);
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(server.url + '/');
    await page.getByRole('textbox', { name: /Número de cédula/ }).waitFor();
    // Asked for by the page's <link rel="modulepreload">: before the entry had even arrived, which
    // the entry's own import could not do (a module's imports are known once it has been parsed).
    const timings = await page.evaluate(() =>
      Object.fromEntries(
        performance
          .getEntriesByType('resource')
          .map((r) => r as PerformanceResourceTiming)
          .filter((r) => r.name.includes('/widget/'))
          .map((r) => [new URL(r.name).pathname, { start: r.startTime, end: r.responseEnd, by: r.initiatorType }]),
      ),
    );
    const entryTiming = timings['/widget/iess-recuperar-clave.js'];
    expect(entryTiming?.by).toBe('script');
    for (const chunk of chunks) {
      expect(timings[`/widget/${chunk}`]?.by, chunk).not.toBe('script');
      expect(timings[`/widget/${chunk}`]!.start, chunk).toBeLessThan(entryTiming!.end);
    }
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
    await context.close();
  });
});
