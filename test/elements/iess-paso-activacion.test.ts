import { expect } from '@esm-bundle/chai';
import type { StepIntentEvent } from '../../widget/events/intents.ts';
import { IessPasoActivacion } from '../../widget/steps/iess-paso-activacion.ts';
import { fixtures } from '../fixtures/api/index.ts';
import { $, axeViolations, cleanup, collect, deepActiveElement, mount } from './iess-paso-helpers.ts';

const check = fixtures.checkActivation.recuperar;

describe('iess-paso-activacion', () => {
  afterEach(cleanup);

  it('has no axe violations, before and after a refused submit', async () => {
    const el = await mount(IessPasoActivacion, { declaration: check.declaration, maskedId: check.maskedId });
    expect(await axeViolations(el)).to.equal('');
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await el.updateComplete;
    expect(await axeViolations(el)).to.equal('');
  });

  it('shows the declaration as a required checkbox, unticked by default', async () => {
    const el = await mount(IessPasoActivacion);
    expect($(el, 'label.choice').textContent).to.contain('Declaro que toda la información registrada es fidedigna');
    expect($<HTMLInputElement>(el, '#declaration').checked).to.equal(false);
    expect($(el, '#declaration').getAttribute('aria-required')).to.equal('true');
  });

  it('refuses to continue without the declaration, with a summary linked to the box', async () => {
    const el = await mount(IessPasoActivacion, { declaration: check.declaration });
    const events = collect(el, 'step-intent');
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await el.updateComplete;
    await el.updateComplete;
    expect(events).to.have.length(0);
    expect(deepActiveElement()).to.equal($(el, '.error-summary'));
    $<HTMLAnchorElement>(el, '.error-summary a').click();
    expect(deepActiveElement()).to.equal($(el, '#declaration'));
  });

  it('fires the accept-declaration intent', async () => {
    const el = await mount(IessPasoActivacion, { declaration: check.declaration });
    const events = collect<StepIntentEvent>(el, 'step-intent');
    $<HTMLInputElement>(el, '#declaration').click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    expect(events.map((e) => e.intent)).to.deep.equal([{ type: 'accept-declaration' }]);
  });
});
