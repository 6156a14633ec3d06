/**
 * `/widget/*`: the built widget (dist/widget, `npm run build:widget`) as a CDN would serve it
 * (docs/embedding.md, Serving the files):
 *
 * - compressed: the build writes `x.js.br` and `x.js.gz` beside `x.js`; the best one the request's
 *   Accept-Encoding allows is sent as it is, with `Vary: Accept-Encoding` (never compressed per request);
 * - hashed chunks (`chunks/name-HASH.js`) never change under their name: cached for a year, immutable;
 * - the entry keeps its name across releases: `no-cache` with a strong ETag, so a page revalidates
 *   it (304) and picks a new release up at once.
 *
 * Subresource Integrity covers the decoded bytes, so it holds whatever encoding is sent.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { Context, Hono } from 'hono';
import type { Env } from '../http/middleware.ts';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Encodings the build writes beside each file (scripts/vite-precompress.ts), best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** A content hash in the file name (Vite's `[name]-[hash].js`): the bytes never change under it. */
const HASHED = /^chunks\/[^/]+-[\w-]{8,}\.m?js$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The codings a request accepts (q > 0), from its Accept-Encoding header (RFC 9110 §12.5.3). */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  let star = false;
  const refused = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    if (!coding) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const ok = q === undefined || Number(q.slice(2)) > 0;
    if (coding === '*') star = ok;
    else if (ok) accepted.add(coding);
    else refused.add(coding);
  }
  if (star) for (const e of ENCODINGS) if (!refused.has(e.name)) accepted.add(e.name);
  return accepted;
}

interface Variant {
  bytes: Buffer;
  etag: string;
}

/** Files read once per (path, size, mtime): a rebuild under a running server is picked up. */
const cache = new Map<string, { stamp: string; variant: Variant }>();

function read(file: string): Variant | undefined {
  if (!existsSync(file)) return undefined;
  const st = statSync(file);
  if (!st.isFile()) return undefined;
  const stamp = `${st.size}:${st.mtimeMs}`;
  const hit = cache.get(file);
  if (hit?.stamp === stamp) return hit.variant;
  const bytes = readFileSync(file);
  const variant = { bytes, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"` };
  cache.set(file, { stamp, variant });
  return variant;
}

/**
 * The files the widget's entry imports statically, followed transitively, from Vite's build
 * manifest (`.vite/manifest.json`, the build's own record of its chunks): what the first step
 * waits for besides the entry. A page that asks for them with `<link rel="modulepreload">` gets
 * them beside the entry instead of after it has been fetched and parsed (docs/embedding.md §2).
 * Empty when the build has no manifest (or it cannot be read): the page then works as before.
 */
export function firstLoadChunks(widgetDir: string): string[] {
  // Read through the same cache as the files served (once per size and mtime); parsed once per read.
  let manifest: Variant | undefined;
  try {
    manifest = read(join(widgetDir, '.vite', 'manifest.json'));
  } catch {
    return [];
  }
  if (!manifest) return [];
  let chunks = firstLoadOfManifest.get(manifest);
  if (!chunks) {
    try {
      chunks = chunksBesideEntry(JSON.parse(manifest.bytes.toString('utf8')));
    } catch {
      chunks = [];
    }
    firstLoadOfManifest.set(manifest, chunks);
  }
  return chunks;
}

const firstLoadOfManifest = new WeakMap<Variant, string[]>();

/** The entry's static imports in a Vite manifest, transitively; only well-formed chunk file names (`chunks/…js`). */
function chunksBesideEntry(manifest: unknown): string[] {
  type Chunk = { file?: unknown; isEntry?: unknown; imports?: unknown };
  const chunks = (manifest && typeof manifest === 'object' ? manifest : {}) as Record<string, Chunk | undefined>;
  const entry = Object.values(chunks).find((c) => c?.isEntry === true);
  const files = new Set<string>();
  const visit = (keys: unknown) => {
    for (const key of Array.isArray(keys) ? keys : []) {
      const chunk = typeof key === 'string' ? chunks[key] : undefined;
      if (typeof chunk?.file !== 'string' || !HASHED.test(chunk.file) || files.has(chunk.file)) continue;
      files.add(chunk.file);
      visit(chunk.imports);
    }
  };
  visit(entry?.imports);
  return [...files];
}

export function mountWidgetFiles(app: Hono<Env>, widgetDir: string): void {
  const root = normalize(widgetDir) + sep;
  app.get('/widget/*', (c: Context<Env>) => {
    let rel: string;
    try {
      rel = normalize(decodeURIComponent(c.req.path.slice('/widget/'.length)));
    } catch {
      return c.notFound(); // a malformed %-escape is a missing file, not a server error
    }
    const file = join(widgetDir, rel);
    if (rel.startsWith('..') || !file.startsWith(root)) return c.notFound();
    // Build records (`.vite/manifest.json`) are for the server, not for pages.
    if (rel.split(sep).some((part) => part.startsWith('.'))) return c.notFound();
    const plain = read(file);
    if (!plain) return c.notFound();
    const accepted = acceptedEncodings(c.req.header('accept-encoding'));
    let sent = plain;
    let encoding: string | undefined;
    for (const e of ENCODINGS) {
      if (!accepted.has(e.name)) continue;
      const variant = read(file + e.suffix);
      if (!variant) continue;
      sent = variant;
      encoding = e.name;
      break;
    }
    c.header('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    c.header('Vary', 'Accept-Encoding', { append: true });
    c.header('Cache-Control', HASHED.test(rel.split(sep).join('/')) ? IMMUTABLE : 'no-cache');
    c.header('ETag', sent.etag);
    if (encoding) c.header('Content-Encoding', encoding);
    const ifNoneMatch = c.req.header('if-none-match');
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === sent.etag)) return c.body(null, 304);
    return c.body(new Uint8Array(sent.bytes));
  });
}
