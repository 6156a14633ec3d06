/**
 * npm test runs Chromium's end-to-end files in three runs side by side (scripts/e2e-files.mjs):
 * every file must be in exactly one of them, or it silently stops running (or runs twice).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BEYOND_CHROMIUM, CHROMIUM_BUILDS, e2eFiles } from '../../scripts/e2e-files.mjs';

const ALL = 'test/e2e/**/*.test.ts';
const files = readdirSync('test/e2e')
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `test/e2e/${f}`);

/** Whether a run with these globs takes the file (the only glob the parts use is ALL). */
const runs = (globs: { include: string[]; exclude: string[] }, file: string) =>
  (globs.include.includes(file) || globs.include.includes(ALL)) && !globs.exclude.includes(file);

describe('the end-to-end parts', () => {
  it('names only files that exist', () => {
    for (const name of [...Object.keys(BEYOND_CHROMIUM), ...CHROMIUM_BUILDS]) expect(files).toContain(`test/e2e/${name}.test.ts`);
  });

  it("puts every file in exactly one of Chromium's runs, and each run has files", () => {
    const parts = ['shared', 'pages', 'builds'].map((part) => e2eFiles(['chromium'], part));
    for (const file of files) expect(parts.filter((p) => runs(p, file)).length, file).toBe(1);
    for (const part of parts) expect(files.some((f) => runs(part, f))).toBe(true);
  });

  it('runs in Firefox and WebKit only the files with a scenario there', () => {
    const firefox = e2eFiles(['firefox']);
    expect(files.filter((f) => runs(firefox, f)).sort()).toEqual(
      Object.entries(BEYOND_CHROMIUM)
        .filter(([, engines]) => engines.includes('firefox'))
        .map(([name]) => `test/e2e/${name}.test.ts`)
        .sort(),
    );
  });

  it('refuses a part it does not know', () => {
    expect(() => e2eFiles(['chromium'], 'chromium-only')).toThrow(/no part 'chromium-only'/);
  });
});
