/**
 * The layering rules of the README (Layout) and the dynamic-code bans (CS-02, CS-03) are enforced by
 * eslint.config.js; these tests prove each rule fires, so a config change cannot silently drop one.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function ruleMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('lint: dependency rules', () => {
  it('widget/ may not import the extension, the server, Node or test code', async () => {
    const messages = await ruleMessages(
      'widget/steps/probe.ts',
      [
        "import { a } from '../../src/platform/storage.ts';",
        "import { b } from '../../server/app.ts';",
        "import { c } from 'node:fs';",
        "import { d } from '../../test/helpers/x.ts';",
        'export const all = [a, b, c, d];',
      ].join('\n'),
    );
    expect(messages.filter((m) => m.startsWith('no-restricted-imports'))).toHaveLength(4);
  });

  it('only the HTTP client imports ky, and steps never reach the API port', async () => {
    expect(await ruleMessages('widget/flow/probe.ts', "import ky from 'ky';\nexport const k = ky;\n")).toEqual([
      expect.stringContaining('Only widget/api/http-recovery-api.ts imports ky'),
    ]);
    expect(await ruleMessages('widget/api/http-recovery-api.ts', "import ky from 'ky';\nexport const k = ky;\n")).toEqual([]);
    const step = await ruleMessages('widget/steps/probe.ts', "import { x } from '../api/http-recovery-api.ts';\nexport const y = x;\n");
    expect(step).toEqual([expect.stringContaining('Steps are presentational')]);
  });

  it('server/ may import the contract and widget/domain, nothing else of the widget', async () => {
    const allowed = await ruleMessages(
      'server/probe.ts',
      "import { Problem } from '../widget/api/contract.ts';\nimport { v } from '../widget/domain/cedula.ts';\nexport const a = [Problem, v];\n",
    );
    expect(allowed).toEqual([]);
    const refused = await ruleMessages('server/probe.ts', "import { L } from '../widget/i18n/localize.ts';\nexport const a = L;\n");
    expect(refused).toEqual([expect.stringContaining('server/ may import only widget/api/contract.ts')]);
  });

  it('browser.* (webextension-polyfill) only inside src/platform/', async () => {
    const code = "import browser from 'webextension-polyfill';\nexport const b = browser;\n";
    expect(await ruleMessages('src/popup/probe.ts', code)).toEqual([expect.stringContaining('Only src/platform/')]);
    expect(await ruleMessages('src/platform/probe.ts', code)).toEqual([]);
  });
});

describe('lint: no dynamic code, no HTML sinks (CS-02, CS-03)', () => {
  it.each([
    ['eval', 'export const f = (s: string) => eval(s);', 'no-eval'],
    ['new Function', "export const f = new Function('return 1');", 'no-new-func'],
    ['innerHTML', 'export const f = (el: HTMLElement, s: string) => { el.innerHTML = s; };', 'no-restricted-syntax'],
    [
      'unsafeHTML',
      "import { unsafeHTML } from 'lit/directives/unsafe-html.js';\nexport const f = (s: string) => unsafeHTML(s);",
      'no-restricted-syntax',
    ],
    ['string timer', "setTimeout('alert(1)', 1);", 'no-restricted-syntax'],
  ])('refuses %s', async (_name, code, rule) => {
    const messages = await ruleMessages('widget/probe.ts', code);
    expect(messages.some((m) => m.startsWith(`${rule}:`) || m.startsWith('@typescript-eslint/no-implied-eval'))).toBe(true);
  });
});
