import { expect } from '@esm-bundle/chai';
import type { StepIntentEvent } from '../../widget/events/intents.ts';
import { IessPasoNuevaClave } from '../../widget/steps/iess-paso-nueva-clave.ts';
import { fixtures, FIXTURE_CEDULA } from '../fixtures/api/index.ts';
import { $, axeViolations, cleanup, collect, deepActiveElement, mount } from './iess-paso-helpers.ts';
import { findBy } from './screen.ts';

const policy = fixtures.getConfig.default.policy;

/** The light-DOM form of a mounted step (formHost = the step itself). */
const form = (el: IessPasoNuevaClave) => el.querySelector<HTMLFormElement>('form[data-iess-clave-form]')!;
const input = (el: IessPasoNuevaClave, name: string) => form(el).querySelector<HTMLInputElement>(`input[name="${name}"]`)!;

async function typeLight(el: IessPasoNuevaClave, name: string, value: string): Promise<void> {
  const field = input(el, name);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
}

/** Ticks "Declaro que toda la información registrada es fidedigna" (in the step's shadow root). */
async function tickDeclaration(el: IessPasoNuevaClave): Promise<void> {
  $<HTMLInputElement>(el, '#declaration').click();
  await el.updateComplete;
}

const rule = (el: IessPasoNuevaClave, id: string) => form(el).querySelector(`li[data-rule="${id}"]`)!;

