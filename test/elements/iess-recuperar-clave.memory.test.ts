/**
 * `<iess-recuperar-clave>` and what it keeps in memory: the identification typed at BUSCAR
 * reaching the password manager's username when the e-mail link opens in this same document,
 * and (CS-07) everything sensitive wiped on finish, cancel, timeout and `pagehide`.
 */
import { expect } from '@esm-bundle/chai';
import { StepSubmitEvent } from '../../widget/events/intents.ts';
import type { IessRecuperarClave } from '../../widget/iess-recuperar-clave.ts';
import { FIXTURE_ACTIVATION_TOKEN, FIXTURE_CEDULA, recuperarQuestions, fixtures } from '../fixtures/api/index.ts';
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
});
