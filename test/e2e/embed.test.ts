/**
 * docs/embedding.md, proven in Chromium: a host page on ANOTHER origin embeds the widget with the
 * one-script snippet (versioned URL + SRI on the entry + an import map with integrity for the
 * chunks), under the CSP the guide gives, served compressed, and a person gets from BUSCAR to Verificación. A wrong
 * entry hash stops the widget (CS-11); a chunk changed in transit is refused by the import map.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoPerson, launchBrowser, newContext, search, startServer, type RunningServer } from './harness.ts';

const WIDGET_DIR = new URL('../../dist/widget/', import.meta.url).pathname;
const sri = (file: string) => `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;

let server: RunningServer;
let browser: Browser;
let host: Server;
let hostOrigin: string;
/** The page the host serves: set per test. */
let hostPage = '';
let hostCsp = '';

beforeAll(async () => {
  host = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': hostCsp });
    res.end(hostPage);
  });
  await new Promise<void>((r) => host.listen(0, '127.0.0.1', r));
  const address = host.address();
  hostOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  server = await startServer({ CORS_ORIGINS: hostOrigin });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((r) => host?.close(r));
});

/** The snippet from docs/embedding.md §2, with the import map of §2 option 2. */
function embedPage({ entryIntegrity = sri(join(WIDGET_DIR, 'iess-recuperar-clave.js')), importMap = true } = {}): string {
  const base = `${server.url}/widget/`;
  const integrity: Record<string, string> = {};
  for (const name of readdirSync(join(WIDGET_DIR, 'chunks')).filter((n) => n.endsWith('.js')))
    integrity[`${base}chunks/${name}`] = sri(join(WIDGET_DIR, 'chunks', name));
  const nonce = 'bm9uY2UtZm9yLXRoZS1pbXBvcnQtbWFw';
  hostCsp = `default-src 'self'; script-src ${server.url} 'nonce-${nonce}'; connect-src 'self' ${server.url}; object-src 'none'; base-uri 'none'; frame-ancestors 'self'`;
  return `<!doctype html><html lang="es-EC"><head><meta charset="utf-8"><title>Portal de prueba</title>
${importMap ? `<script type="importmap" nonce="${nonce}">${JSON.stringify({ integrity })}</script>` : ''}
</head><body><h1>Portal de prueba</h1>
<iess-recuperar-clave api-base="${server.url}" portal-url="${hostOrigin}/"></iess-recuperar-clave>
<script type="module" src="${base}iess-recuperar-clave.js" integrity="${entryIntegrity}" crossorigin="anonymous"></script>
</body></html>`;
}

async function open(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(hostOrigin + '/');
  return problems;
}

describe('the one-script embed on another origin (docs/embedding.md)', () => {
  it('CS-11 CS-02: with the SRI hash, the import map and the documented CSP, a person gets from BUSCAR to Verificación', async () => {
    hostPage = embedPage();
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    // What travelled: the widget's files compressed (the build's .br or .gz), checked by SRI on the decoded bytes.
    const encodings = new Map<string, string>();
    page.on('response', (r) => {
      if (r.url().includes('/widget/')) encodings.set(new URL(r.url()).pathname, r.headers()['content-encoding'] ?? 'identity');
    });
    const problems = await open(page);
    await search(page, demoPerson('1712345675'));
    expect(problems.filter((p) => /Content Security Policy|integrity|CORS/i.test(p))).toEqual([]);
    expect(encodings.size).toBeGreaterThan(2);
    for (const [path, encoding] of encodings) expect([path, encoding]).toEqual([path, expect.stringMatching(/^(br|gzip)$/)]);
    await context.close();
  });

  it('CS-11: a wrong hash on the entry stops the widget', async () => {
    hostPage = embedPage({ entryIntegrity: 'sha384-' + 'A'.repeat(64) });
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    const problems = await open(page);
    await expect.poll(() => problems.some((p) => /integrity/i.test(p))).toBe(true);
    expect(await page.evaluate(() => customElements.get('iess-recuperar-clave') === undefined)).toBe(true);
    await context.close();
  });

  it('CS-11: a lazy chunk changed in transit is refused by the import map integrity', async () => {
    hostPage = embedPage();
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    await page.route(/\/widget\/chunks\/elements-later-.*\.js$/, async (route) => {
      const original = await route.fetch();
      await route.fulfill({ response: original, body: (await original.text()) + '\n;globalThis.tampered = true;' });
    });
    const problems = await open(page);
    // The entry (verified) runs; the tampered chunk with the later steps does not.
    await page.getByRole('heading', { name: 'Identificación' }).waitFor();
    await expect.poll(() => problems.some((p) => /integrity/i.test(p))).toBe(true);
    expect(
      await page.evaluate(
        () => (globalThis as { tampered?: boolean }).tampered === undefined && customElements.get('iess-paso-verificacion') === undefined,
      ),
    ).toBe(true);
    await context.close();
  });

  it("without the import map, the same changed chunk runs: the script tag's integrity covers the entry only (why §2 says so)", async () => {
    hostPage = embedPage({ importMap: false });
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    await page.route(/\/widget\/chunks\/elements-later-.*\.js$/, async (route) => {
      const original = await route.fetch();
      await route.fulfill({ response: original, body: (await original.text()) + '\n;globalThis.tampered = true;' });
    });
    await open(page);
    await expect.poll(() => page.evaluate(() => (globalThis as { tampered?: boolean }).tampered === true)).toBe(true);
    await context.close();
  });
});
