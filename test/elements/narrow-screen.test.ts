/**
 * What a person stumbles on at 360 px (found by looking at docs/screenshots/*-360.png): the
 * sender's address broken after its hyphen ("no-" / "responder@…"), and password rules ticked
 * before anything was typed.
 */
import { expect } from '@esm-bundle/chai';
import { IessPasoCorreoEnviado } from '../../widget/steps/iess-paso-correo-enviado.ts';
import { IessPasoNuevaClave } from '../../widget/steps/iess-paso-nueva-clave.ts';
import { IessPasoPreguntas } from '../../widget/steps/iess-paso-preguntas.ts';
import { fixtures, FIXTURE_CEDULA, FIXTURE_NOW_MS, securityQuestionBank } from '../fixtures/api/index.ts';
import { cleanup, mount } from './iess-paso-helpers.ts';

/** The text of each rendered line of `el` (line boxes found with a Range over its text). */
function lines(el: Element): string[] {
  const out = new Map<number, string>();
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    for (let i = 0; i < text.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect) continue;
      const top = Math.round(rect.top);
      out.set(top, (out.get(top) ?? '') + text[i]);
    }
  }
  return [...out.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t.trim());
}

describe('at 360 px', () => {
  let wrapper: HTMLElement;
  beforeEach(() => {
    wrapper = document.createElement('div');
    wrapper.style.width = '296px'; // a step inside the shell on a 360 px screen (as in docs/screenshots/walkthrough-*-360.png)
    document.body.append(wrapper);
  });
  afterEach(() => {
    cleanup();
    wrapper.remove();
  });

  it('the sender "IESS <no-responder@iess.gob.ec>" wraps before the address, never inside it', async () => {
    const activation = { ...fixtures.sendActivation.onRecord.activation, from: 'IESS <no-responder@iess.gob.ec>' };
    const el = await mount(IessPasoCorreoEnviado, { activation, clockOffset: 0, now: FIXTURE_NOW_MS }, wrapper);
    const dd = el.shadowRoot!.querySelector('dl.info dd')!;
    const shown = lines(dd);
    expect(
      shown.some((l) => l.includes('<no-responder@iess.gob.ec>')),
      JSON.stringify(shown),
    ).to.equal(true);
    expect(dd.textContent!.replace(/\s+/g, ' ').trim()).to.equal('IESS <no-responder@iess.gob.ec>');
  });

  it('a sender without an address is shown as it is', async () => {
    const activation = { ...fixtures.sendActivation.onRecord.activation, from: 'IESS' };
    const el = await mount(IessPasoCorreoEnviado, { activation, clockOffset: 0, now: FIXTURE_NOW_MS });
    expect(el.shadowRoot!.querySelector('dl.info dd')!.textContent!.trim()).to.equal('IESS');
  });

  it('nothing typed yet: no password rule shows as met; typing ticks the ones that hold', async () => {
    const el = await mount(IessPasoNuevaClave, { policy: fixtures.getConfig.default.policy, identification: FIXTURE_CEDULA });
    const form = el.querySelector('form[data-iess-clave-form]')!;
    expect([...form.querySelectorAll('li[data-rule]')].map((li) => li.className)).to.deep.equal(
      [...form.querySelectorAll('li[data-rule]')].map(() => 'iess-pending'),
    );
    expect(form.textContent).not.to.contain('✓');
    const input = form.querySelector<HTMLInputElement>('input[name="new-password"]')!;
    input.value = 'corta';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await el.updateComplete;
    expect(form.querySelector('li[data-rule="max-length"]')!.className).to.equal('iess-ok');
    expect(form.querySelector('li[data-rule="min-length"]')!.className).to.equal('iess-pending');
  });

  it('"Mostrar respuestas" stands apart from the first question (as far from it as the fields are from each other)', async () => {
    const el = await mount(IessPasoPreguntas, { bank: securityQuestionBank }, wrapper);
    const root = el.shadowRoot!;
    const toggle = root.querySelector('#sq-reveal')!.closest('label')!.getBoundingClientRect();
    const firstLabel = root.querySelector('label[for=sq-0]')!.getBoundingClientRect();
    const firstInput = root.querySelector('#sq-0')!.getBoundingClientRect();
    const secondLabel = root.querySelector('label[for=sq-1]')!.getBoundingClientRect();
    const gapAfterToggle = firstLabel.top - toggle.bottom;
    const gapBetweenFields = secondLabel.top - firstInput.bottom;
    expect(gapAfterToggle).to.be.at.least(gapBetweenFields - 1);
  });
});
