#!/usr/bin/env node
/**
 * Builds the npm package `@iess/recuperar-clave` (widget/) into widget/dist/, what `npm pack -w
 * widget` ships (its `prepack` runs this):
 *   dist/**.js + .d.ts        one ES module and its types per source file (tsc, widget/tsconfig.build.json):
 *                             `.ts` import paths rewritten to `.js` (the source has no decorators), so a
 *                             consumer's bundler and `tsc` take them as they are
 *   dist/cdn/                 the one-script build (widget/vite.config.ts) with LICENSES.txt
 *   dist/custom-elements.json the public part of custom-elements.json, paths into dist/
 *   dist/vscode.html-custom-data.json, dist/web-types.json   editor data from it (scripts/editor-data.mjs)
 * and copies the repository's LICENSE and CHANGELOG.md into widget/ (npm takes them from there).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publicManifest, vscodeCustomData, webTypes } from './editor-data.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkgDir = join(root, 'widget');
const dist = join(pkgDir, 'dist');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));

function step(what, cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`${what} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
}

rmSync(dist, { recursive: true, force: true });
step('tsc (widget/tsconfig.build.json)', process.execPath, [
  join(root, 'node_modules/typescript/bin/tsc'),
  '-p',
  'widget/tsconfig.build.json',
]);
// tsc rewrites `.ts` specifiers of static imports in the .js it emits, but not those of `import()`
// nor any in the declarations it writes: every relative `.ts` specifier becomes `.js` here.
for (const file of walk(dist).filter((f) => f.endsWith('.js') || f.endsWith('.d.ts'))) {
  const text = readFileSync(file, 'utf8');
  const fixed = text.replace(/((?:from|import)\s*\(?\s*["'])(\.{1,2}\/[^"']+)\.ts(["'])/g, '$1$2.js$3');
  if (fixed !== text) writeFileSync(file, fixed);
}
step(
  'vite build (widget/vite.config.ts)',
  process.execPath,
  [join(root, 'node_modules/vite/bin/vite.js'), 'build', '-c', 'widget/vite.config.ts', '--logLevel', 'warn'],
  {
    WIDGET_OUT_DIR: join(dist, 'cdn'),
  },
);

const manifest = publicManifest(JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')));
writeFileSync(join(dist, 'custom-elements.json'), `${JSON.stringify(manifest, null, 2)}\n`);
writeFileSync(join(dist, 'vscode.html-custom-data.json'), `${JSON.stringify(vscodeCustomData(manifest), null, 2)}\n`);
writeFileSync(join(dist, 'web-types.json'), `${JSON.stringify(webTypes(manifest, pkg), null, 2)}\n`);
copyFileSync(join(root, 'LICENSE'), join(pkgDir, 'LICENSE'));
copyFileSync(join(root, 'CHANGELOG.md'), join(pkgDir, 'CHANGELOG.md'));
console.log(`${pkg.name}@${pkg.version}: widget/dist/ built (${walk(dist).length} files)`);
