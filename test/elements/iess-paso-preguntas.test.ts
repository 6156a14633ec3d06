import { expect } from '@esm-bundle/chai';
import type { StepIntentEvent } from '../../widget/events/intents.ts';
import { IessPasoPreguntas } from '../../widget/steps/iess-paso-preguntas.ts';
import { securityQuestionBank } from '../fixtures/api/index.ts';
import { $, $$, axeViolations, cleanup, collect, deepActiveElement, mount, type } from './iess-paso-helpers.ts';

const field = (el: IessPasoPreguntas, i: number) => $<HTMLInputElement>(el, `#sq-${i}`);

describe('iess-paso-preguntas', () => {
  afterEach(cleanup);

  it('has no axe violations, before and after a refused submit', async () => {
    const el = await mount(IessPasoPreguntas, { bank: securityQuestionBank });
    expect(await axeViolations(el)).to.equal('');
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await el.updateComplete;
    expect(await axeViolations(el)).to.equal('');
  });

  it('lists the bank of 10 as labelled fields, hidden answers, and live "n de 10" progress', async () => {
    const el = await mount(IessPasoPreguntas, { bank: securityQuestionBank });
    expect($$(el, 'input[id^=sq-]:not(#sq-reveal)')).to.have.length(10);
    expect($(el, 'label[for=sq-0]').textContent).to.equal(securityQuestionBank.questions[0]!.text);
    expect(field(el, 0).classList.contains('masked')).to.equal(true);
    expect($(el, '#sq-progress').textContent).to.equal('0 de 10');
    await type(el, field(el, 0), 'Firulais');
    await type(el, field(el, 3), 'Pedro Pablo');
    await type(el, field(el, 7), 'Panadero');
    expect($(el, '#sq-progress').textContent).to.equal('3 de 10');
  });

  it('renders question texts as text, never as HTML (CS-03)', async () => {
    const el = await mount(IessPasoPreguntas, { bank: { min: 1, questions: [{ id: 'x', text: '<img src=x onerror=alert(1)>' }] } });
    expect($$(el, 'img')).to.have.length(0);
    expect($(el, 'label[for=sq-0]').textContent).to.equal('<img src=x onerror=alert(1)>');
  });

  it('shows and hides the answers', async () => {
    const el = await mount(IessPasoPreguntas, { bank: securityQuestionBank });
    const masking = () => getComputedStyle(field(el, 0)).getPropertyValue('-webkit-text-security');
    expect(masking()).to.equal('disc');
    $<HTMLInputElement>(el, '#sq-reveal').click();
    await el.updateComplete;
    expect(masking()).to.equal('none');
    $<HTMLInputElement>(el, '#sq-reveal').click();
    await el.updateComplete;
    expect(masking()).to.equal('disc');
    // Answers are not passwords: no password field for managers to save or fill (and one form, not ten).
    expect(field(el, 0).type).to.equal('text');
    expect(el.shadowRoot!.querySelectorAll('input[type=password]')).to.have.length(0);
  });

  it('refuses trivial answers and duplicates (same after accents/case/spaces) as they are typed', async () => {
    const el = await mount(IessPasoPreguntas, { bank: securityQuestionBank });
    await type(el, field(el, 0), 'no sé');
    expect($(el, '#sq-0-error').textContent).to.contain('fácil de adivinar');
    await type(el, field(el, 0), 'Li');
    expect($(el, '#sq-0-error').textContent).to.contain('al menos 3 caracteres');
    await type(el, field(el, 1), 'José María');
    await type(el, field(el, 2), '  jose   MARIA ');
    expect($$(el, '#sq-1-error')).to.have.length(0);
    expect($(el, '#sq-2-error').textContent).to.contain('igual a otra');
    expect(field(el, 2).getAttribute('aria-invalid')).to.equal('true');
  });

  it('needs at least the minimum of good answers; the summary says so and takes focus', async () => {
    const el = await mount(IessPasoPreguntas, { bank: securityQuestionBank });
    const events = collect(el, 'step-intent');
    await type(el, field(el, 0), 'Firulais');
    await type(el, field(el, 1), 'Cuenca');
    await type(el, field(el, 2), 'aaaa');
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await el.updateComplete;
    await el.updateComplete;
    expect(events).to.have.length(0);
    expect(deepActiveElement()).to.equal($(el, '.error-summary'));
    expect($(el, '.error-summary').textContent).to.contain('Responda al menos 3 preguntas');
  });

  it('fires the submit-security-questions intent with only the answered questions', async () => {
    const el = await mount(IessPasoPreguntas, { bank: securityQuestionBank });
    const events = collect<StepIntentEvent>(el, 'step-intent');
    await type(el, field(el, 0), 'Firulais');
    await type(el, field(el, 4), 'Encebollado');
    await type(el, field(el, 9), ' Barcelona ');
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    expect(events.map((e) => e.intent)).to.deep.equal([
      {
        type: 'submit-security-questions',
        request: {
          answers: [
            { questionId: 'sq-mascota', answer: 'Firulais' },
            { questionId: 'sq-comida', answer: 'Encebollado' },
            { questionId: 'sq-equipo', answer: 'Barcelona' },
          ],
        },
      },
    ]);
  });
});