describe('iess-paso-nueva-clave', () => {
  afterEach(cleanup);

  it('has no axe violations, before and after a refused submit', async () => {
    const el = await mount(IessPasoNuevaClave, { policy, identification: FIXTURE_CEDULA });
    expect(await axeViolations(el)).to.equal('');
    form(el).requestSubmit();
    await el.updateComplete;
    expect(await axeViolations(el)).to.equal('');
  });

  it('renders two new-password fields, the live checklist from the policy and GENERAR', async () => {
    const el = await mount(IessPasoNuevaClave, { policy: { ...policy, minLength: 15 }, identification: FIXTURE_CEDULA });
    expect(input(el, 'new-password').type).to.equal('password');
    expect(input(el, 'new-password-confirmation').type).to.equal('password');
    expect(rule(el, 'min-length').textContent).to.contain('Al menos 15 caracteres');
    expect(form(el).querySelector('button[type=submit]')!.textContent).to.equal('GENERAR');
  });

  it('updates the checklist as the person types (met / pending spoken, not only coloured)', async () => {
    const el = await mount(IessPasoNuevaClave, { policy, identification: FIXTURE_CEDULA });
    expect(rule(el, 'min-length').className).to.equal('iess-pending');
    expect(rule(el, 'min-length').textContent).to.contain('pendiente');
    await typeLight(el, 'new-password', 'caballo correcto batería grapa');
    expect(rule(el, 'min-length').className).to.equal('iess-ok');
    expect(rule(el, 'min-length').textContent).to.contain('cumplido');
    expect(rule(el, 'match').className).to.equal('iess-pending');
    await typeLight(el, 'new-password-confirmation', 'caballo correcto batería grapa');
    expect(rule(el, 'match').className).to.equal('iess-ok');
    await typeLight(el, 'new-password', `clave${FIXTURE_CEDULA}segura`);
    expect(rule(el, 'no-context').className).to.equal('iess-pending');
  });

  it('puts the identification in a hidden username field; a masked or missing one gives a visible optional field', async () => {
    const known = await mount(IessPasoNuevaClave, { policy, identification: FIXTURE_CEDULA });
    const hidden = input(known, 'username');
    expect(hidden.hidden).to.equal(true);
    expect(getComputedStyle(hidden).display).to.equal('none');
    expect(hidden.value).to.equal(FIXTURE_CEDULA);
    expect(hidden.autocomplete).to.equal('username');
    const masked = await mount(IessPasoNuevaClave, { policy, identification: '******5675' });
    const visible = input(masked, 'username');
    expect(visible.hidden).to.equal(false);
    expect(visible.value).to.equal('');
    expect(visible.labels![0]!.textContent).to.contain('opcional');
    expect(await axeViolations(masked)).to.equal('');
  });

  it('falls back to the default policy when the shell has none yet', async () => {
    const el = await mount(IessPasoNuevaClave, { policy: undefined });
    expect(rule(el, 'min-length').textContent).to.contain('Al menos 12 caracteres');
  });

  it('shows and hides both passwords', async () => {
    const el = await mount(IessPasoNuevaClave, { policy });
    const reveal = form(el).querySelector<HTMLInputElement>('input[type=checkbox]')!;
    reveal.click();
    await el.updateComplete;
    expect(input(el, 'new-password').type).to.equal('text');
    expect(input(el, 'new-password-confirmation').type).to.equal('text');
    reveal.click();
    await el.updateComplete;
    expect(input(el, 'new-password').type).to.equal('password');
  });

  it('allows paste (CS-06): the paste event is not cancelled', async () => {
    const el = await mount(IessPasoNuevaClave, { policy });
    for (const name of ['new-password', 'new-password-confirmation']) {
      const paste = new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: new DataTransfer() });
      input(el, name).dispatchEvent(paste);
      expect(paste.defaultPrevented, name).to.equal(false);
    }
  });

  it("asks for the declaration on this page, before the password (the procedure's steps 11 and 12: no CONTINUAR between them); GENERAR without it sends nothing", async () => {
    const declaration = fixtures.checkActivation.recuperar.declaration;
    const el = await mount(IessPasoNuevaClave, { policy, declaration, maskedId: '******5675', identification: FIXTURE_CEDULA });
    const events = collect<StepIntentEvent>(el, 'step-intent');
    const box = $<HTMLInputElement>(el, '#declaration');
    expect(box.closest('label')!.textContent).to.contain(declaration.text);
    expect(box.getAttribute('aria-required')).to.equal('true');
    expect(el.shadowRoot!.textContent).to.contain('Identificación: ******5675.');
    // Before the form in the reading and tab order: the box, then the password fields.
    expect(box.compareDocumentPosition($(el, 'slot[name=form]')) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    expect(el.shadowRoot!.querySelectorAll('button')).to.have.length(0); // no CONTINUAR: GENERAR is the page's one button
    const passphrase = 'caballo correcto batería grapa';
    await typeLight(el, 'new-password', passphrase);
    await typeLight(el, 'new-password-confirmation', passphrase);
    form(el).requestSubmit();
    await el.updateComplete;
    expect(events).to.have.length(0);
    expect(box.getAttribute('aria-invalid')).to.equal('true');
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('.error-summary a')!;
    expect(link.textContent).to.contain('Marque la declaración');
    link.click();
    expect(deepActiveElement()).to.equal(box);
    await tickDeclaration(el);
    form(el).requestSubmit();
    expect(events.map((e) => e.intent)).to.deep.equal([
      { type: 'submit-password', password: passphrase, passwordConfirmation: passphrase },
    ]);
  });

  it('submits a long Unicode passphrase byte-identical, untrimmed (CS-06)', async () => {
    const el = await mount(IessPasoNuevaClave, { policy, identification: FIXTURE_CEDULA });
    const events = collect<StepIntentEvent>(el, 'step-intent');
    await tickDeclaration(el);
    const passphrase = ' Ñandú güero 🦙 en el Chimborazo, año 2026 — ¡sí! ';
    await typeLight(el, 'new-password', passphrase);
    await typeLight(el, 'new-password-confirmation', passphrase);
    form(el).querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    expect(events.map((e) => e.intent)).to.deep.equal([
      { type: 'submit-password', password: passphrase, passwordConfirmation: passphrase },
    ]);
  });

  it('refuses a short password and a mismatch with a summary whose links focus the light-DOM fields', async () => {
    const el = await mount(IessPasoNuevaClave, { policy });
    const events = collect(el, 'step-intent');
    await tickDeclaration(el);
    await typeLight(el, 'new-password', 'corta');
    await typeLight(el, 'new-password-confirmation', 'otra');
    form(el).requestSubmit();
    await el.updateComplete;
    await el.updateComplete;
    expect(events).to.have.length(0);
    expect(deepActiveElement()).to.equal($(el, '.error-summary'));
    const errors = [...form(el).querySelectorAll('.iess-error')].map((e) => e.textContent);
    expect(errors).to.deep.equal(['La clave es muy corta: use al menos 12 caracteres.', 'Las dos claves no coinciden.']);
    expect(input(el, 'new-password').getAttribute('aria-describedby')).to.contain('-password-error');
    const links = el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('.error-summary a');
    links[1]!.click();
    expect(document.activeElement).to.equal(input(el, 'new-password-confirmation'));
  });

  it('shows the server reason when the password is refused (easy to guess)', async () => {
    const el = await mount(IessPasoNuevaClave, { policy });
    await typeLight(el, 'new-password', 'barcelona123456');
    await typeLight(el, 'new-password-confirmation', 'barcelona123456');
    el.fieldErrors = { password: ['weak'] };
    await el.updateComplete;
    expect(form(el).querySelector('.iess-error')!.textContent).to.contain('fácil de adivinar');
    await typeLight(el, 'new-password', 'otra clave bastante larga');
    expect(form(el).querySelector('.iess-error')).to.equal(null);
  });

  it('does not submit twice while busy (CS-12)', async () => {
    const el = await mount(IessPasoNuevaClave, { policy });
    const events = collect(el, 'step-intent');
    await tickDeclaration(el);
    await typeLight(el, 'new-password', 'una clave larga y buena');
    await typeLight(el, 'new-password-confirmation', 'una clave larga y buena');
    el.busy = true;
    await el.updateComplete;
    expect(form(el).querySelector<HTMLButtonElement>('button[type=submit]')!.disabled).to.equal(true);
    form(el).requestSubmit();
    expect(events).to.have.length(0);
  });

  it('removes the form, and the typed passwords with it, when the step leaves the page', async () => {
    const el = await mount(IessPasoNuevaClave, { policy });
    await typeLight(el, 'new-password', 'secreto secreto');
    el.remove();
    expect(document.querySelectorAll('form[data-iess-clave-form]')).to.have.length(0);
  });
});

