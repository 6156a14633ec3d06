// bench/size.mjs's measuring function, on a throw-away build directory made here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { compressedSizes, formatReport, measureWidgetSize } from '../../bench/size.mjs';

let dir: string;
const files: Record<string, string> = {
  'define.js': 'import{a as b}from"./chunks/lit-x1.js";import"./chunks/steps-x2.js";b();',
  'chunks/lit-x1.js': `export const a=()=>"${'lit '.repeat(200)}";`,
  'chunks/steps-x2.js': 'export*from"./shared-x3.js";const l=()=>import("../lazy-x4.js");const m=()=>import(`./lazy-x5.js`);',
  'chunks/lazy-x5.js': 'export const five=5;',
  'chunks/shared-x3.js': 'export const s=1;',
  'lazy-x4.js': `export const lazy="${'z'.repeat(5000)}";`,
  'define.js.map': '{"version":3}',
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'size-bench-'));
  mkdirSync(join(dir, 'chunks'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bench/size.mjs', () => {
  it('compressedSizes matches gzip -9 of the same bytes', () => {
    const buffer = Buffer.from('hola '.repeat(1000));
    const sizes = compressedSizes(buffer);
    expect(sizes.raw).toBe(5000);
    expect(sizes.gzip).toBe(gzipSync(buffer, { level: 9 }).length);
    expect(sizes.brotli).toBeGreaterThan(0);
    expect(sizes.brotli).toBeLessThan(sizes.raw);
  });

  it('counts the entry and its static imports, not the lazy chunk or the source map', () => {
    const report = measureWidgetSize(dir);
    expect(report.files.map((f) => f.file).sort()).toEqual(Object.keys(files).sort());
    expect(report.entries).toHaveLength(1);
    const [entry] = report.entries;
    expect(entry!.entry).toBe('define.js');
    expect(entry!.files).toEqual(['chunks/lit-x1.js', 'chunks/shared-x3.js', 'chunks/steps-x2.js', 'define.js']);
    const expected = entry!.files.reduce((sum, f) => sum + Buffer.byteLength(files[f]!), 0);
    expect(entry!.raw).toBe(expected);
    expect(entry!.withLazy.files).toEqual([...entry!.files, 'chunks/lazy-x5.js', 'lazy-x4.js'].sort());
    expect(formatReport(report)).toContain('FirebaseUI');
  });

  it('an explicit entry measures only its closure', () => {
    const report = measureWidgetSize(dir, { entry: 'chunks/steps-x2.js' });
    expect(report.entries[0]!.files).toEqual(['chunks/shared-x3.js', 'chunks/steps-x2.js']);
  });

  it('says clearly when the build is missing', () => {
    expect(() => measureWidgetSize(join(dir, 'nope'))).toThrow(/npm run build:widget/);
  });
});
