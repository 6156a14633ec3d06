import { expect } from '@esm-bundle/chai';
import { sendKeys } from './browser-commands.ts';
import type { StepIntentEvent } from '../../widget/events/intents.ts';
import { IessPasoIdentificacion } from '../../widget/steps/iess-paso-identificacion.ts';
import { Localizer } from '../../widget/i18n/localize.ts';
import { en } from '../../widget/i18n/en.ts';
import { FIXTURE_CEDULA, FIXTURE_FOREIGNER_CODE } from '../fixtures/api/index.ts';
import { $, $$, axeViolations, cleanup, collect, deepActiveElement, mount, text, type } from './iess-paso-helpers.ts';

const solved = () => Promise.resolve('c29sdmVkLXBheWxvYWQ=');

async function tickCaptcha(el: IessPasoIdentificacion): Promise<void> {
  $<HTMLInputElement>(el, '#captcha').click();
  // the solver settles on a microtask; then the element re-renders
  await new Promise((r) => setTimeout(r, 0));
  await el.updateComplete;
}

describe('iess-paso-identificacion', () => {
  afterEach(cleanup);

  it('has no axe violations, before and after a refused submit', async () => {
    const el = await mount(IessPasoIdentificacion, { solver: solved });
    expect(await axeViolations(el)).to.equal('');
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await el.updateComplete;
    expect(await axeViolations(el)).to.equal('');
  });

  it('renders cédula by default with BUSCAR, the robot check and the data-protection notice (DP-02)', async () => {
    const el = await mount(IessPasoIdentificacion);
    expect($<HTMLInputElement>(el, 'input[name=idType][value=cedula]').checked).to.equal(true);
    expect($(el, 'button[type=submit]').textContent?.trim()).to.equal('BUSCAR');
    expect($(el, 'label[for=id-number]').textContent).to.equal('Número de cédula');
    expect(text(el)).to.contain('No soy un robot');
    const notice = $(el, 'details[part=privacy]').textContent ?? '';
    for (const item of ['Responsable', 'Finalidad', 'Base legal', 'derechos']) expect(notice).to.contain(item);
  });

  it('gives a specific reason for each kind of wrong cédula (CS-01 pre-check)', async () => {
    const el = await mount(IessPasoIdentificacion);
    const input = $<HTMLInputElement>(el, '#id-number');
    const cases: [string, string][] = [
      ['12345', '10 dígitos'],
      ['99123456789'.slice(0, 10), 'provincia'],
      ['1782345678', 'tercer dígito'],
      ['1712345678', 'último dígito'],
      ['17123a5675', 'solo números'],
    ];
    for (const [value, reason] of cases) {
      await type(el, input, value);
      input.dispatchEvent(new Event('blur'));
      await el.updateComplete;
      expect($(el, '#id-error').textContent, value).to.contain(reason);
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.contain('id-error');
    }
    await type(el, input, '171234567-5');
    expect($$(el, '#id-error')).to.have.length(0);
  });

  it('shows an error summary linked to the fields and moves focus to it', async () => {
    const el = await mount(IessPasoIdentificacion);
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await el.updateComplete;
    await el.updateComplete;
    const summary = $(el, '.error-summary');
    expect(deepActiveElement()).to.equal(summary);
    const links = $$<HTMLAnchorElement>(el, '.error-summary a');
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['#id-number', '#captcha']);
    links[0]!.click();
    expect(deepActiveElement()).to.equal($(el, '#id-number'));
  });

  it('solves the robot check with the solver, showing Verificando… then the checked state', async () => {
    let resolve!: (v: string) => void;
    const el = await mount(IessPasoIdentificacion, { solver: () => new Promise<string>((r) => (resolve = r)) });
    $<HTMLInputElement>(el, '#captcha').click();
    await el.updateComplete;
    expect($(el, '#captcha-status').textContent).to.contain('Verificando…');
    expect($<HTMLInputElement>(el, '#captcha').checked).to.equal(true);
    resolve('payload');
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    expect($(el, '#captcha-status').textContent).to.contain('Verificado');
    expect($<HTMLInputElement>(el, '#captcha').checked).to.equal(true);
  });

  it('says when the robot check fails and lets the person tick it again', async () => {
    const el = await mount(IessPasoIdentificacion, { solver: () => Promise.reject(new Error('offline')) });
    await tickCaptcha(el);
    expect($<HTMLInputElement>(el, '#captcha').checked).to.equal(false);
    expect($(el, '#captcha-error').textContent).to.contain('No se pudo verificar');
  });

  it('fires one identify intent with the normalised cédula and the captcha payload', async () => {
    const el = await mount(IessPasoIdentificacion, { solver: solved });
    const events = collect<StepIntentEvent>(el, 'step-intent');
    await type(el, $<HTMLInputElement>(el, '#id-number'), '17 1234 5675');
    await tickCaptcha(el);
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    expect(events).to.have.length(1);
    expect(events[0]!.intent).to.deep.equal({ type: 'identify', idType: 'cedula', id: FIXTURE_CEDULA, captcha: 'c29sdmVkLXBheWxvYWQ=' });
  });

  it('a BUSCAR that got its answer while the step is still shown (refused) unticks the single-use robot check', async () => {
    const el = await mount(IessPasoIdentificacion, { solver: solved });
    const events = collect<StepIntentEvent>(el, 'step-intent');
    await type(el, $<HTMLInputElement>(el, '#id-number'), FIXTURE_CEDULA);
    await tickCaptcha(el);
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    el.busy = true; // the shell: the request is in flight
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '#captcha').checked).to.equal(true);
    el.busy = false; // the answer came and this step is still shown: BUSCAR was refused
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '#captcha').checked).to.equal(false);
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await el.updateComplete;
    expect(events).to.have.length(1); // the spent proof is not sent again
    expect(text(el)).to.contain('Marque');
  });

  it('accepts a foreigner code without the cédula checksum', async () => {
    const el = await mount(IessPasoIdentificacion, { solver: solved });
    const events = collect<StepIntentEvent>(el, 'step-intent');
    $<HTMLInputElement>(el, 'input[name=idType][value=extranjero]').click();
    await el.updateComplete;
    expect($(el, 'label[for=id-number]').textContent).to.equal('Código de identificación para extranjeros');
    await type(el, $<HTMLInputElement>(el, '#id-number'), FIXTURE_FOREIGNER_CODE.toLowerCase());
    await tickCaptcha(el);
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    expect(events.map((e) => e.intent)).to.deep.equal([
      { type: 'identify', idType: 'extranjero', id: FIXTURE_FOREIGNER_CODE, captcha: 'c29sdmVkLXBheWxvYWQ=' },
    ]);
  });

  it('sends nothing while busy (no double submit, CS-12)', async () => {
    const el = await mount(IessPasoIdentificacion, { solver: solved });
    const events = collect(el, 'step-intent');
    await type(el, $<HTMLInputElement>(el, '#id-number'), FIXTURE_CEDULA);
    await tickCaptcha(el);
    el.busy = true;
    await el.updateComplete;
    expect($<HTMLButtonElement>(el, 'button[type=submit]').disabled).to.equal(true);
    $<HTMLFormElement>(el, 'form').requestSubmit();
    expect(events).to.have.length(0);
  });

  it('works with the keyboard alone: Enter in the field submits the form', async () => {
    const el = await mount(IessPasoIdentificacion, { solver: solved });
    const events = collect(el, 'step-intent');
    const input = $<HTMLInputElement>(el, '#id-number');
    await type(el, input, FIXTURE_CEDULA);
    await tickCaptcha(el);
    // implicit submission, as pressing Enter in a text field does
    $<HTMLFormElement>(el, 'form').requestSubmit();
    expect(events).to.have.length(1);
  });

  it('works with real keys only: Tab through type, number, robot check and BUSCAR', async () => {
    const el = await mount(IessPasoIdentificacion, { solver: solved });
    const events = collect<StepIntentEvent>(el, 'step-intent');
    await el.focusHeading();
    await sendKeys({ press: 'Tab' }); // the summary is absent: first stop is the radio group
    expect(deepActiveElement()).to.equal($(el, 'input[value=cedula]'));
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal($(el, '#id-number'));
    await sendKeys({ type: '1712345675' });
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal($(el, '#captcha'));
    await sendKeys({ press: 'Space' });
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    expect($(el, '#captcha-status').textContent).to.contain('Verificado');
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal($(el, 'button[type=submit]'));
    await sendKeys({ press: 'Enter' });
    expect(events.map((e) => e.intent.type === 'identify' && e.intent.id)).to.deep.equal(['1712345675']);
  });

  it('speaks English when given the English localizer', async () => {
    const el = await mount(IessPasoIdentificacion, { localizer: new Localizer(en) });
    expect($(el, 'button[type=submit]').textContent?.trim()).to.equal('SEARCH');
    expect(text(el)).to.contain('I am not a robot');
  });

  it('moves focus to its heading on request (the shell calls focusHeading)', async () => {
    const el = await mount(IessPasoIdentificacion);
    await el.focusHeading();
    expect(deepActiveElement()).to.equal($(el, 'h2'));
  });
});
