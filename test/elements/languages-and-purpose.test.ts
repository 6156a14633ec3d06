/**
 * What axe does not check (issue 14): the language of each part (WCAG 3.1.2) — the server's
 * Spanish texts inside the English widget carry lang="es", the light-DOM password form speaks the
 * widget's language and not the page's —, input purpose (1.3.5), the radio buttons' description
 * when invalid, the error summary's alert semantics (GOV.UK's build: role="alert" inside the
 * focused box, no generic named by aria-labelledby), and English instructions that name SEARCH.
 */
import { expect } from '@esm-bundle/chai';
import { en } from '../../widget/i18n/en.ts';
import { Localizer } from '../../widget/i18n/localize.ts';
import { IessPasoCorreoEnviado } from '../../widget/steps/iess-paso-correo-enviado.ts';
import { IessPasoIdentificacion } from '../../widget/steps/iess-paso-identificacion.ts';
import { IessPasoNuevaClave } from '../../widget/steps/iess-paso-nueva-clave.ts';
import { IessPasoPreguntas } from '../../widget/steps/iess-paso-preguntas.ts';
import { IessPasoVerificacion } from '../../widget/steps/iess-paso-verificacion.ts';
import { FIXTURE_CEDULA, fixtures, generarQuestions, recuperarQuestions, securityQuestionBank } from '../fixtures/api/index.ts';
import { $, $$, axeViolations, cleanup, deepActiveElement, mount } from './iess-paso-helpers.ts';
import { cleanupShells, currentStep, mountShell } from './iess-recuperar-clave-helpers.ts';
import { findBy, findByRole, getByLabel, getByRole, readableText, typeInto } from './screen.ts';

const english = new Localizer(en, {});
const questions = [recuperarQuestions[0]!, generarQuestions[0]!];

/** The language an element's text is in: its own or its nearest ancestor's lang, through shadow roots. */
function langOf(node: Element): string {
  for (let el: Element | null = node; el; el = el.parentElement ?? (el.getRootNode() as ShadowRoot).host ?? null) {
    if (el.hasAttribute('lang')) return el.getAttribute('lang')!;
  }
  return '';
}

/** The element holding exactly `text` under `root` (the innermost one). */
function holding(root: ParentNode, text: string): Element {
  const all = [...root.querySelectorAll('*')].filter((e) => e.textContent?.trim() === text);
  const found = all[all.length - 1];
  if (!found) throw new Error(`nothing holds ${text}`);
  return found;
}

describe('languages of parts, input purpose, invalid radios, alert semantics, English button names', () => {
  afterEach(cleanup);

  it('verification in English: the server\'s questions and options are marked Spanish, and so is the question inside "Answer the question: …"', async () => {
    const el = await mount(IessPasoVerificacion, { questions, localizer: english });
    const root = el.shadowRoot!;
    expect(langOf(holding($(el, 'label[for=q-0]'), recuperarQuestions[0]!.text))).to.equal('es');
    expect(langOf(holding($$(el, 'legend')[1]!, generarQuestions[0]!.text))).to.equal('es');
    expect(langOf(holding(root, generarQuestions[0]!.options![0]!.label))).to.equal('es');
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await el.updateComplete;
    const link = $$<HTMLAnchorElement>(el, '.error-summary a').find((a) => a.textContent!.includes(recuperarQuestions[0]!.text))!;
    expect(link.textContent!.replace(/\s+/g, ' ').trim()).to.equal(`Answer the question: ${recuperarQuestions[0]!.text}`);
    expect(langOf(holding(link, recuperarQuestions[0]!.text))).to.equal('es');
    expect(langOf(link)).to.equal('');
    expect(await axeViolations(el)).to.equal('');
  });

  it('verification in Spanish: nothing extra is marked (the widget already speaks Spanish), and the sentences read as before', async () => {
    const el = await mount(IessPasoVerificacion, { questions });
    expect($$(el, '[lang]')).to.have.length(0);
    $<HTMLButtonElement>(el, 'button[type=submit]').click();
    await el.updateComplete;
    const links = $$<HTMLAnchorElement>(el, '.error-summary a').map((a) => a.textContent!.replace(/\s+/g, ' ').trim());
    expect(links).to.include(`Responda la pregunta: ${recuperarQuestions[0]!.text}`);
  });

  it("security questions, the declaration and the e-mail's subject in English: marked Spanish", async () => {
    const sq = await mount(IessPasoPreguntas, { bank: securityQuestionBank, localizer: english });
    expect(langOf(holding($(sq, 'label[for=sq-0]'), securityQuestionBank.questions[0]!.text))).to.equal('es');
    const declaration = fixtures.checkActivation.generar.declaration;
    const act = await mount(IessPasoNuevaClave, { declaration, localizer: english });
    expect(langOf(holding(act.shadowRoot!, declaration.text))).to.equal('es');
    const sent = await mount(IessPasoCorreoEnviado, {
      activation: fixtures.sendActivation.onRecord.activation,
      now: Date.parse(fixtures.sendActivation.onRecord.now),
      localizer: english,
    });
    expect(langOf(holding(sent.shadowRoot!, 'ACTIVACIÓN CLAVE'))).to.equal('es');
  });

  it("the English widget marks the server's questions Spanish once BUSCAR has brought them (the shell passes its language down)", async () => {
    try {
      const m = await mountShell({ attrs: { lang: 'en' } });
      typeInto(
        await findBy(() => {
          try {
            return getByLabel(m.el, 'Cédula number');
          } catch {
            return undefined;
          }
        }, 'the English field'),
        FIXTURE_CEDULA,
      );
      getByRole<HTMLInputElement>(m.el, 'checkbox', 'I am not a robot').click();
      await findBy(() => readableText(m.el).includes('Verified'), 'the solved robot check');
      getByRole(m.el, 'button', 'SEARCH').click();
      await findByRole(m.el, 'heading', 'Verify your details');
      const step = currentStep(m.el);
      expect(langOf(holding(step.shadowRoot!.querySelector('label[for=q-0]')!, recuperarQuestions[0]!.text))).to.equal('es');
    } finally {
      cleanupShells();
    }
  });

  it("the light-DOM password form speaks the widget's language, not the page's", async () => {
    const page = document.documentElement.getAttribute('lang');
    document.documentElement.setAttribute('lang', 'fr');
    try {
      const es = await mount(IessPasoNuevaClave, { identification: '1712345675' });
      expect(es.querySelector('form')!.lang).to.equal('es-EC');
      const eng = await mount(IessPasoNuevaClave, { identification: '1712345675', localizer: english });
      expect(eng.querySelector('form')!.lang).to.equal('en');
    } finally {
      if (page === null) document.documentElement.removeAttribute('lang');
      else document.documentElement.setAttribute('lang', page);
    }
  });

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
    expect(alert.parentElement === box, "the alert is the box's child").to.equal(true);
    expect(alert.querySelector('h3')!.textContent).to.equal('Hay 4 problemas que corregir');
    expect([...alert.querySelectorAll('li > a')].map((a) => a.getAttribute('href'))).to.deep.equal([
      '#birth-day',
      '#birth-month',
      '#q-0',
      '#q-1-0',
    ]);
    expect(
      $$(el, '[aria-labelledby]')
        .filter((e) => !['INPUT', 'SELECT', 'DIALOG', 'SECTION'].includes(e.tagName))
        .map((e) => e.outerHTML),
    ).to.deep.equal([]);
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
