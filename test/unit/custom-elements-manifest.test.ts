/** custom-elements.json is generated from the elements' JSDoc; this fails when it is stale (run `npm run cem`). */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;

describe('custom-elements.json', () => {
  it('matches what `npm run cem` generates from the sources', () => {
    // The analyzer resolves outdir against the project root, so write under the ignored .tmp/.
    mkdirSync(join(root, '.tmp'), { recursive: true });
    const out = mkdtempSync(join(root, '.tmp', 'cem-'));
    try {
      execFileSync(join(root, 'node_modules/.bin/cem'), ['analyze'], {
        cwd: root,
        stdio: 'pipe',
        env: { ...process.env, CEM_OUTDIR: relative(root, out) },
      });
      const fresh = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8'));
      const committed = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
      expect(committed).toEqual(fresh);
      const tags = fresh.modules
        .flatMap((m: { declarations?: { tagName?: string }[] }) => (m.declarations ?? []).map((d) => d.tagName))
        .filter(Boolean);
      expect(tags).toContain('iess-recuperar-clave');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
