#!/usr/bin/env node
// Zips the built extension for the stores: dist/iess-clave-<browser>-<version>.zip.
// Refuses a dist written by the crxjs dev server (it opens the extension to every page).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import webExt from 'web-ext';

const root = fileURLToPath(new URL('..', import.meta.url));
const artifactsDir = `${root}dist`;

for (const browser of ['chrome', 'firefox']) {
  const sourceDir = `${root}dist/extension-${browser}`;
  const manifestPath = `${sourceDir}/manifest.json`;
  if (!existsSync(manifestPath)) {
    console.error(`${manifestPath} is missing: run npm run build:extension first`);
    process.exit(1);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (manifest.web_accessible_resources || JSON.stringify(manifest).includes('<all_urls>')) {
    console.error(`${sourceDir} looks like a dev-server build (web_accessible_resources): rebuild before packaging`);
    process.exit(1);
  }
  const filename = `iess-clave-${browser}-${manifest.version}.zip`;
  await webExt.cmd.build(
    { sourceDir, artifactsDir, filename, overwriteDest: true, ignoreFiles: ['**/*.map'] },
    { shouldExitProgram: false, showReadyMessage: false },
  );
  console.log(`packaged: dist/${filename}`);
}
