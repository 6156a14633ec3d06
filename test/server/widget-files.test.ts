/**
 * `/widget/*` is served as a CDN would (docs/embedding.md, Serving the files): the build's .br or
 * .gz by Accept-Encoding with `Vary: Accept-Encoding`, hashed chunks cached for a year as immutable,
 * the entry revalidated by ETag. The files are a small stand-in build written with the build's own
 * compressor (scripts/vite-precompress.ts); test/unit/widget-size.test.ts proves the real build
 * writes them.
 */
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compress, PRECOMPRESSED } from '../../scripts/vite-precompress.ts';
import { acceptedEncodings } from '../../server/routes/widget-files.ts';
import { startTestServer, type TestServer } from './helpers/harness.ts';

const ENTRY = 'iess-recuperar-clave.js';
const CHUNK = 'chunks/step-base-ozsRxhnE.js';
const code = (name: string) => Buffer.from(`export const name = ${JSON.stringify(name)};\n`.repeat(200));

let dir = '';
let s: TestServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'iess-widget-files-'));
  mkdirSync(join(dir, 'chunks'));
  for (const name of [ENTRY, CHUNK]) {
    writeFileSync(join(dir, name), code(name));
    for (const { encoding, suffix } of PRECOMPRESSED) writeFileSync(join(dir, name + suffix), compress(code(name), encoding));
  }
  s = await startTestServer({ overrides: { widgetDir: dir }, seed: false });
});
afterAll(async () => {
  await s?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A raw GET (fetch would decode the body and hide what travelled). */
function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(s.url + path, { headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (b: Buffer) => parts.push(b));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('/widget/* compressed and cached', () => {
  it('a hashed chunk goes as brotli when accepted, immutable for a year, and decodes to the built bytes', async () => {
    const r = await get(`/widget/${CHUNK}`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    // Accept-Encoding beside the Origin every answer varies on (CORS, SS-22).
    expect(r.headers['vary']).toBe('Origin, Accept-Encoding');
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(r.body.length).toBeLessThan(code(CHUNK).length / 10);
    expect(brotliDecompressSync(r.body).equals(code(CHUNK))).toBe(true);
  });

  it('gzip when brotli is not accepted; the plain file when neither is', async () => {
    const gz = await get(`/widget/${CHUNK}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(code(CHUNK))).toBe(true);
    const refused = await get(`/widget/${CHUNK}`, { 'accept-encoding': 'br;q=0, gzip' });
    expect(refused.headers['content-encoding']).toBe('gzip');
    const plain = await get(`/widget/${CHUNK}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toMatch(/accept-encoding/i);
    expect(plain.body.equals(code(CHUNK))).toBe(true);
  });

  it('the entry keeps its name across releases: revalidated by ETag (304), never immutable', async () => {
    const first = await get(`/widget/${ENTRY}`, { 'accept-encoding': 'br' });
    expect(first.headers['content-encoding']).toBe('br');
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = String(first.headers['etag']);
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get(`/widget/${ENTRY}`, { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // Another encoding is another representation: its own tag, so no 304 for the brotli one.
    const gz = await get(`/widget/${ENTRY}`, { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(gz.status).toBe(200);
    expect(gz.headers['etag']).not.toBe(etag);
  });

  it('no path leaves the widget folder', async () => {
    expect((await get('/widget/..%2F..%2Fpackage.json')).status).toBe(404);
    expect((await get('/widget/chunks/none-ABCDEFGH.js')).status).toBe(404);
  });

  it('reads Accept-Encoding by its q values', () => {
    expect([...acceptedEncodings('gzip;q=1.0, br;q=0')]).toEqual(['gzip']);
    expect([...acceptedEncodings('*')].sort()).toEqual(['br', 'gzip']);
    expect([...acceptedEncodings('*, gzip;q=0')]).toEqual(['br']);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });
});

describe("the demo page asks for the first step's chunks with itself (issue 15)", () => {
  // Vite's build manifest as the widget build writes it: the entry imports step-base, which imports
  // the runtime; the later steps are a dynamic import.
  const manifest = {
    'widget/define.ts': {
      file: ENTRY,
      isEntry: true,
      imports: ['_step-base.js', '_recovery-api.js'],
      dynamicImports: ['widget/elements-later.ts'],
    },
    '_step-base.js': { file: CHUNK, imports: ['_runtime.js'] },
    '_recovery-api.js': { file: 'chunks/recovery-api-AAAAAAAA.js', imports: ['_runtime.js'] },
    '_runtime.js': { file: 'chunks/rolldown-runtime-BBBBBBBB.js' },
    'widget/elements-later.ts': { file: 'chunks/elements-later-CCCCCCCC.js', isDynamicEntry: true, imports: ['_step-base.js'] },
  };
  const preloads = (html: string) => [...html.matchAll(/<link rel="modulepreload" href="([^"]+)" nonce="([^"]+)">/g)];

  it('one modulepreload per chunk the entry imports statically, transitively, none lazy, each with the CSP nonce', async () => {
    mkdirSync(join(dir, '.vite'), { recursive: true });
    writeFileSync(join(dir, '.vite', 'manifest.json'), JSON.stringify(manifest));
    const r = await get('/');
    const html = r.body.toString();
    const nonce = /'nonce-([^']+)'/.exec(String(r.headers['content-security-policy']))?.[1];
    expect(nonce).toBeTruthy();
    const links = preloads(html);
    expect(links.map((l) => l[1])).toEqual([
      `/widget/${CHUNK}`,
      '/widget/chunks/rolldown-runtime-BBBBBBBB.js',
      '/widget/chunks/recovery-api-AAAAAAAA.js',
    ]);
    expect(links.every((l) => l[2] === nonce)).toBe(true);
    // In the head, before the widget's script asks for the entry.
    expect(html.indexOf('modulepreload')).toBeLessThan(html.indexOf('</head>'));
  });

  it('the build manifest itself is not served: the server reads it, pages do not', async () => {
    expect((await get('/widget/.vite/manifest.json')).status).toBe(404);
    expect((await get('/widget/.vite%2Fmanifest.json')).status).toBe(404);
  });

  it('without a readable, well-formed manifest the page has no preloads and still embeds the widget', async () => {
    for (const broken of [
      '{ not json',
      'null',
      '[1, 2]',
      JSON.stringify({ e: { isEntry: true, imports: ['x'] }, x: { file: 42 } }),
      JSON.stringify({ e: { isEntry: true, imports: ['x'] }, x: { file: '"><script>alert(1)</script>' } }),
    ]) {
      writeFileSync(join(dir, '.vite', 'manifest.json'), broken);
      const r = await get('/');
      expect(r.status, broken).toBe(200);
      expect(preloads(r.body.toString()), broken).toEqual([]);
    }
    renameSync(join(dir, '.vite', 'manifest.json'), join(dir, '.vite', 'gone.json'));
    const html = (await get('/')).body.toString();
    expect(preloads(html)).toEqual([]);
    expect(html).toContain(`src="/widget/${ENTRY}"`);
  });
});
