/**
 * What axe does not check (issue 14): input purpose (WCAG 1.3.5), the radio buttons' description
 * when invalid, the error summary's alert semantics (GOV.UK's build: role="alert" inside the
 * focused box, no generic named by aria-labelledby), and English instructions that name SEARCH.
 */
import { expect } from '@esm-bundle/chai';
import { en } from '../../widget/i18n/en.ts';
import { Localizer } from '../../widget/i18n/localize.ts';
import { IessPasoIdentificacion } from '../../widget/steps/iess-paso-identificacion.ts';
import { IessPasoNuevaClave } from '../../widget/steps/iess-paso-nueva-clave.ts';
import { IessPasoVerificacion } from '../../widget/steps/iess-paso-verificacion.ts';
import { generarQuestions, recuperarQuestions } from '../fixtures/api/index.ts';
import { $, $$, axeViolations, cleanup, deepActiveElement, mount } from './iess-paso-helpers.ts';

const english = new Localizer(en, {});
const questions = [recuperarQuestions[0]!, generarQuestions[0]!];

describe('input purpose, invalid radios, alert semantics, English button names', () => {
  afterEach(cleanup);

  it('input purpose: day and month of birth are bday-day and bday-month; the identification is the username the password form saves', async () => {
    const verification = await mount(IessPasoVerificacion, { questions });
    expect($(verification, '#birth-day').getAttribute('autocomplete')).to.equal('bday-day');
    expect($(verification, '#birth-month').getAttribute('autocomplete')).to.equal('bday-month');
    const id = await mount(IessPasoIdentificacion);
    expect($(id, '#id-number').getAttribute('autocomplete')).to.equal('username');
    const pw = await mount(IessPasoNuevaClave, { identification: '1712345675' });
    expect(pw.querySelector('input[name=username]')!.getAttribute('autocomplete')).to.equal('username');
  });

  it('radio buttons marked invalid are described by the message that says why', async () => {
    const el = await mount(IessPasoVerificacion, { questions: [generarQuestions[0]!] });
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await el.updateComplete;
    const radios = $$<HTMLInputElement>(el, 'input[type=radio]');
    expect(radios.length).to.be.greaterThan(1);
    for (const radio of radios) {
      expect(radio.getAttribute('aria-invalid')).to.equal('true');
      const described = radio.getAttribute('aria-describedby') ?? '';
      expect(described, radio.id).to.not.equal('');
      expect(el.shadowRoot!.getElementById(described)!.textContent).to.contain(generarQuestions[0]!.text);
    }
  });

  it('the error summary: the focused box holds a role="alert" with the title and a link per problem; no generic is named', async () => {
    const el = await mount(IessPasoVerificacion, { questions });
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 0));
    const box = $(el, '.error-summary');
    expect(deepActiveElement() === box, 'focus on the summary').to.equal(true);
    expect(box.hasAttribute('role')).to.equal(false);
    expect(box.hasAttribute('aria-labelledby')).to.equal(false);
    expect(box.hasAttribute('aria-label')).to.equal(false);
    const alert = box.querySelector('[role=alert]')!;
    expect(alert.parentElement === box, 'the alert is the box\'s child').to.equal(true);
    expect(alert.querySelector('h3')!.textContent).to.equal('Hay 4 problemas que corregir');
    expect([...alert.querySelectorAll('li > a')].map((a) => a.getAttribute('href'))).to.deep.equal(['#birth-day', '#birth-month', '#q-0', '#q-1-0']);
    expect($$(el, '[aria-labelledby]').filter((e) => !['INPUT', 'SELECT', 'DIALOG', 'SECTION'].includes(e.tagName)).map((e) => e.outerHTML)).to.deep.equal([]);
    expect(await axeViolations(el)).to.equal('');
  });

  it('English instructions name the buttons as the English widget labels them (SEARCH, not BUSCAR)', () => {
    expect(en['id.submit']).to.equal('SEARCH');
    const texts = Object.values(en).filter((v): v is string => typeof v === 'string');
    expect(texts.filter((s) => s.includes('BUSCAR'))).to.deep.equal([]);
    expect(english.t('shell.problem.captcha-failed')).to.contain('press SEARCH');
    expect(english.t('shell.problem.captcha-required')).to.contain('pressing SEARCH');
  });
});
