/**
 * Theming: a host page styles the steps through the shell with `::part()` — the steps forward
 * their parts (exportparts), and the questions' own `progress` is renamed so it does not clash.
 */
import { expect } from '@esm-bundle/chai';
import { axeViolations, cleanupShells, mountShell, untilStep } from './iess-recuperar-clave-helpers.ts';

describe('iess-recuperar-clave: ::part() reaches the steps', () => {
  let style: HTMLStyleElement;
  afterEach(() => {
    cleanupShells();
    style?.remove();
  });

  it('is accessible with a themed heading and button', async () => {
    style = document.createElement('style');
    style.textContent = 'iess-recuperar-clave::part(heading){color:rgb(1, 2, 3)} iess-recuperar-clave::part(submit){outline-offset:7px}';
    document.head.append(style);
    const m = await mountShell();
    const step = await untilStep(m.el, 'iess-paso-identificacion');
    await step.updateComplete;
    expect(await axeViolations(m.el)).to.equal('');
    const heading = step.shadowRoot!.querySelector('[part~=heading]')!;
    const submit = step.shadowRoot!.querySelector('[part~=submit]')!;
    expect(getComputedStyle(heading).color).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(submit).outlineOffset).to.equal('7px');
  });

  it("forwards the steps' parts and renames the questions' progress", async () => {
    const m = await mountShell();
    const step = await untilStep(m.el, 'iess-paso-identificacion');
    const forwarded = step.getAttribute('exportparts') ?? '';
    for (const part of ['heading', 'submit', 'error-summary', 'contact', 'captcha']) expect(forwarded).to.contain(part);
    expect(forwarded).to.contain('progress:questions-progress');
  });
});
