/**
 * The npm package as integrators get it (issue 11): `npm pack -w widget` (its prepack builds
 * widget/dist), then checked by publint and arethetypeswrong, then installed from the tarball —
 * offline, from the npm cache — into two scratch projects, each built and loaded in Chromium:
 *  - a Vite + TypeScript project (`tsc --noEmit`, `vite build`);
 *  - a plain `tsc` project (module/moduleResolution node16), run unbundled with an import map;
 * and the one-script file `@iess/recuperar-clave/iess-recuperar-clave.js` imported as it is.
 * In each, a person types a demo cédula (docs/operations.md), ticks "No soy un robot" and presses
 * BUSCAR against the real server on another origin, and gets to Verificación de datos.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPerson, launchBrowser, newContext, search, startServer, type RunningServer } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const rootPkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
const widgetPkg = JSON.parse(readFileSync(join(ROOT, 'widget/package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
};
const REGISTRY = 'https://registry.npmjs.org/';
const DEMO_CEDULA = '1712345675'; // docs/operations.md: MARÍA JOSÉ PÉREZ LÓPEZ, recuperar

let tmp = '';
let tarball = '';
let server: RunningServer;
let browser: Browser;
let host: Server;
let hostOrigin = '';

/** A child process that must succeed; its output is kept for the failure message. npm's own variables stay out. */
function sh(cmd: string, args: string[], cwd: string): string {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

type LockEntry = {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  [key: string]: unknown;
};
const rootLock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };

/**
 * A lockfile for a scratch project: the tarball, and for every other package the entry of the
 * repository's own lockfile (same versions, same integrity), found the way Node resolves — so
 * `npm ci --offline` installs from the npm cache that the repository's `npm ci` filled, asking
 * no registry for metadata.
 */
function lockfileFor(
  manifest: { name: string; dependencies: Record<string, string>; devDependencies: Record<string, string> },
  pkgTarball: string,
): object {
  const self = `node_modules/${widgetPkg.name}`;
  const packages: Record<string, LockEntry> = {
    '': { name: manifest.name, dependencies: manifest.dependencies, devDependencies: manifest.devDependencies },
  };
  const resolveIn = (from: string, name: string): string => {
    for (let at = from; ; at = at.includes('/node_modules/') ? at.slice(0, at.lastIndexOf('/node_modules/')) : '') {
      const key = `${at ? `${at}/` : ''}node_modules/${name}`;
      if (key !== self && rootLock.packages[key]) return key;
      if (!at) throw new Error(`${name} (needed by ${from || 'the project'}) is not in package-lock.json`);
    }
  };
  // The repository's lockfile leaves `resolved` out (the default registry); offline, npm needs it to find the cached tarball.
  const entryOf = (key: string): LockEntry => {
    if (key === self) {
      const integrity = `sha512-${createHash('sha512').update(readFileSync(pkgTarball)).digest('base64')}`;
      return {
        version: widgetPkg.version,
        resolved: `file:${pkgTarball}`,
        integrity,
        license: 'MIT',
        dependencies: widgetPkg.dependencies,
      };
    }
    const entry = rootLock.packages[key]!;
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    return { resolved: `${REGISTRY}${name}/-/${name.split('/').pop()}-${entry.version}.tgz`, ...entry };
  };
  /** Adds a package and what it needs; a package also needed at run time is not marked dev. */
  const visit = (key: string, isDev: boolean) => {
    const known = packages[key];
    if (known && (isDev || !known.dev)) return;
    const entry = known ?? entryOf(key);
    if (isDev) entry.dev = true;
    else delete entry.dev;
    packages[key] = entry;
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
      try {
        visit(resolveIn(key, name), isDev);
      } catch (error) {
        if (!entry.optionalDependencies?.[name]) throw error;
      }
    }
  };
  visit(self, false);
  for (const name of Object.keys(manifest.devDependencies)) visit(resolveIn('', name), true);
  return { name: manifest.name, lockfileVersion: 3, requires: true, packages };
}

/** Installs from the tarball with what the npm cache already holds: no network at all. */
function install(dir: string): void {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lockfileFor(manifest, tarball), null, 2));
  sh('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], dir);
}

