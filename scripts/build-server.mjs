// Bundles server/cli.ts to dist/server/cli.js (one file, no TypeScript at run time): packages stay external.
import { build } from 'esbuild';

await build({
  entryPoints: ['server/cli.ts'],
  outfile: 'dist/server/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
console.log('dist/server/cli.js');
