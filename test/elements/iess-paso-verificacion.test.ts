import { expect } from '@esm-bundle/chai';
import type { StepIntentEvent } from '../../widget/events/intents.ts';
import { IessPasoVerificacion } from '../../widget/steps/iess-paso-verificacion.ts';
import { fixtures, generarQuestions, recuperarQuestions } from '../fixtures/api/index.ts';
import { $, $$, axeViolations, cleanup, collect, deepActiveElement, mount, text, type } from './iess-paso-helpers.ts';

const start = fixtures.startFlow.recuperar;

async function choose(el: IessPasoVerificacion, selector: string, value: string): Promise<void> {
  const select = $<HTMLSelectElement>(el, selector);
  select.value = value;
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

describe('iess-paso-verificacion', () => {
  afterEach(cleanup);

  it('has no axe violations with text and choice questions, before and after a refused submit', async () => {
    const el = await mount(IessPasoVerificacion, {
      questions: [...recuperarQuestions, ...generarQuestions],
      attemptsLeft: 5,
      maskedId: start.maskedId,
    });
    expect(await axeViolations(el)).to.equal('');
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await el.updateComplete;
    expect(await axeViolations(el)).to.equal('');
  });

  it('asks DAY and MONTH only (no year, DP-03), shows the masked id and attempts left, CONTINUAR', async () => {
    const el = await mount(IessPasoVerificacion, { questions: recuperarQuestions, attemptsLeft: 3, maskedId: start.maskedId });
    expect($$(el, 'select').map((s) => s.id)).to.deep.equal(['birth-day', 'birth-month']);
    expect($$(el, '#birth-day option')).to.have.length(32);
    expect($$(el, '#birth-month option')[1]!.textContent).to.equal('enero');
    expect($(el, '[part=attempts]').textContent).to.contain('Le quedan 3 intentos');
    expect(text(el)).to.contain('******5675');
    expect($(el, 'button[type=submit]').textContent?.trim()).to.equal('CONTINUAR');
  });

  it('renders text questions as labelled inputs and choice questions as a radio group with a legend', async () => {
    const el = await mount(IessPasoVerificacion, { questions: [recuperarQuestions[0]!, generarQuestions[0]!] });
    expect($(el, 'label[for=q-0]').textContent).to.equal(recuperarQuestions[0]!.text);
    const group = $$(el, 'fieldset')[1]!;
    expect(group.querySelector('legend')?.textContent).to.equal(generarQuestions[0]!.text);
    expect(group.querySelectorAll('input[type=radio]')).to.have.length(4);
  });

  it('renders server text as text, never as HTML (CS-03)', async () => {
    const el = await mount(IessPasoVerificacion, { questions: [{ id: 'x', kind: 'text', text: '<img src=x onerror=alert(1)>' }] });
    expect($$(el, 'img')).to.have.length(0);
    expect($(el, 'label[for=q-0]').textContent).to.equal('<img src=x onerror=alert(1)>');
  });

  it('warns clearly before the last attempt', async () => {
    const el = await mount(IessPasoVerificacion, { questions: recuperarQuestions, attemptsLeft: 2 });
    expect(text(el)).not.to.contain('último intento');
    el.attemptsLeft = 1;
    await el.updateComplete;
    expect($(el, '[part=attempts]').textContent).to.contain('Le queda 1 intento');
    expect($(el, '[part=attempts]').textContent).to.contain('este es su último intento');
    // With the server's lock length: how long, and whom to ask instead of trying (issue 10).
    el.lockMinutes = 90;
    await el.updateComplete;
    expect($(el, '[part=attempts]').textContent).to.contain('se bloqueará durante 1 hora y 30 minutos');
    expect($(el, '[part=last-attempt-help]').textContent).to.contain(
      'Atención al Ciudadano (atencionalusuario@iess.gob.ec, +593 2 394 5666)',
    );
  });

  it('with no attempts left disables every control and fires nothing', async () => {
    const el = await mount(IessPasoVerificacion, { questions: recuperarQuestions, attemptsLeft: 0 });
    const events = collect(el, 'step-intent');
    expect($<HTMLButtonElement>(el, 'button[type=submit]').disabled).to.equal(true);
    expect($<HTMLInputElement>(el, '#q-0').disabled).to.equal(true);
    expect($<HTMLFieldSetElement>(el, 'fieldset').disabled).to.equal(true);
    $<HTMLFormElement>(el, 'form').requestSubmit();
    expect(events).to.have.length(0);
  });

  it('refuses a date that does not exist and missing answers, with a summary linked to the fields', async () => {
    const el = await mount(IessPasoVerificacion, { questions: recuperarQuestions });
    const events = collect(el, 'step-intent');
    await choose(el, '#birth-day', '31');
    await choose(el, '#birth-month', '2');
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await el.updateComplete;
    await el.updateComplete;
    expect(events).to.have.length(0);
    expect($(el, '#birth-day-error').textContent).to.contain('Esa fecha no existe');
    const links = $$<HTMLAnchorElement>(el, '.error-summary a').map((a) => a.getAttribute('href'));
    expect(links).to.deep.equal(['#birth-day', '#q-0', '#q-1']);
    expect(deepActiveElement()).to.equal($(el, '.error-summary'));
  });

  it('fires one submit-verification intent with day, month and the answers as the contract wants them', async () => {
    const el = await mount(IessPasoVerificacion, { questions: [recuperarQuestions[0]!, generarQuestions[1]!] });
    const events = collect<StepIntentEvent>(el, 'step-intent');
    await choose(el, '#birth-day', '29');
    await choose(el, '#birth-month', '2');
    await type(el, $<HTMLInputElement>(el, '#q-0'), '  Firulais ');
    $<HTMLInputElement>(el, '#q-1-2').click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    expect(events.map((e) => e.intent)).to.deep.equal([
      {
        type: 'submit-verification',
        request: {
          birthDay: 29,
          birthMonth: 2,
          answers: [
            { questionId: 'sq-mascota', answer: 'Firulais' },
            { questionId: 'iq-primer-aporte', answer: '2012' },
          ],
        },
      },
    ]);
  });

  it('says when the previous attempt failed', async () => {
    const el = await mount(IessPasoVerificacion, { questions: recuperarQuestions, attemptsLeft: 4, failed: true });
    expect(text(el)).to.contain('no coinciden');
  });

  it('does not submit twice while busy (CS-12)', async () => {
    const el = await mount(IessPasoVerificacion, { questions: [], busy: true });
    const events = collect(el, 'step-intent');
    await choose(el, '#birth-day', '1');
    await choose(el, '#birth-month', '1');
    $<HTMLFormElement>(el, 'form').requestSubmit();
    expect(events).to.have.length(0);
  });
});