function write(file: string, text: string): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
}

/** The page script both projects share: builds the element, records its events, exposes what the test reads. */
const CONSUMER_TS = `import '@iess/recuperar-clave/define';
import { IessCompleteEvent, IessRecuperarClave, IessStepChangeEvent, RecoveryApiError, type ApiErrorKind, type RecoveryApi } from '@iess/recuperar-clave';

const kind: ApiErrorKind = 'network';
const error = new RecoveryApiError(kind);
const api: RecoveryApi | undefined = undefined;
const el = document.createElement('iess-recuperar-clave');
const typed: IessRecuperarClave = el; // HTMLElementTagNameMap knows the tag
typed.apiBase = new URLSearchParams(location.search).get('api');
const steps: string[] = [];
el.addEventListener('iess-step-change', (e) => {
  if (e instanceof IessStepChangeEvent) steps.push(e.step);
});
document.body.append(el);
Object.assign(window, {
  consumer: {
    steps,
    errorIsError: error instanceof Error && error.name === 'RecoveryApiError',
    completeIsEvent: new IessCompleteEvent('generar') instanceof Event,
    noAdapter: api === undefined,
  },
});
`;

const TSCONFIG_STRICT = {
  strict: true,
  target: 'ES2022',
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  skipLibCheck: false,
  verbatimModuleSyntax: true,
};

