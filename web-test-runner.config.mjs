// Element tests in real headless Chromium (Debian's), TypeScript through esbuild.
// target es2022 lowers standard decorators (toolchain.md G7); the tsconfig is passed explicitly.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { fileURLToPath } from 'node:url';
import { findChromium, HOW_TO_GET_CHROMIUM } from './scripts/find-chromium.mjs';

const executablePath = findChromium();
if (!executablePath) throw new Error(HOW_TO_GET_CHROMIUM);

export default {
  files: 'test/elements/**/*.test.ts',
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 1,
  testFramework: { config: { timeout: 60_000 } },
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
  ],
  browsers: [playwrightLauncher({ product: 'chromium', launchOptions: { executablePath, headless: true } })],
};
