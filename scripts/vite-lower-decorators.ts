/**
 * Vite 8 (Oxc) leaves TC39 standard decorators in its output and browsers cannot parse them yet
 * (README, Toolchain decisions). This pre-plugin lowers them with esbuild on our own .ts files. Every Vite or
 * Vitest config that touches decorated code uses it.
 */
import type { Plugin } from 'vite';
import { transform } from 'esbuild';

export function lowerStandardDecorators(): Plugin {
  return {
    name: 'lower-standard-decorators',
    enforce: 'pre',
    async transform(code, id) {
      if (!/\.[cm]?ts$/.test(id) || id.includes('/node_modules/') || !code.includes('@')) return null;
      const result = await transform(code, {
        loader: 'ts',
        target: 'es2022',
        sourcemap: true,
        sourcefile: id,
        tsconfigRaw: { compilerOptions: { experimentalDecorators: false, useDefineForClassFields: true } },
      });
      return { code: result.code, map: result.map };
    },
  };
}
