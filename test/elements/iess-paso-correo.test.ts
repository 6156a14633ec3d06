import { expect } from '@esm-bundle/chai';
import type { StepIntentEvent } from '../../widget/events/intents.ts';
import { IessPasoCorreo } from '../../widget/steps/iess-paso-correo.ts';
import { fixtures } from '../fixtures/api/index.ts';
import { $, $$, axeViolations, cleanup, collect, deepActiveElement, mount, text, type } from './iess-paso-helpers.ts';

const onRecord = fixtures.verify.generar.email;

describe('iess-paso-correo', () => {
  afterEach(cleanup);

  it('has no axe violations in both modes, and after a refused submit', async () => {
    const a = await mount(IessPasoCorreo, { email: onRecord });
    expect(await axeViolations(a)).to.equal('');
    const b = await mount(IessPasoCorreo, { email: { onRecord: false } });
    expect(await axeViolations(b)).to.equal('');
    $<HTMLButtonElement>(b, 'button[type=submit]').click();
    await b.updateComplete;
    expect(await axeViolations(b)).to.equal('');
  });

  it('with no address on record and no new one allowed online (issue 9), says to go to an office: no field, no CONTINUAR, the contact channels, and FINALIZAR to the portal', async () => {
    const el = await mount(IessPasoCorreo, { email: { onRecord: false, inPersonOnly: true }, portalUrl: 'https://www.iess.gob.ec/' });
    const events = collect<StepIntentEvent>(el, 'step-intent');
    expect($$(el, 'input')).to.have.length(0);
    expect($$(el, 'button[type=submit]')).to.have.length(0);
    expect($(el, 'h2').textContent).to.equal('Registre su correo en una oficina del IESS');
    expect($(el, '[part=in-person]').textContent).to.contain('oficina del IESS');
    expect(text(el)).to.contain('atencionalusuario@iess.gob.ec');
    // Not a dead end: FINALIZAR is a real link to the portal, and tells the shell the procedure ends here.
    const finish = $<HTMLAnchorElement>(el, 'a[part=submit]');
    expect(finish.textContent?.trim()).to.equal('FINALIZAR');
    expect(finish.getAttribute('href')).to.equal('https://www.iess.gob.ec/');
    finish.addEventListener('click', (e) => e.preventDefault());
    finish.click();
    expect(events.map((e) => e.intent)).to.deep.equal([{ type: 'finish' }]);
    expect(await axeViolations(el)).to.equal('');
  });

  it('never makes FINALIZAR a link to a javascript: address (CS-02): a button then', async () => {
    const el = await mount(IessPasoCorreo, { email: { onRecord: false, inPersonOnly: true }, portalUrl: 'javascript:alert(1)' });
    expect($$(el, 'a[part=submit]')).to.have.length(0);
    expect($(el, 'button[part=submit]').textContent?.trim()).to.equal('FINALIZAR');
  });

  it('shows the masked address on record and submits on-record with CONTINUAR', async () => {
    const el = await mount(IessPasoCorreo, { email: onRecord });
    const events = collect<StepIntentEvent>(el, 'step-intent');
    expect($(el, '[part=masked-email]').textContent).to.equal('j***@g***.com');
    expect($$(el, 'input')).to.have.length(0);
    expect($(el, 'button[type=submit]').textContent?.trim()).to.equal('CONTINUAR');
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    expect(events.map((e) => e.intent)).to.deep.equal([{ type: 'submit-email', request: { mode: 'on-record' } }]);
  });

  it('asks for a new address twice, refusing a malformed one and a mismatch', async () => {
    const el = await mount(IessPasoCorreo, { email: { onRecord: false } });
    const events = collect(el, 'step-intent');
    await type(el, $<HTMLInputElement>(el, '#email'), 'maria');
    await type(el, $<HTMLInputElement>(el, '#email-confirm'), 'maria@gmail.com');
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await el.updateComplete;
    await el.updateComplete;
    expect(events).to.have.length(0);
    expect($(el, '#email-error').textContent).to.contain('correo completo');
    expect($(el, '#email-confirm-error').textContent).to.contain('no coinciden');
    expect(deepActiveElement()).to.equal($(el, '.error-summary'));
  });

  it('offers a typo hint and fixes the address in one click', async () => {
    const el = await mount(IessPasoCorreo, { email: { onRecord: false } });
    await type(el, $<HTMLInputElement>(el, '#email'), 'maria@gmial.com');
    expect(text(el)).to.contain('¿Quiso decir maria@gmail.com?');
    expect($(el, '#email').getAttribute('aria-describedby')).to.contain('email-suggestion');
    $<HTMLButtonElement>(el, '#use-suggestion').click();
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '#email').value).to.equal('maria@gmail.com');
    expect($$(el, '[part=suggestion]')).to.have.length(0);
  });

  it('a likely typo needs an explicit choice before CONTINUAR; keeping what was typed is one (issue 10)', async () => {
    const el = await mount(IessPasoCorreo, { email: { onRecord: false } });
    const events = collect<StepIntentEvent>(el, 'step-intent');
    await type(el, $<HTMLInputElement>(el, '#email'), 'lucia@gmial.com');
    await type(el, $<HTMLInputElement>(el, '#email-confirm'), 'lucia@gmial.com');
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await el.updateComplete;
    expect(events).to.have.length(0);
    expect($(el, '.error-summary').textContent).to.contain('¿Quiso decir lucia@gmail.com? Elija una de las dos respuestas.');
    expect(await axeViolations(el)).to.equal('');
    $<HTMLButtonElement>(el, '#keep-typed').click();
    await el.updateComplete;
    expect($$(el, '[part=suggestion]')).to.have.length(0);
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    expect(events.map((e) => e.intent)).to.deep.equal([{ type: 'submit-email', request: { mode: 'new', email: 'lucia@gmial.com' } }]);
    // "Sí, usar …" fixes both fields when the confirmation repeated the typo.
    const other = await mount(IessPasoCorreo, { email: { onRecord: false }, initialAddress: 'rosa@hotmial.com', canGoBack: true });
    $<HTMLButtonElement>(other, '#use-suggestion').click();
    await other.updateComplete;
    expect($<HTMLInputElement>(other, '#email-confirm').value).to.equal('rosa@hotmail.com');
    expect($(other, '[part=back]').textContent?.trim()).to.equal('Regresar');
  });

  it('fires the submit-email intent with the new address (domain lower-cased)', async () => {
    const el = await mount(IessPasoCorreo, { email: { onRecord: false } });
    const events = collect<StepIntentEvent>(el, 'step-intent');
    await type(el, $<HTMLInputElement>(el, '#email'), 'Maria.Perez@Hotmail.com');
    await type(el, $<HTMLInputElement>(el, '#email-confirm'), 'Maria.Perez@hotmail.com ');
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    expect(events.map((e) => e.intent)).to.deep.equal([
      { type: 'submit-email', request: { mode: 'new', email: 'Maria.Perez@hotmail.com' } },
    ]);
  });

  it('sends an internationalised domain in its ASCII form (docs/protocol.md)', async () => {
    const el = await mount(IessPasoCorreo, { email: { onRecord: false } });
    const events = collect<StepIntentEvent>(el, 'step-intent');
    await type(el, $<HTMLInputElement>(el, '#email'), 'ana@ñandú.ec');
    await type(el, $<HTMLInputElement>(el, '#email-confirm'), 'ana@ñandú.ec');
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    expect(events.map((e) => e.intent)).to.deep.equal([{ type: 'submit-email', request: { mode: 'new', email: 'ana@xn--and-6ma2c.ec' } }]);
  });

  it('refuses accented letters before the @ with a message that says so, before CONTINUAR', async () => {
    const el = await mount(IessPasoCorreo, { email: { onRecord: false } });
    const events = collect(el, 'step-intent');
    await type(el, $<HTMLInputElement>(el, '#email'), 'josé@correo.ec');
    await type(el, $<HTMLInputElement>(el, '#email-confirm'), 'josé@correo.ec');
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await el.updateComplete;
    expect(events).to.have.length(0);
    expect($(el, '#email-error').textContent).to.contain('Antes de la @ use solo letras sin tildes');
  });
});
