/**
 * The package's public surface is deliberate (issue 11): `@iess/recuperar-clave` exports the
 * element, its events, the adapter's error and the adapter's helpers — no step element, no test
 * hook — and what it documents for tools (custom-elements.json, docs/embedding.md) shows no test
 * hook either. The built package itself is checked by test/package/consumer.test.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, matchesGlob, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../../widget/index.ts';
import { publicManifest, publicNames } from '../../scripts/editor-data.mjs';

const manifest = JSON.parse(readFileSync(new URL('../../custom-elements.json', import.meta.url), 'utf8'));
const TEST_HOOKS = ['clock', 'flowState', 'send', 'flow'];

describe('@iess/recuperar-clave public surface', () => {
  it('exports the element, its four events and RecoveryApiError', () => {
    for (const name of [
      'IessRecuperarClave',
      'IessStepChangeEvent',
      'IessCompleteEvent',
      'IessCancelEvent',
      'IessErrorEvent',
      'RecoveryApiError',
      'createHttpRecoveryApi',
    ]) {
      expect(api, name).toHaveProperty(name);
    }
    expect(new api.IessCompleteEvent('generar')).toBeInstanceOf(Event);
  });

  it('exports no step element and no internal helper', () => {
    const names = Object.keys(api);
    expect(names.filter((n) => /^Iess(Paso|Estado|Dialogo)/.test(n))).toEqual([]);
    expect(names).not.toContain('takeActivationToken');
    expect(names).not.toContain('ManualClock');
    expect(names).not.toContain('shellClocks');
  });

  it('the element has no test hook: no clock, flowState or send() on it', () => {
    for (const hook of TEST_HOOKS) {
      expect(Object.getOwnPropertyDescriptor(api.IessRecuperarClave.prototype, hook), hook).toBeUndefined();
    }
  });

  it("custom-elements.json and the package's copy of it list no test hook and no step element", () => {
    const shell = manifest.modules
      .flatMap((m: { declarations?: object[] }) => m.declarations ?? [])
      .find((d: { tagName?: string }) => d.tagName === 'iess-recuperar-clave');
    const visible = shell.members
      .filter((m: { privacy?: string }) => !m.privacy || m.privacy === 'public')
      .map((m: { name: string }) => m.name);
    expect(visible.filter((n: string) => TEST_HOOKS.includes(n))).toEqual([]);
    const pkg = publicManifest(manifest);
    const tags = pkg.modules.flatMap((m) => (m.declarations ?? []).map((d) => d.tagName as string | undefined)).filter(Boolean);
    expect(tags).toEqual(['iess-recuperar-clave']);
    expect(pkg.modules.every((m) => m.path.startsWith('dist/') && m.path.endsWith('.js'))).toBe(true);
    expect([...publicNames()]).toEqual(Object.keys(api).filter((n) => publicNames().has(n)));
  });

  it('docs/embedding.md documents no test hook as a property', () => {
    const doc = readFileSync(new URL('../../docs/embedding.md', import.meta.url), 'utf8');
    for (const hook of TEST_HOOKS) expect(doc, hook).not.toMatch(new RegExp(`^\\| \`${hook}\` \\|`, 'm'));
  });

  it('sideEffects names every module with top-level effects, so no bundler drops one (widget/package.json)', () => {
    const dir = new URL('../../widget/', import.meta.url).pathname;
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { sideEffects: string[] };
    const walk = (d: string): string[] =>
      readdirSync(d).flatMap((n) =>
        n === 'dist' || n === 'node_modules' ? [] : statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)],
      );
    const sources = walk(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('vite.config.ts'));
    // A statement at the top level that is a call (registering tags, filling a table, configuring zod).
    const effectful = sources.filter((f) =>
      /^(?!import|export|const|let|type|interface|function|class|declare|async|\/|\*| |\}|$)[\w$.]+\(/m.test(readFileSync(f, 'utf8')),
    );
    expect(effectful.length).toBeGreaterThan(0);
    for (const file of effectful) {
      const rel = relative(dir, file);
      const covered = (ext: string) =>
        pkg.sideEffects.some((g) => matchesGlob(rel.replace(/\.ts$/, ext), g) || matchesGlob(`dist/${rel.replace(/\.ts$/, ext)}`, g));
      expect(covered('.ts') && covered('.js'), rel).toBe(true);
    }
  });
});
