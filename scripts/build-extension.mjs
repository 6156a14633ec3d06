#!/usr/bin/env node
// Builds the extension for Chrome (dist/extension-chrome) and Firefox (dist/extension-firefox)
// from the one vite.config.ts. `--browser chrome|firefox` builds only one.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv.includes('--browser') ? process.argv[process.argv.indexOf('--browser') + 1] : undefined;
const browsers = only ? [only] : ['chrome', 'firefox'];

for (const browser of browsers) {
  if (browser !== 'chrome' && browser !== 'firefox') {
    console.error(`Unknown browser "${browser}" (chrome or firefox)`);
    process.exit(2);
  }
  const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
  const result = spawnSync(process.execPath, [vite, 'build', '-c', 'vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TARGET_BROWSER: browser, NODE_ENV: 'production' },
  });
  if (result.status !== 0) {
    console.error(`Extension build for ${browser} failed`);
    process.exit(result.status ?? 1);
  }
  console.log(`extension built: ${process.env.EXTENSION_OUT_DIR ?? `dist/extension-${browser}`}`);
}
