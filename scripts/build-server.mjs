// Bundles server/cli.ts to dist/server/cli.js (Node 20 cannot run .ts): packages stay external.
import { build } from 'esbuild';

await build({
  entryPoints: ['server/cli.ts'],
  outfile: 'dist/server/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
console.log('dist/server/cli.js');
