import { expect } from '@esm-bundle/chai';
import { sendKeys } from './browser-commands.ts';
import type { StepSubmitEvent } from '../../widget/events/intents.ts';
import { IessDialogoConfirmacion, type ConfirmData } from '../../widget/steps/iess-dialogo-confirmacion.ts';
import { $, axeViolations, cleanup, collect, deepActiveElement, mount } from './iess-paso-helpers.ts';

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

  it('fires step-submit on ACEPTAR', async () => {
    const el = await mount(IessDialogoConfirmacion);
    const events = collect<StepSubmitEvent<ConfirmData>>(el, 'step-submit');
    $<HTMLButtonElement>(el, '[part=accept]').click();
    expect(events.map((e) => e.data)).to.deep.equal([{ confirmed: true }]);
  });

  it('fires step-back on the way back and on Escape (cancel), and closes', async () => {
    const el = await mount(IessDialogoConfirmacion);
    const back = collect(el, 'step-back');
    $<HTMLButtonElement>(el, '[part=back]').click();
    expect(back).to.have.length(1);
    expect($<HTMLDialogElement>(el, 'dialog').open).to.equal(false);

    const again = await mount(IessDialogoConfirmacion);
    const back2 = collect(again, 'step-back');
    $<HTMLDialogElement>(again, 'dialog').dispatchEvent(new Event('cancel', { cancelable: true }));
    expect(back2).to.have.length(1);
  });

  it('keeps focus inside and answers real keys: Tab to ACEPTAR + Enter submits, Escape goes back', async () => {
    const el = await mount(IessDialogoConfirmacion);
    const submits = collect(el, 'step-submit');
    const backs = collect(el, 'step-back');
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal($(el, '[part=accept]'));
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal($(el, '[part=back]'));
    await sendKeys({ press: 'Shift+Tab' });
    await sendKeys({ press: 'Enter' });
    expect(submits).to.have.length(1);
    await sendKeys({ press: 'Escape' });
    expect(backs).to.have.length(1);
  });

  it('does not accept twice while busy', async () => {
    const el = await mount(IessDialogoConfirmacion, { busy: true });
    const events = collect(el, 'step-submit');
    $<HTMLButtonElement>(el, '[part=accept]').click();
    expect(events).to.have.length(0);
  });
});
