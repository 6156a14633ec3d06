/**
 * `<iess-recuperar-clave>` and what it keeps in memory: the identification typed at BUSCAR
 * reaching the password manager's username when the e-mail link opens in this same document,
 * and (CS-07) everything sensitive wiped on finish, cancel, timeout and `pagehide`.
 */
import { expect } from '@esm-bundle/chai';
import { StepSubmitEvent } from '../../widget/events/intents.ts';
import type { IessRecuperarClave } from '../../widget/iess-recuperar-clave.ts';
import { FIXTURE_ACTIVATION_TOKEN, FIXTURE_CEDULA, recuperarQuestions, fixtures } from '../fixtures/api/index.ts';
import { MemoryFlowStore } from '../../widget/flow/store.ts';
import type { FlowState } from '../../widget/flow/types.ts';
import { cleanupShells, currentStep, mountShell, settle, until, untilStep, type Mounted } from './iess-recuperar-clave-helpers.ts';

const CAPTCHA = 'eyJhbGdvcml0aG0iOiJTSEEtMjU2In0=';
const verifyData = { birthDay: 14, birthMonth: 3, answers: recuperarQuestions.map((q) => ({ questionId: q.id, answer: 'Quito' })) };

function dialog(el: IessRecuperarClave): HTMLElement {
  const d = el.shadowRoot?.querySelector<HTMLElement>('iess-dialogo-confirmacion');
  if (!d) throw new Error('no confirm dialog');
  return d;
}

export async function toWaiting(m: Mounted): Promise<void> {
  const step = await untilStep(m.el, 'iess-paso-identificacion');
  step.dispatchEvent(new StepSubmitEvent({ idType: 'cedula', id: FIXTURE_CEDULA, captcha: CAPTCHA }));
  await untilStep(m.el, 'iess-paso-verificacion');
  currentStep(m.el).dispatchEvent(new StepSubmitEvent(verifyData));
  await m.el.updateComplete;
  dialog(m.el).dispatchEvent(new StepSubmitEvent({ confirmed: true }));
  await settle(m.el);
  const email = await untilStep(m.el, 'iess-paso-correo');
  email.dispatchEvent(new StepSubmitEvent({ mode: 'on-record' }));
  await m.el.updateComplete;
  dialog(m.el).dispatchEvent(new StepSubmitEvent({ confirmed: true }));
  await untilStep(m.el, 'iess-paso-correo-enviado');
}

/** Opens the e-mail link in this same document: only the fragment changes (no reload). */
async function openLinkHere(m: Mounted): Promise<void> {
  location.hash = `#token=${FIXTURE_ACTIVATION_TOKEN}`;
  const declaration = await untilStep(m.el, 'iess-paso-activacion');
  declaration.dispatchEvent(new StepSubmitEvent({ declarationAccepted: true, declarationVersion: 'x' }));
  await untilStep(m.el, 'iess-paso-nueva-clave');
  await settle(m.el);
}

function usernameField(el: IessRecuperarClave): HTMLInputElement {
  const input = el.querySelector<HTMLInputElement>('form[data-iess-clave-form] input[name=username]');
  if (!input) throw new Error('no username field');
  return input;
}

