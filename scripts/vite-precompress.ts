/**
 * Writes `name.br` (brotli -q 11) and `name.gz` (gzip -9) beside every JavaScript file of the
 * build, so a server or CDN sends compressed bytes without compressing per request (the reference
 * server picks one by Accept-Encoding: server/routes/widget-files.ts; docs/embedding.md §CDN).
 * Subresource Integrity is unaffected: it covers the decoded bytes, which stay the .js file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** The encodings written beside each file, best first, with their file suffix. */
export const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

export function compress(bytes: Buffer, encoding: (typeof PRECOMPRESSED)[number]['encoding']): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })
    : gzipSync(bytes, { level: 9 });
}

export function precompress(): Plugin {
  return {
    name: 'precompress',
    apply: 'build',
    enforce: 'post',
    writeBundle(options, bundle) {
      const dir = options.dir ?? '';
      for (const fileName of Object.keys(bundle)) {
        if (!/\.m?js$/.test(fileName)) continue;
        const path = join(dir, fileName);
        const bytes = readFileSync(path);
        for (const { encoding, suffix } of PRECOMPRESSED) writeFileSync(path + suffix, compress(bytes, encoding));
      }
    },
  };
}