/** Finding 7 of issue 9: the page gives the server's strength verdict before GENERAR. */
describe('iess-paso-nueva-clave: the strength verdict', () => {
  afterEach(cleanup);
  // What the link check sends for MARÍA JOSÉ PÉREZ LÓPEZ (test/fixtures/api/activation.ts).
  const passwordContext = fixtures.checkActivation.recuperar.passwordContext;
  const status = (el: IessPasoNuevaClave) => el.shadowRoot!.querySelector<HTMLElement>('[role=status]')!;
  const strongRule = (el: IessPasoNuevaClave) => rule(el, 'strong').textContent!.replace(/\s+/g, ' ');

  it('in words in the checklist, said once typing pauses by a polite status line, and GENERAR refused with the reason', async () => {
    const el = await mount(IessPasoNuevaClave, { policy, passwordContext });
    const events = collect<StepIntentEvent>(el, 'step-intent');
    await tickDeclaration(el);
    for (const prefix of ['p', 'pr', 'pri', 'princesa', 'princesa12']) await typeLight(el, 'new-password', prefix);
    await typeLight(el, 'new-password', 'princesa1234');
    await typeLight(el, 'new-password-confirmation', 'princesa1234');
    // Nothing is said while typing: one verdict after the pause, not one per keystroke.
    expect(status(el).textContent).to.equal('');
    await findBy(() => /nivel actual: [0-2] de 4/.test(strongRule(el)), 'the level in the checklist');
    expect(strongRule(el)).to.contain('Ser difícil de adivinar: nivel 3 de 4 o más');
    expect(strongRule(el)).to.contain(': pendiente'); // the state in text, not colour only
    await findBy(() => status(el).textContent!.startsWith('Clave fácil de adivinar: nivel'), 'the spoken verdict');
    expect(status(el).textContent).to.contain('se pide al menos 3');

    form(el).requestSubmit();
    await el.updateComplete;
    expect(events).to.have.length(0);
    expect(form(el).querySelector('.iess-error')!.textContent).to.contain('Esa clave es fácil de adivinar');

    const passphrase = 'caballo correcto batería grapa';
    await typeLight(el, 'new-password', passphrase);
    await typeLight(el, 'new-password-confirmation', passphrase);
    expect(strongRule(el)).to.contain('nivel actual: 4 de 4');
    expect(strongRule(el)).to.contain(': cumplido');
    await findBy(() => status(el).textContent === 'Clave difícil de adivinar: nivel 4 de 4.', 'the new verdict');
    form(el).requestSubmit();
    expect(events.map((e) => e.intent.type)).to.deep.equal(['submit-password']);
  });

  it("the person's words from the link check lower the verdict as they do on the server", async () => {
    const el = await mount(IessPasoNuevaClave, { policy, passwordContext: [] });
    await typeLight(el, 'new-password', 'zerep1503 aire');
    await findBy(() => /nivel actual: \d/.test(strongRule(el)), 'the estimate');
    const without = Number(/nivel actual: (\d)/.exec(strongRule(el))![1]);
    el.passwordContext = passwordContext;
    await el.updateComplete;
    const withWords = Number(/nivel actual: (\d)/.exec(strongRule(el))![1]);
    expect(withWords).to.be.below(without);
  });

  it('names the refused character and what to do', async () => {
    const el = await mount(IessPasoNuevaClave, { policy, passwordContext });
    await typeLight(el, 'new-password', 'tren al sur\u200b del volcán');
    form(el).requestSubmit();
    await el.updateComplete;
    const error = form(el).querySelector('.iess-error')!.textContent!;
    expect(error).to.contain('carácter invisible de formato (U+200B)');
    expect(error).to.contain('Quítelo');
    expect(rule(el, 'characters').textContent).to.contain(': pendiente');
  });
});
