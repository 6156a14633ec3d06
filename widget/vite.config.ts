/**
 * `npm run build:widget` -> dist/widget/iess-recuperar-clave.js: ONE ES module a page loads with
 * one script tag; it registers every element (define.ts). Lit and Spanish are inside; English is
 * a separate chunk loaded only when asked for (dynamic import in i18n/localize.ts). Every .js gets
 * a .br and a .gz beside it (scripts/vite-precompress.ts); the CSS in css`` templates is minified
 * (scripts/vite-minify-css-literals.ts). Full minify
 * needs rolldown's own option in library mode. WIDGET_OUT_DIR lets tests build
 * into a temporary folder.
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { minifyCssLiterals } from '../scripts/vite-minify-css-literals.ts';
import { precompress } from '../scripts/vite-precompress.ts';
import { thirdPartyNotices } from '../scripts/vite-licenses.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  publicDir: false,
  plugins: [minifyCssLiterals(), precompress(), thirdPartyNotices('<iess-recuperar-clave>')],
  // The widget never runs in Node: take each package's browser/production build, also when the
  // build runs inside a test runner (NODE_ENV=test would otherwise pick Lit's development build).
  mode: 'production',
  resolve: { conditions: ['module', 'browser', 'production'] },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: process.env.WIDGET_OUT_DIR ?? `${root}dist/widget`,
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    reportCompressedSize: false,
    manifest: true,
    lib: {
      entry: fileURLToPath(new URL('./define.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => 'iess-recuperar-clave.js',
    },
    rolldownOptions: {
      output: {
        minify: true,
        chunkFileNames: 'chunks/[name]-[hash].js',
        // The HTTP client and the contract always load together (right after the first paint):
        // one chunk, one request, one compression window — not a client that then asks for its contract.
        codeSplitting: {
          groups: [
            // The port and the problem kinds are the entry's own static imports: kept apart, not pulled
            // into 'api' (a group takes its modules' dependencies along).
            { name: 'recovery-api', test: /widget\/api\/(recovery-api|problem-kinds)\.ts$/, priority: 2 },
            { name: 'api', test: /widget\/api\/(contract|http-recovery-api)\.ts$|node_modules\/(ky|zod)\//, priority: 1 },
            // The rest of what the entry shares with the lazy chunks (Lit, step-base, the flow's
            // helpers): ONE chunk, not one per set of importers — each file is compressed on its own
            // and is one more request (with the later steps' transitions apart: five files).
            // Not the later Spanish (the later steps' and the shell's, ./i18n/es-later.ts): the later
            // steps import it and the shell's controller awaits it before any answer, never sooner.
            { name: 'step-base', minShareCount: 2, test: (id) => !/widget\/i18n\/(es-later|es\/(steps|shell-later))\.ts$/.test(id) },
            // What the shell needs past the first step, in one chunk: the later Spanish and the later
            // steps' views (./shell/later-step-views.ts), which its controller loads together; apart,
            // the views' own chunk cost 343 B more in all (each file is compressed on its own).
            { name: 'shell-later', test: /widget\/(i18n\/(es-later|es\/(steps|shell-later))|shell\/later-step-views)\.ts$/ },
          ],
        },
      },
    },
  },
});