/** Static files of the scratch projects: /vite/ (its dist), /tsc/ (the project, node_modules included). */
function serveStatic(): Promise<void> {
  const TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript',
    '.json': 'application/json',
    '.txt': 'text/plain',
  };
  host = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const [, project, ...rest] = path.split('/');
    const base = project === 'vite' ? join(tmp, 'vite-app/dist') : project === 'tsc' ? join(tmp, 'tsc-app') : '';
    const file = base && resolve(base, rest.join('/') || 'index.html');
    if (!file || !file.startsWith(base + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise<void>((r) => host.listen(0, '127.0.0.1', () => r())).then(() => {
    const address = host.address();
    hostOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'iess-package-'));
  sh('npm', ['pack', '-w', 'widget', '--pack-destination', tmp, '--loglevel=error'], ROOT);
  tarball = join(
    tmp,
    readdirSync(tmp).find((f) => f.endsWith('.tgz'))!,
  );
  const dependency = { [widgetPkg.name]: `file:${tarball}` };

  // A Vite + TypeScript project, as `npm create vite` (vanilla-ts) makes it.
  const vite = join(tmp, 'vite-app');
  write(
    join(vite, 'package.json'),
    JSON.stringify({
      name: 'consumer-vite',
      private: true,
      type: 'module',
      dependencies: dependency,
      devDependencies: { vite: rootPkg.devDependencies.vite, typescript: rootPkg.devDependencies.typescript },
    }),
  );
  write(
    join(vite, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { ...TSCONFIG_STRICT, module: 'ESNext', moduleResolution: 'bundler', noEmit: true, types: ['vite/client'] },
      include: ['src'],
    }),
  );
  write(
    join(vite, 'index.html'),
    '<!doctype html><html lang="es-EC"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Vite</title></head><body><script type="module" src="/src/main.ts"></script></body></html>',
  );
  write(join(vite, 'vite.config.ts'), "import { defineConfig } from 'vite';\nexport default defineConfig({ base: '/vite/' });\n");
  write(join(vite, 'src/main.ts'), CONSUMER_TS);
  install(vite);
  sh(process.execPath, [join(vite, 'node_modules/typescript/bin/tsc'), '-p', '.'], vite);
  sh(process.execPath, [join(vite, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], vite);

  // A plain tsc project (Node16 resolution, the strictest about exports), run unbundled in the
  // browser with an import map onto its node_modules.
  const plain = join(tmp, 'tsc-app');
  write(
    join(plain, 'package.json'),
    JSON.stringify({
      name: 'consumer-tsc',
      private: true,
      type: 'module',
      dependencies: dependency,
      devDependencies: { typescript: rootPkg.devDependencies.typescript },
    }),
  );
  write(
    join(plain, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { ...TSCONFIG_STRICT, module: 'node16', moduleResolution: 'node16', rootDir: 'src', outDir: 'out', types: [] },
      include: ['src'],
    }),
  );
  write(join(plain, 'src/main.ts'), CONSUMER_TS);
  install(plain);
  sh(process.execPath, [join(plain, 'node_modules/typescript/bin/tsc'), '-p', '.'], plain);
  const nm = '/tsc/node_modules/';
  const imports = {
    '@iess/recuperar-clave': `${nm}@iess/recuperar-clave/dist/index.js`,
    '@iess/recuperar-clave/define': `${nm}@iess/recuperar-clave/dist/define.js`,
    lit: `${nm}lit/index.js`,
    'lit/': `${nm}lit/`,
    'lit-html': `${nm}lit-html/lit-html.js`,
    'lit-html/': `${nm}lit-html/`,
    'lit-element/': `${nm}lit-element/`,
    '@lit/reactive-element': `${nm}@lit/reactive-element/reactive-element.js`,
    '@lit/reactive-element/': `${nm}@lit/reactive-element/`,
    'zod/mini': `${nm}zod/mini/index.js`,
    ky: `${nm}ky/distribution/index.js`,
  };
  write(
    join(plain, 'index.html'),
    `<!doctype html><html lang="es-EC"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>tsc</title>
<script type="importmap">${JSON.stringify({ imports })}</script></head><body><script type="module" src="/tsc/out/main.js"></script></body></html>`,
  );
  // The one-script file, imported as a page without a bundler would.
  write(
    join(plain, 'one-script.html'),
    `<!doctype html><html lang="es-EC"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>one script</title></head><body>
<script type="module">
import { IessCompleteEvent, IessStepChangeEvent, RecoveryApiError, whenDefined } from '${nm}@iess/recuperar-clave/dist/cdn/iess-recuperar-clave.js';
const el = document.createElement('iess-recuperar-clave');
el.setAttribute('api-base', new URLSearchParams(location.search).get('api'));
const steps = [];
el.addEventListener('iess-step-change', (e) => e instanceof IessStepChangeEvent && steps.push(e.step));
document.body.append(el);
window.consumer = { steps, errorIsError: new RecoveryApiError('network') instanceof Error, completeIsEvent: new IessCompleteEvent('generar') instanceof Event, noAdapter: true };
await whenDefined;
</script></body></html>`,
  );

  await serveStatic();
  server = await startServer({ CORS_ORIGINS: hostOrigin });
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((r) => (host ? host.close(r) : r(undefined)));
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe(`${widgetPkg.name}, packed`, () => {
  it('publint finds nothing (strict)', async () => {
    const tgz = readFileSync(tarball);
    // The tarball's files sit under package/: that is the package's directory for publint.
    const { messages, pkg } = await publint({
      pkgDir: 'package',
      pack: { tarball: tgz.buffer.slice(tgz.byteOffset, tgz.byteOffset + tgz.byteLength) },
      strict: true,
    });
    expect(pkg.name).toBe(widgetPkg.name);
    expect(messages.map((m) => `${m.type}: ${formatMessage(m, pkg) ?? m.code}`)).toEqual([]);
  });

  it('arethetypeswrong finds nothing for Node 16+ ESM and bundlers', () => {
    // An ES-module-only package: CommonJS and node10 resolutions are out of scope (--profile esm-only).
    const IGNORED = ['node10', 'node16-cjs'];
    const out = sh(
      process.execPath,
      [join(ROOT, 'node_modules/@arethetypeswrong/cli/dist/index.js'), tarball, '--profile', 'esm-only', '--format', 'json'],
      ROOT,
    );
    const result = JSON.parse(out) as {
      analysis: { entrypoints: Record<string, unknown> };
      problems?: Record<string, { resolutionKind?: string; entrypoint?: string }[]>;
    };
    expect(Object.keys(result.analysis.entrypoints)).toEqual(expect.arrayContaining(['.', './define', './iess-recuperar-clave.js']));
    const problems = Object.values(result.problems ?? {})
      .flat()
      .filter((p) => !IGNORED.includes(p.resolutionKind ?? ''));
    expect(problems).toEqual([]);
  });

  it('ships compiled modules, types, the one-script file with its notices, the licence and the editor data — no sources, tests or server', () => {
    const listing = sh('tar', ['tzf', tarball], tmp)
      .trim()
      .split('\n')
      .map((f) => f.replace(/^package\//, ''));
    for (const f of [
      'package.json',
      'LICENSE',
      'README.md',
      'CHANGELOG.md',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/define.js',
      'dist/define.d.ts',
      'dist/cdn/iess-recuperar-clave.js',
      'dist/cdn/LICENSES.txt',
      'dist/custom-elements.json',
      'dist/vscode.html-custom-data.json',
      'dist/web-types.json',
    ]) {
      expect(listing, f).toContain(f);
    }
    expect(listing.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(listing.filter((f) => /(^|\/)(test|server|src)\//.test(f))).toEqual([]);
    const notices = sh('tar', ['xzOf', tarball, 'package/dist/cdn/LICENSES.txt'], tmp);
    expect(notices).toMatch(/^lit@\S+ — BSD-3-Clause$/m);
    expect(notices).toMatch(/^zod@\S+ — MIT$/m);
    const size = statSync(tarball).size;
    console.log(`${widgetPkg.name}@${widgetPkg.version}: tarball ${(size / 1000).toFixed(1)} kB, ${listing.length} files`);
    expect(size).toBeLessThan(1_000_000);
  });

  it('installs into a front-end project with lit, zod, ky and zxcvbn-ts only', () => {
    const dir = join(tmp, 'vite-app');
    const lines = sh('npm', ['ls', '--omit=dev', '--all', '--parseable', '--loglevel=error'], dir).trim().split('\n').slice(1);
    const names = lines.map((p) => p.slice(p.lastIndexOf('node_modules/') + 'node_modules/'.length)).sort();
    expect(names).toContain(widgetPkg.name);
    const allowed =
      /^(@iess\/recuperar-clave|lit|lit-html|lit-element|@lit\/reactive-element|@lit-labs\/ssr-dom-shim|@types\/trusted-types|zod|ky|@zxcvbn-ts\/(core|language-common|language-es-es|dictionary-compression)|fastest-levenshtein)$/;
    expect(names.filter((n) => !allowed.test(n))).toEqual([]);
    const bytes = lines.flatMap((p) => walk(p)).reduce((sum, f) => sum + statSync(f).size, 0);
    console.log(`install footprint (production): ${names.length} packages, ${(bytes / 1e6).toFixed(1)} MB — ${names.join(', ')}`);
    // zxcvbn-ts: the new-password step's strength estimate, loaded lazily on that step (issue 9).
    expect(Object.keys(widgetPkg.dependencies).sort()).toEqual([
      '@zxcvbn-ts/core',
      '@zxcvbn-ts/language-common',
      '@zxcvbn-ts/language-es-es',
      'ky',
      'lit',
      'zod',
    ]);
  });

  for (const [name, path] of [
    ['a Vite + TypeScript project (vite build)', '/vite/'],
    ['a plain tsc project (node16), unbundled with an import map', '/tsc/'],
    ['the one-script file, imported as it is', '/tsc/one-script.html'],
  ] as const) {
    it(`${name}: loads in Chromium and a person gets past step 1 with a demo cédula`, async () => {
      const context = await newContext(browser, 360);
      const page: Page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => m.type() === 'error' && problems.push(`${m.text()} ${m.location().url}`));
      await page.goto(`${hostOrigin}${path}?api=${encodeURIComponent(server.url)}`);
      await page.getByRole('heading', { name: 'Identificación' }).waitFor();
      await search(page, demoPerson(DEMO_CEDULA));
      const seen = await page.evaluate(() => (window as unknown as { consumer: Record<string, unknown> }).consumer);
      expect(seen).toMatchObject({ errorIsError: true, completeIsEvent: true, noAdapter: true });
      expect(seen.steps).toContain('verification');
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});
