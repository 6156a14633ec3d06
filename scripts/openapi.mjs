#!/usr/bin/env node
// Writes docs/openapi.json from the contract. Node 22 does not import .ts by default, so esbuild bundles
// scripts/openapi.ts in memory first.
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Bundled into the project's .tmp/ so that `zod/mini` resolves from node_modules.
const out = `${root}.tmp/openapi-${process.pid}.mjs`;
mkdirSync(`${root}.tmp`, { recursive: true });
await build({
  entryPoints: [`${root}scripts/openapi.ts`],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: out,
  packages: 'external',
  logLevel: 'error',
});
const { renderOpenApi } = await import(out).finally(() => rmSync(out, { force: true }));
writeFileSync(`${root}docs/openapi.json`, renderOpenApi());
console.log('wrote docs/openapi.json');