describe('iess-recuperar-clave: memory', () => {
  afterEach(() => {
    cleanupShells();
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  });

  it('item 1: step 1 done in this tab, link opened here → the hidden username field carries the real identification', async () => {
    const m = await mountShell({ clockAt: Date.parse(fixtures.checkActivation.recuperar.now) });
    await toWaiting(m);
    await openLinkHere(m);
    expect(location.href).not.to.contain(FIXTURE_ACTIVATION_TOKEN); // CS-08 also for a same-document link
    expect(m.api.callsOf('checkActivation')[0]!.body).to.deep.equal({ token: FIXTURE_ACTIVATION_TOKEN });
    const username = usernameField(m.el);
    expect(username.value).to.equal(FIXTURE_CEDULA);
    expect(username.hidden).to.equal(true);
    expect(username.getAttribute('autocomplete')).to.equal('username');
  });

  it('item 1: a link for another identification (mask does not fit) → the real one is dropped, the visible optional field shows', async () => {
    const m = await mountShell({ clockAt: Date.parse(fixtures.checkActivation.recuperar.now) });
    await toWaiting(m);
    m.api.next('checkActivation', { ...fixtures.checkActivation.recuperar, maskedId: '******0001' });
    await openLinkHere(m);
    const username = usernameField(m.el);
    expect(username.value).to.equal('');
    expect(username.hidden).to.equal(false);
    expect(m.el.flowState.identification).to.equal(undefined);
  });

  it('item 1: link opened in a new tab (only the mask is known) → the visible optional username field, empty', async () => {
    history.replaceState(null, '', `${location.pathname}${location.search}#token=${FIXTURE_ACTIVATION_TOKEN}`);
    const m = await mountShell({ clockAt: Date.parse(fixtures.checkActivation.recuperar.now) });
    const declaration = await untilStep(m.el, 'iess-paso-activacion');
    declaration.dispatchEvent(new StepSubmitEvent({ declarationAccepted: true, declarationVersion: 'x' }));
    await untilStep(m.el, 'iess-paso-nueva-clave');
    await until(() => m.el.querySelector('input[name=username]'), 'username field');
    const username = usernameField(m.el);
    expect(username.value).to.equal('');
    expect(username.hidden).to.equal(false);
  });

  /** Sensitive fields of the flow's memory that must be gone after a wipe. */
  function assertWiped(state: FlowState): void {
    for (const key of ['identification', 'activationToken', 'check', 'flow', 'verification', 'draft', 'email', 'activation', 'securityQuestions'] as const) {
      expect(state[key], key).to.equal(undefined);
    }
    expect(JSON.stringify(state)).not.to.contain(FIXTURE_CEDULA);
  }

  async function typeCedula(el: IessRecuperarClave): Promise<HTMLElement> {
    const step = await untilStep(el, 'iess-paso-identificacion');
    const input = step.shadowRoot!.querySelector<HTMLInputElement>('#id-number')!;
    input.value = FIXTURE_CEDULA;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    return step;
  }

  it('CS-07: cancel on the identification step → the typed cédula is gone (a new step element), the resume store is cleared', async () => {
    const store = new MemoryFlowStore();
    let clears = 0;
    const clear = store.clear.bind(store);
    store.clear = () => {
      clears++;
      clear();
    };
    const m = await mountShell({ store });
    const before = await typeCedula(m.el);
    m.el.shadowRoot!.querySelector<HTMLButtonElement>('[part=cancel]')!.click();
    await settle(m.el);
    const after = await untilStep(m.el, 'iess-paso-identificacion');
    expect(after).not.to.equal(before);
    expect(after.shadowRoot!.querySelector<HTMLInputElement>('#id-number')!.value).to.equal('');
    await until(() => clears > 0, 'store cleared');
  });

  it('CS-07: cancel after BUSCAR → identification, token, questions gone from memory; the resume store is cleared', async () => {
    const store = new MemoryFlowStore();
    const m = await mountShell({ store });
    await toWaiting(m);
    await until(() => store.load() !== null, 'waiting flow stored');
    m.el.shadowRoot!.querySelector<HTMLButtonElement>('[part=cancel]')!.click();
    await untilStep(m.el, 'iess-paso-identificacion');
    assertWiped(m.el.flowState);
    await until(() => store.load() === null, 'store cleared');
  });

  it('CS-07: pagehide on the password step → the light-DOM form with the typed password leaves the document and memory is wiped', async () => {
    const m = await mountShell({ clockAt: Date.parse(fixtures.checkActivation.recuperar.now) });
    await toWaiting(m);
    await openLinkHere(m);
    const password = m.el.querySelector<HTMLInputElement>('form[data-iess-clave-form] input[autocomplete=new-password]')!;
    password.value = 'caballo correcto batería grapa';
    password.dispatchEvent(new Event('input', { bubbles: true }));
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
    await settle(m.el);
    expect(document.querySelector('form[data-iess-clave-form]')).to.equal(null);
    expect(document.body.innerHTML).not.to.contain('caballo');
    assertWiped(m.el.flowState);
    expect(m.el.shadowRoot!.querySelector('iess-paso-nueva-clave')).to.equal(null);
  });

  it('CS-07: pagehide on the identification step, then shown again from the back/forward cache → a fresh, empty step', async () => {
    const m = await mountShell();
    const before = await typeCedula(m.el);
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
    await settle(m.el);
    assertWiped(m.el.flowState);
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    const after = await untilStep(m.el, 'iess-paso-identificacion');
    expect(after).not.to.equal(before);
    expect(after.shadowRoot!.querySelector<HTMLInputElement>('#id-number')!.value).to.equal('');
  });

  it('CS-07: pagehide while waiting keeps the (secret-free) resume entry; shown again, the waiting flow resumes from it', async () => {
    const store = new MemoryFlowStore();
    const m = await mountShell({ store });
    await toWaiting(m);
    await settle(m.el);
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
    await settle(m.el);
    assertWiped(m.el.flowState);
    expect(store.load()?.step).to.equal('activation-sent');
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await untilStep(m.el, 'iess-paso-correo-enviado');
    expect(m.el.flowState.identification).to.equal(undefined);
  });

  it('CS-07: the flow times out on the verification step → expired, nothing typed kept in memory', async () => {
    const m = await mountShell();
    const step = await untilStep(m.el, 'iess-paso-identificacion');
    step.dispatchEvent(new StepSubmitEvent({ idType: 'cedula', id: FIXTURE_CEDULA, captcha: CAPTCHA }));
    await untilStep(m.el, 'iess-paso-verificacion');
    m.clock.advance(Date.parse(fixtures.startFlow.recuperar.flowExpiresAt) - m.clock.now() + 1_000);
    await untilStep(m.el, 'iess-estado-expirado');
    assertWiped(m.el.flowState);
  });

  it('CS-07: FINALIZAR clears the resume store and leaves nothing in memory', async () => {
    const store = new MemoryFlowStore();
    const m = await mountShell({ store, clockAt: Date.parse(fixtures.checkActivation.recuperar.now) });
    await toWaiting(m);
    await openLinkHere(m);
    const pw = currentStep(m.el);
    const password = 'caballo correcto batería grapa';
    pw.dispatchEvent(new StepSubmitEvent({ password, passwordConfirmation: password }));
    const final = await untilStep(m.el, 'iess-paso-final');
    store.save({ step: 'activation-sent', flowToken: 'x', flowExpiresAt: fixtures.startFlow.recuperar.flowExpiresAt, case: 'recuperar', maskedId: '******5675' });
    final.dispatchEvent(new StepSubmitEvent({ finished: true }));
    await until(() => store.load() === null, 'store cleared');
    assertWiped(m.el.flowState);
  });
});
