import { expect } from '@esm-bundle/chai';
import { sendKeys } from './browser-commands.ts';
import type { StepIntentEvent } from '../../widget/events/intents.ts';
import { IessDialogoConfirmacion } from '../../widget/steps/iess-dialogo-confirmacion.ts';
import { $, axeViolations, cleanup, collect, deepActiveElement, intents, mount } from './iess-paso-helpers.ts';

describe('iess-dialogo-confirmacion', () => {
  afterEach(cleanup);

  it('has no axe violations while open', async () => {
    const el = await mount(IessDialogoConfirmacion);
    expect(await axeViolations(el)).to.equal('');
  });

  it('opens as a modal dialog with the institution sentence and ACEPTAR', async () => {
    const el = await mount(IessDialogoConfirmacion);
    const dialog = $<HTMLDialogElement>(el, 'dialog');
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect($(el, '#confirm-text').textContent).to.equal('Si está seguro de la información registrada, dé clic en ACEPTAR');
    expect($(el, '[part=accept]').textContent).to.equal('ACEPTAR');
    expect(deepActiveElement()).to.equal($(el, 'h2'));
  });

  it('fires the confirm intent on ACEPTAR', async () => {
    const el = await mount(IessDialogoConfirmacion);
    const events = collect<StepIntentEvent>(el, 'step-intent');
    $<HTMLButtonElement>(el, '[part=accept]').click();
    expect(events.map((e) => e.intent)).to.deep.equal([{ type: 'confirm' }]);
  });

  it('fires the dismiss intent on the way back and on Escape (cancel), and closes', async () => {
    const el = await mount(IessDialogoConfirmacion);
    const fired = intents(el);
    $<HTMLButtonElement>(el, '[part=back]').click();
    expect(fired).to.deep.equal(['dismiss']);
    expect($<HTMLDialogElement>(el, 'dialog').open).to.equal(false);

    const again = await mount(IessDialogoConfirmacion);
    const fired2 = intents(again);
    $<HTMLDialogElement>(again, 'dialog').dispatchEvent(new Event('cancel', { cancelable: true }));
    expect(fired2).to.deep.equal(['dismiss']);
  });

  it('keeps focus inside and answers real keys: Tab to ACEPTAR + Enter submits, Escape goes back', async () => {
    const el = await mount(IessDialogoConfirmacion);
    const fired = intents(el);
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal($(el, '[part=accept]'));
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal($(el, '[part=back]'));
    await sendKeys({ press: 'Shift+Tab' });
    await sendKeys({ press: 'Enter' });
    expect(fired).to.deep.equal(['confirm']);
    await sendKeys({ press: 'Escape' });
    expect(fired).to.deep.equal(['confirm', 'dismiss']);
  });

  it('does not accept twice while busy', async () => {
    const el = await mount(IessDialogoConfirmacion, { busy: true });
    const events = collect(el, 'step-intent');
    $<HTMLButtonElement>(el, '[part=accept]').click();
    expect(events).to.have.length(0);
  });
});
