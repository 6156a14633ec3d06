/**
 * The extension build (crxjs 3 + Vite 8) from the top-level manifest.json. Chrome by default into
 * dist/extension-chrome; TARGET_BROWSER=firefox builds the Firefox flavour into
 * dist/extension-firefox. The widget's library build has its own config (widget/vite.config.ts).
 */
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import sourceManifest from './manifest.json' with { type: 'json' };
import widgetPackage from './widget/package.json' with { type: 'json' };
import { thirdPartyNotices } from './scripts/vite-licenses.ts';
import { MANAGED_SCHEMA_PATH, manifestFor, targetBrowser } from './src/manifest-flavours.ts';

const browser = targetBrowser(process.env.TARGET_BROWSER);

/** crxjs does not copy the file `storage.managed_schema` names (Chrome only): emitted here as it is. */
function managedSchema(): Plugin {
  return {
    name: 'iess-managed-schema',
    generateBundle() {
      if (browser !== 'chrome') return;
      this.emitFile({
        type: 'asset',
        fileName: MANAGED_SCHEMA_PATH,
        source: readFileSync(new URL(`./${MANAGED_SCHEMA_PATH}`, import.meta.url)),
      });
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  publicDir: false,
  plugins: [
    crx({ manifest: manifestFor(sourceManifest, browser, widgetPackage.version) as unknown as ManifestV3Export, browser }),
    thirdPartyNotices('The IESS clave extension'),
    managedSchema(),
  ],
  build: {
    // Tests build into a temporary folder of their own (EXTENSION_OUT_DIR).
    outDir: process.env.EXTENSION_OUT_DIR ?? `dist/extension-${browser}`,
    emptyOutDir: true,
    // Readable output helps store reviewers; no source maps shipped.
    minify: true,
    sourcemap: false,
    target: 'es2022',
  },
});
