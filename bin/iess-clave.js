#!/usr/bin/env node
// Runs the built server (npm run build:server creates dist/server/cli.js).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/server/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('Falta dist/server/cli.js: ejecute primero `npm run build:server`.');
  process.exit(1);
}
await import(cli);
