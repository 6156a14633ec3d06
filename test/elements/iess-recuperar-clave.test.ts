/**
 * `<iess-recuperar-clave>` in real Chromium, Firefox and WebKit against the fake RecoveryApi: accessibility, reactive
 * properties, both cases end to end, attempts and lock, the countdown on a controllable clock,
 * double submits, every problem kind, garbage and offline answers, the waiting tab moving on,
 * the token leaving the address bar, events without personal data, idempotent registration.
 */
import { expect } from '@esm-bundle/chai';
import type { ApiErrorKind } from '../../widget/api/recovery-api.ts';
import { StepActionEvent, StepBackEvent, StepSubmitEvent } from '../../widget/events/intents.ts';
import type { IessRecuperarClave } from '../../widget/iess-recuperar-clave.ts';
import { defineElements, whenDefined } from '../../widget/define.ts';
import { LATER_ELEMENTS } from '../../widget/elements-later.ts';
import { MemoryFlowStore } from '../../widget/flow/store.ts';
import {
  CAPTCHA_SOLUTIONS,
  FIXTURE_ACTIVATION_TOKEN,
  FIXTURE_CEDULA,
  FIXTURE_FLOW_TOKEN,
  FIXTURE_MASKED_CEDULA,
  FIXTURE_NOW_MS,
  at,
  fixtures,
  recuperarQuestions,
  securityQuestionBank,
} from '../fixtures/api/index.ts';
import { FakeRecoveryApi, garbage, hold } from '../helpers/fake-recovery-api.ts';
import {
  axeViolations,
  cleanupShells,
  currentStep,
  deepActiveElement,
  liveRegion,
  mountShell,
  settle,
  shellText,
  until,
  untilStep,
  visibleText,
  type Mounted,
} from './iess-recuperar-clave-helpers.ts';

const CAPTCHA = 'eyJhbGdvcml0aG0iOiJTSEEtMjU2In0=';
const verifyData = { birthDay: 14, birthMonth: 3, answers: recuperarQuestions.map((q) => ({ questionId: q.id, answer: 'Quito' })) };

function dialog(el: IessRecuperarClave): HTMLElement {
  const d = el.shadowRoot?.querySelector<HTMLElement>('iess-dialogo-confirmacion');
  if (!d) throw new Error('no confirm dialog');
  return d;
}

async function identify(m: Mounted): Promise<void> {
  const step = await untilStep(m.el, 'iess-paso-identificacion');
  step.dispatchEvent(new StepSubmitEvent({ idType: 'cedula', id: FIXTURE_CEDULA, captcha: CAPTCHA }));
  await untilStep(m.el, 'iess-paso-verificacion');
}

async function verify(m: Mounted): Promise<void> {
  currentStep(m.el).dispatchEvent(new StepSubmitEvent(verifyData));
  await m.el.updateComplete;
  dialog(m.el).dispatchEvent(new StepSubmitEvent({ confirmed: true }));
  await settle(m.el);
}

async function sendEmail(m: Mounted): Promise<void> {
  const step = await untilStep(m.el, 'iess-paso-correo');
  step.dispatchEvent(new StepSubmitEvent({ mode: 'on-record' }));
  await m.el.updateComplete;
  dialog(m.el).dispatchEvent(new StepSubmitEvent({ confirmed: true }));
  await untilStep(m.el, 'iess-paso-correo-enviado');
}

async function toWaiting(m: Mounted): Promise<void> {
  await identify(m);
  await verify(m);
  await sendEmail(m);
}

function withToken(token: string): void {
  history.replaceState(null, '', `${location.pathname}${location.search}#token=${token}`);
}

describe('iess-recuperar-clave', () => {
  afterEach(() => {
    cleanupShells();
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  });

  it('has no axe violations on the first step, the verification step and an end state', async () => {
    const m = await mountShell();
    await untilStep(m.el, 'iess-paso-identificacion');
    expect(await axeViolations(m.el)).to.equal('');
    await identify(m);
    expect(await axeViolations(m.el)).to.equal('');
    m.api.fail('verify', 'locked');
    await verify(m);
    await untilStep(m.el, 'iess-estado-bloqueo');
    expect(await axeViolations(m.el)).to.equal('');
  });

  it('decorator sanity: attributes and properties re-render (lang, .config messages, progress)', async () => {
    const m = await mountShell();
    await untilStep(m.el, 'iess-paso-identificacion');
    expect(shellText(m.el)).to.contain('Generar / Recuperar clave de afiliado');
    expect(shellText(m.el)).to.contain('Paso 1 de 6');
    m.el.setAttribute('lang', 'en');
    await until(() => shellText(m.el).includes('Create / Recover your affiliate password'), 'English title');
    expect(shellText(m.el)).to.contain('Step 1 of 6');
    m.el.config = { messages: { 'shell.title': 'Recupere su clave del IESS' } };
    await until(() => shellText(m.el).includes('Recupere su clave del IESS'), 'overridden title');
  });

  it('an unknown language falls back to Spanish', async () => {
    const m = await mountShell({ attrs: { lang: 'fr' } });
    await untilStep(m.el, 'iess-paso-identificacion');
    await settle(m.el);
    expect(shellText(m.el)).to.contain('Paso 1 de 6');
  });

  it('recuperar, whole flow: BUSCAR → verification → ACEPTAR → e-mail → ACEPTAR → sent → link used elsewhere → done', async () => {
    const m = await mountShell();
    const changes: string[] = [];
    m.el.addEventListener('iess-step-change', (e) => changes.push(e.step));
    const completes: string[] = [];
    m.el.addEventListener('iess-complete', (e) => completes.push(e.flowCase));
    await toWaiting(m);
    expect(shellText(m.el)).to.contain('Paso 4 de 6');
    expect(m.api.calls.map((c) => c.op)).to.deep.equal(['getConfig', 'startFlow', 'verify', 'sendActivation']);
    expect(m.api.callsOf('verify')[0]!.body).to.deep.equal(verifyData);
    expect((m.api.callsOf('verify')[0]!.options as { flowToken: string }).flowToken).to.equal(FIXTURE_FLOW_TOKEN);
    m.api.next('getFlowStatus', fixtures.getFlowStatus.completed);
    m.clock.advance(5_000); // one polling interval
    await untilStep(m.el, 'iess-paso-final');
    expect(changes).to.deep.equal(['identification', 'verification', 'email', 'activation-sent', 'done']);
    expect(completes).to.deep.equal(['recuperar']);
  });

  it('BUSCAR like a person: types the cédula, ticks "No soy un robot" (the shell solves the proof of work), presses BUSCAR', async () => {
    const m = await mountShell();
    const step = await untilStep(m.el, 'iess-paso-identificacion');
    const root = step.shadowRoot!;
    const input = root.querySelector<HTMLInputElement>('#id-number')!;
    input.value = FIXTURE_CEDULA;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    root.querySelector<HTMLInputElement>('#captcha')!.click();
    await until(() => root.textContent?.includes('Verificado'), 'solved check');
    root.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await untilStep(m.el, 'iess-paso-verificacion');
    expect(m.api.callsOf('getCaptchaChallenge')).to.have.length(1);
    const body = m.api.callsOf('startFlow')[0]!.body as { idType: string; id: string; captcha: string };
    expect(body.idType).to.equal('cedula');
    expect(body.id).to.equal(FIXTURE_CEDULA);
    expect(JSON.parse(atob(body.captcha))).to.include({ number: CAPTCHA_SOLUTIONS.easy, signature: fixtures.getCaptchaChallenge.easy.challenge.signature });
  });

  it('generar: the security questions come between verification and e-mail, "Paso 3 de 7"', async () => {
    const m = await mountShell({ api: new FakeRecoveryApi('generar') });
    await identify(m);
    await verify(m);
    const step = await untilStep(m.el, 'iess-paso-preguntas');
    expect(shellText(m.el)).to.contain('Paso 3 de 7');
    expect((step as unknown as { bank: unknown }).bank).to.deep.equal(securityQuestionBank);
    const answers = securityQuestionBank.questions.slice(0, 3).map((q, i) => ({ questionId: q.id, answer: `respuesta ${i}` }));
    step.dispatchEvent(new StepSubmitEvent({ answers }));
    await untilStep(m.el, 'iess-paso-correo');
    expect(m.api.callsOf('setSecurityQuestions')[0]!.body).to.deep.equal({ answers });
    expect(shellText(m.el)).to.contain('Paso 4 de 7');
  });

  it('the e-mail link: opens at the declaration, removes the token from the address bar at once, completes (CS-08)', async () => {
    withToken(FIXTURE_ACTIVATION_TOKEN);
    const heard: unknown[] = [];
    const other = new BroadcastChannel('iess-clave');
    other.onmessage = (e) => heard.push(e.data);
    try {
      const m = await mountShell({ clockAt: Date.parse(fixtures.checkActivation.recuperar.now) });
      expect(location.href).not.to.contain(FIXTURE_ACTIVATION_TOKEN);
      expect(location.hash).to.equal('');
      const declaration = await untilStep(m.el, 'iess-paso-activacion');
      expect(m.api.callsOf('checkActivation')[0]!.body).to.deep.equal({ token: FIXTURE_ACTIVATION_TOKEN });
      expect(shellText(m.el)).to.contain('Paso 5 de 6');
      declaration.dispatchEvent(new StepSubmitEvent({ declarationAccepted: true, declarationVersion: 'x' }));
      const pw = await untilStep(m.el, 'iess-paso-nueva-clave');
      const password = 'caballo correcto batería grapa';
      pw.dispatchEvent(new StepSubmitEvent({ password, passwordConfirmation: password }));
      await untilStep(m.el, 'iess-paso-final');
      const body = m.api.callsOf('completeActivation')[0]!.body as Record<string, unknown>;
      expect(body).to.deep.equal({
        token: FIXTURE_ACTIVATION_TOKEN,
        declarationAccepted: true,
        declarationVersion: fixtures.checkActivation.recuperar.declaration.version,
        password,
        passwordConfirmation: password,
      });
      await until(() => heard.length > 0, 'broadcast');
      expect(heard).to.deep.equal([{ type: 'activation-completed' }]);
    } finally {
      other.close();
    }
  });

  it('the waiting tab moves on when another tab of this browser uses the link (BroadcastChannel)', async () => {
    const m = await mountShell();
    await toWaiting(m);
    const before = m.api.callsOf('getFlowStatus').length;
    m.api.next('getFlowStatus', fixtures.getFlowStatus.completed);
    const sender = new BroadcastChannel('iess-clave');
    sender.postMessage({ type: 'activation-completed' });
    sender.close();
    await untilStep(m.el, 'iess-paso-final');
    expect(m.api.callsOf('getFlowStatus').length).to.equal(before + 1);
  });

  it('the waiting tab polls the status and keeps waiting while the link is unused', async () => {
    const m = await mountShell();
    await toWaiting(m);
    m.clock.advance(5_000);
    await settle(m.el);
    m.clock.advance(5_000);
    await settle(m.el);
    expect(m.api.callsOf('getFlowStatus').length).to.equal(2);
    expect(currentStep(m.el).localName).to.equal('iess-paso-correo-enviado');
  });

  it('countdown: the sent step gets the server-corrected clock and ticks with the (controllable) clock', async () => {
    const m = await mountShell({ clockAt: FIXTURE_NOW_MS + 3_600_000 }); // the client clock is 1 h fast
    // The server's polls tell its own time: the fake server clock runs with the test clock, 1 h behind.
    m.api.defaults.getFlowStatus = () => ({ ...fixtures.getFlowStatus.activationSent, now: new Date(m.clock.now() - 3_600_000).toISOString() });
    await toWaiting(m);
    const step = currentStep(m.el) as HTMLElement & { now: number; clockOffset: number; updateComplete: Promise<unknown> };
    expect(step.clockOffset).to.equal(-3_600_000);
    expect(step.shadowRoot!.textContent).to.contain('3:00');
    const start = step.now;
    expect(start).to.equal(m.clock.now());
    // Time moves in polling-sized steps so each poll's answer arrives before the next (as in life).
    for (let i = 0; i < 12; i++) {
      m.clock.advance(5_000);
      await settle(m.el);
    }
    m.clock.advance(1_000);
    await settle(m.el);
    expect(step.now).to.equal(start + 61_000);
    expect(step.shadowRoot!.textContent).to.contain('1:59');
  });

  it('attempts: each wrong answer says how many are left, the last warns, then the lock says until when', async () => {
    const m = await mountShell();
    await identify(m);
    m.api.fail('verify', 'verification-failed', { attemptsLeft: 2 });
    await verify(m);
    expect(shellText(m.el)).to.contain('Le quedan 2 intentos');
    expect(liveRegion(m.el).textContent).to.contain('Le quedan 2 intentos');
    m.api.fail('verify', 'verification-failed', { attemptsLeft: 1 });
    await verify(m);
    expect(shellText(m.el)).to.contain('Le queda 1 intento');
    expect((currentStep(m.el) as unknown as { attemptsLeft: number }).attemptsLeft).to.equal(1);
    m.api.fail('verify', 'locked');
    await verify(m);
    const locked = await untilStep(m.el, 'iess-estado-bloqueo');
    expect((locked as unknown as { lockedUntil: string }).lockedUntil).to.equal(fixtures.getFlowStatus.verification.now.replace('10:00', '12:00'));
    expect(visibleText(m.el)).to.contain('atencionalusuario@iess.gob.ec');
  });

  it('a lenient backend: once no attempts are left nothing is sent, whatever it would accept', async () => {
    const api = new FakeRecoveryApi('recuperar', 'lenient');
    const zero = structuredClone(fixtures.startFlow.recuperar);
    zero.verification.attemptsLeft = 0;
    api.next('startFlow', zero);
    const m = await mountShell({ api });
    const step = await untilStep(m.el, 'iess-paso-identificacion');
    step.dispatchEvent(new StepSubmitEvent({ idType: 'cedula', id: FIXTURE_CEDULA, captcha: CAPTCHA }));
    await untilStep(m.el, 'iess-estado-bloqueo');
    m.el.send({ type: 'submit-verification', request: verifyData });
    m.el.send({ type: 'confirm' });
    await settle(m.el);
    expect(api.callsOf('verify')).to.have.length(0);
  });

  it("a lenient backend: once the link's time is past, GENERAR sends nothing", async () => {
    withToken(FIXTURE_ACTIVATION_TOKEN);
    const api = new FakeRecoveryApi('recuperar', 'lenient');
    const m = await mountShell({ api, clockAt: Date.parse(fixtures.checkActivation.recuperar.now) });
    const declaration = await untilStep(m.el, 'iess-paso-activacion');
    declaration.dispatchEvent(new StepSubmitEvent({ declarationAccepted: true, declarationVersion: 'x' }));
    const pw = await untilStep(m.el, 'iess-paso-nueva-clave');
    m.clock.advance(141_000); // 180 s link, checked at 40 s
    const expired = await untilStep(m.el, 'iess-estado-expirado');
    pw.dispatchEvent(new StepSubmitEvent({ password: 'x'.repeat(20), passwordConfirmation: 'x'.repeat(20) }));
    m.el.send({ type: 'submit-password', password: 'x'.repeat(20), passwordConfirmation: 'x'.repeat(20) });
    await settle(m.el);
    expect(api.callsOf('completeActivation')).to.have.length(0);
    expect((expired as unknown as { what: string }).what).to.equal('link');
  });

  it('the link page shows the time left (server clock) and warns once in the last minute', async () => {
    withToken(FIXTURE_ACTIVATION_TOKEN);
    const api = new FakeRecoveryApi();
    api.next('checkActivation', fixtures.checkActivation.recuperar); // 140 s left
    const m = await mountShell({ api, clockAt: FIXTURE_NOW_MS - 7_200_000 }); // client clock 2 h slow
    await untilStep(m.el, 'iess-paso-activacion');
    const timer = () => m.el.shadowRoot!.querySelector('[part=link-timer]')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(timer()).to.contain('2:20');
    expect(timer()).not.to.contain('menos de un minuto');
    m.clock.advance(81_000);
    await settle(m.el);
    expect(timer()).to.contain('0:59');
    expect(timer()).to.contain('menos de un minuto');
    expect(liveRegion(m.el).textContent).to.contain('menos de un minuto');
  });

  it('a link already expired by the server clock shows the expired state without a request to complete it', async () => {
    withToken(FIXTURE_ACTIVATION_TOKEN);
    const api = new FakeRecoveryApi('recuperar', 'lenient');
    api.next('checkActivation', { ...fixtures.checkActivation.recuperar, now: fixtures.checkActivation.recuperar.expiresAt });
    const m = await mountShell({ api });
    await untilStep(m.el, 'iess-estado-expirado');
    expect(api.callsOf('completeActivation')).to.have.length(0);
  });

  it('CS-12: double submit — a second ACEPTAR while the first is in flight sends nothing more', async () => {
    const m = await mountShell();
    await identify(m);
    const held = hold();
    m.api.next('verify', held);
    const step = currentStep(m.el);
    step.dispatchEvent(new StepSubmitEvent(verifyData));
    await m.el.updateComplete;
    const d = dialog(m.el);
    d.dispatchEvent(new StepSubmitEvent({ confirmed: true }));
    d.dispatchEvent(new StepSubmitEvent({ confirmed: true }));
    step.dispatchEvent(new StepSubmitEvent(verifyData));
    await settle(m.el);
    expect((currentStep(m.el) as unknown as { busy: boolean }).busy).to.equal(true);
    expect(m.api.callsOf('verify')).to.have.length(1);
    held.resolve(fixtures.verify.recuperar);
    await untilStep(m.el, 'iess-paso-correo');
    expect(m.api.callsOf('verify')).to.have.length(1);
  });

  it('moved in the page while a request is in flight: the request is sent again as the same action and the flow goes on', async () => {
    const m = await mountShell();
    await identify(m);
    const held = hold();
    m.api.next('verify', held);
    await verify(m);
    const box = document.createElement('div');
    document.body.append(box);
    box.append(m.el); // disconnect + connect
    await settle(m.el);
    await untilStep(m.el, 'iess-paso-correo');
    const keys = m.api.callsOf('verify').map((c) => c.options?.idempotencyKey);
    expect(keys).to.have.length(2);
    expect(keys[0]).to.equal(keys[1]);
    held.resolve(fixtures.verify.recuperar);
    box.remove();
  });

  it('CS-12: pressing again after no answer retries the SAME action (same Idempotency-Key)', async () => {
    const m = await mountShell();
    await identify(m);
    m.api.fail('verify', 'network');
    await verify(m);
    await verify(m);
    const keys = m.api.callsOf('verify').map((c) => c.options?.idempotencyKey);
    expect(keys).to.have.length(2);
    expect(keys[0]).to.be.a('string').and.equal(keys[1]);
  });

  const kept: [string, string][] = [
    ['network', 'No hay conexión con el IESS'],
    ['timeout', 'tardó demasiado'],
    ['server', 'tuvo un problema'],
    ['unavailable', 'no está disponible'],
    ['rate-limited', 'Demasiados intentos seguidos'],
    ['validation', 'formato correcto'],
    ['sequence', 'otra ventana'],
    ['idempotency-conflict', 'datos distintos'],
  ];
  for (const [kind, words] of kept) {
    it(`problem ${kind}: a clear Spanish message, the step and what was typed stay`, async () => {
      const m = await mountShell();
      await identify(m);
      const step = currentStep(m.el);
      m.api.fail('verify', kind as 'network');
      await verify(m);
      expect(currentStep(m.el)).to.equal(step); // same element: nothing typed is lost
      const problem = m.el.shadowRoot!.querySelector('[part=problem]');
      expect(problem?.getAttribute('data-problem')).to.equal(kind);
      expect(problem?.textContent).to.contain(words);
      expect(liveRegion(m.el).textContent).to.contain(words);
    });
  }

  it('garbage answer (bad-response): a clear message, nothing lost, and the step stays usable', async () => {
    const m = await mountShell();
    await identify(m);
    const step = currentStep(m.el);
    m.api.next('verify', garbage({ ok: true, html: '<b>proxy</b>' }));
    await verify(m);
    expect(currentStep(m.el)).to.equal(step);
    expect(m.el.shadowRoot!.querySelector('[part=problem]')?.textContent).to.contain('respuesta inesperada');
    await verify(m);
    await untilStep(m.el, 'iess-paso-correo');
  });

  it('offline at BUSCAR: the typed cédula stays in the field and the message says so', async () => {
    const m = await mountShell();
    const step = await untilStep(m.el, 'iess-paso-identificacion');
    const input = step.shadowRoot!.querySelector<HTMLInputElement>('#id-number')!;
    input.value = FIXTURE_CEDULA;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    m.api.fail('startFlow', 'network');
    step.dispatchEvent(new StepSubmitEvent({ idType: 'cedula', id: FIXTURE_CEDULA, captcha: CAPTCHA }));
    await settle(m.el);
    expect(currentStep(m.el)).to.equal(step);
    expect(step.shadowRoot!.querySelector<HTMLInputElement>('#id-number')!.value).to.equal(FIXTURE_CEDULA);
    expect(shellText(m.el)).to.contain('sus datos siguen en el formulario');
  });

  // Every kind a client can see, at an operation that may return it: a Spanish message on the
  // step, or an end state — never a blank, never a crash.
  const everyKind: [ApiErrorKind, 'startFlow' | 'verify' | 'sendActivation'][] = [
    ...(['validation', 'captcha-failed', 'rate-limited', 'idempotency-conflict', 'not-found', 'payload-too-large', 'unsupported-media-type', 'server', 'unavailable', 'network', 'timeout', 'bad-response'] as const).map(
      (k) => [k, 'startFlow'] as [ApiErrorKind, 'startFlow'],
    ),
    ...(['verification-failed', 'locked', 'flow-expired', 'flow-invalid', 'sequence'] as const).map((k) => [k, 'verify'] as [ApiErrorKind, 'verify']),
    ['email-limit', 'sendActivation'],
    ['invalid-credentials', 'verify'],
  ];
  for (const [kind, op] of everyKind) {
    it(`every problem kind is said in Spanish: ${kind} at ${op}`, async () => {
      const m = await mountShell();
      m.api.fail(op, kind);
      if (op === 'startFlow') {
        (await untilStep(m.el, 'iess-paso-identificacion')).dispatchEvent(new StepSubmitEvent({ idType: 'cedula', id: FIXTURE_CEDULA, captcha: CAPTCHA }));
        await settle(m.el);
      } else {
        await identify(m);
        await verify(m);
        if (op === 'sendActivation') {
          const step = await untilStep(m.el, 'iess-paso-correo');
          step.dispatchEvent(new StepSubmitEvent({ mode: 'on-record' }));
          await m.el.updateComplete;
          dialog(m.el).dispatchEvent(new StepSubmitEvent({ confirmed: true }));
          await settle(m.el);
        }
      }
      const problem = m.el.shadowRoot!.querySelector('[part=problem]');
      const step = currentStep(m.el);
      const said = problem ? problem.textContent! : (step.shadowRoot?.textContent ?? '');
      expect(said.trim().length, 'something is said').to.be.greaterThan(20);
      expect(said).to.match(/[áéíóúñ¿]|intente|Intente|enlace|datos/);
      expect(m.el.isConnected).to.equal(true);
    });
  }

  const ending: [string, string, string][] = [
    ['locked', 'iess-estado-bloqueo', 'locked'],
    ['flow-expired', 'iess-estado-expirado', 'flow-expired'],
    ['flow-invalid', 'iess-estado-expirado', 'flow-invalid'],
  ];
  for (const [kind, tag, dataKind] of ending) {
    it(`problem ${kind}: the end state says what happened, what next, and the contact channels`, async () => {
      const m = await mountShell();
      const errors: string[] = [];
      m.el.addEventListener('iess-error', (e) => errors.push(e.kind));
      await identify(m);
      m.api.fail('verify', kind as 'locked');
      await verify(m);
      const end = await untilStep(m.el, tag);
      expect(end.dataset['kind']).to.equal(dataKind);
      expect(errors).to.deep.equal([kind]);
      const words = visibleText(m.el);
      expect(words).to.contain('atencionalusuario@iess.gob.ec');
    });
  }

  for (const kind of ['link-expired', 'link-used', 'link-invalid'] as const) {
    it(`problem ${kind} on the link page: expired state about the link`, async () => {
      withToken(FIXTURE_ACTIVATION_TOKEN);
      const api = new FakeRecoveryApi();
      api.fail('checkActivation', kind);
      const m = await mountShell({ api });
      const end = await untilStep(m.el, 'iess-estado-expirado');
      expect((end as unknown as { what: string }).what).to.equal('link');
    });
  }

  it('problem on the link page without an answer: the error state retries the check', async () => {
    withToken(FIXTURE_ACTIVATION_TOKEN);
    const api = new FakeRecoveryApi();
    api.fail('checkActivation', 'unavailable');
    const m = await mountShell({ api, clockAt: Date.parse(fixtures.checkActivation.recuperar.now) });
    const end = await untilStep(m.el, 'iess-estado-error');
    end.dispatchEvent(new StepActionEvent('retry'));
    await untilStep(m.el, 'iess-paso-activacion');
    expect(api.callsOf('checkActivation')).to.have.length(2);
  });

  it('password-rejected: stays on the new password with the field errors passed down', async () => {
    withToken(FIXTURE_ACTIVATION_TOKEN);
    const api = new FakeRecoveryApi();
    api.fail('completeActivation', 'password-rejected', { fieldErrors: { password: ['common'] } });
    const m = await mountShell({ api, clockAt: Date.parse(fixtures.checkActivation.recuperar.now) });
    (await untilStep(m.el, 'iess-paso-activacion')).dispatchEvent(new StepSubmitEvent({ declarationAccepted: true, declarationVersion: 'x' }));
    const pw = await untilStep(m.el, 'iess-paso-nueva-clave');
    pw.dispatchEvent(new StepSubmitEvent({ password: 'contraseña123456', passwordConfirmation: 'contraseña123456' }));
    await settle(m.el);
    expect(currentStep(m.el)).to.equal(pw);
    expect((pw as unknown as { fieldErrors: unknown }).fieldErrors).to.deep.equal({ password: ['common'] });
  });

  it('focus moves to each new step heading; one polite live region announces "Paso N de M"', async () => {
    const m = await mountShell();
    await identify(m);
    await settle(m.el);
    const active = deepActiveElement();
    expect(active?.localName).to.equal('h2');
    expect(active?.getRootNode()).to.equal(currentStep(m.el).shadowRoot);
    const live = m.el.shadowRoot!.querySelectorAll('[aria-live]');
    expect(live).to.have.length(1);
    expect(live[0]!.getAttribute('aria-live')).to.equal('polite');
    expect(live[0]!.textContent).to.contain('Paso 2 de 6');
  });

  it('events carry no personal data (cédula, tokens, e-mail, answers)', async () => {
    const m = await mountShell();
    const seen: Event[] = [];
    for (const type of ['iess-step-change', 'iess-complete', 'iess-cancel', 'iess-error'] as const) {
      document.addEventListener(type, (e) => seen.push(e));
    }
    await toWaiting(m);
    m.api.next('getFlowStatus', fixtures.getFlowStatus.completed);
    m.clock.advance(5_000);
    await untilStep(m.el, 'iess-paso-final');
    expect(seen.length).to.be.greaterThan(3);
    const dump = JSON.stringify(seen.map((e) => ({ ...e, type: e.type })));
    for (const secret of [FIXTURE_CEDULA, '5675', FIXTURE_FLOW_TOKEN, 'j***@g***.com', 'Quito', '"14"']) {
      expect(dump).not.to.contain(secret);
    }
    expect(seen.every((e) => e.bubbles && e.composed)).to.equal(true);
  });

  it('cancel fires iess-cancel with the step only and starts over', async () => {
    const m = await mountShell();
    await identify(m);
    const cancels: string[] = [];
    m.el.addEventListener('iess-cancel', (e) => cancels.push(e.step));
    m.el.shadowRoot!.querySelector<HTMLButtonElement>('[part=cancel]')!.click();
    await untilStep(m.el, 'iess-paso-identificacion');
    expect(cancels).to.deep.equal(['verification']);
  });

  it('a confirm dialog closed with "Revisar" sends nothing', async () => {
    const m = await mountShell();
    await identify(m);
    currentStep(m.el).dispatchEvent(new StepSubmitEvent(verifyData));
    await m.el.updateComplete;
    dialog(m.el).dispatchEvent(new StepBackEvent());
    await settle(m.el);
    expect(m.el.shadowRoot!.querySelector('iess-dialogo-confirmacion')).to.equal(null);
    expect(m.api.callsOf('verify')).to.have.length(0);
  });

  it('configuration: without api-base or .api, a visible explained error (and iess-error "config")', async () => {
    const errors: string[] = [];
    document.addEventListener('iess-error', (e) => errors.push(e.kind), { once: true });
    const m = await mountShell({ noApi: true });
    await until(() => m.el.shadowRoot!.querySelector('[role=alert]'), 'config error');
    expect(shellText(m.el)).to.contain('api-base');
    expect(errors).to.deep.equal(['config']);
    expect(await axeViolations(m.el)).to.equal('');
  });

  it('configuration fixed after the error: the widget starts, and a link token taken earlier still opens the declaration', async () => {
    withToken(FIXTURE_ACTIVATION_TOKEN);
    const api = new FakeRecoveryApi();
    const m = await mountShell({ noApi: true });
    expect(location.hash).to.equal('');
    await until(() => m.el.shadowRoot!.querySelector('[role=alert]'), 'config error');
    m.el.api = api;
    await untilStep(m.el, 'iess-paso-activacion');
    expect(api.callsOf('checkActivation')[0]!.body).to.deep.equal({ token: FIXTURE_ACTIVATION_TOKEN });
  });

  it('configuration: a bad api-base and a bad .config field are named', async () => {
    const m = await mountShell({ noApi: true, attrs: { 'api-base': 'ftp://example.org' }, config: { portalUrl: 'javascript:alert(1)' } });
    await until(() => m.el.shadowRoot!.querySelector('[role=alert]'), 'config error');
    const t = shellText(m.el);
    expect(t).to.contain('apiBase');
    expect(t).to.contain('portalUrl');
    expect(t).to.contain('https');
  });

  it('resume: a stored waiting flow reopens at "Correo enviado" and asks the server where it stands', async () => {
    await whenDefined;
    const store = new MemoryFlowStore();
    store.save({
      step: 'activation-sent',
      flowToken: FIXTURE_FLOW_TOKEN,
      flowExpiresAt: at(900),
      case: 'recuperar',
      maskedId: FIXTURE_MASKED_CEDULA,
      activation: fixtures.sendActivation.onRecord.activation,
    });
    // The shell's clock stands at the fixtures' "now": the stored expiry is judged by it, not by
    // the calendar date the suite happens to run on.
    const { el, api } = await mountShell({ store });
    await untilStep(el, 'iess-paso-correo-enviado');
    await until(() => api.callsOf('getFlowStatus').length === 1, 'status call');
    expect((api.callsOf('getFlowStatus')[0]!.options as { flowToken: string }).flowToken).to.equal(FIXTURE_FLOW_TOKEN);
  });

  it('CS-07: nothing personal in storage, cookies or the address, and the resume entry goes when done', async () => {
    sessionStorage.clear();
    localStorage.clear();
    const m = await mountShell({ config: { resume: 'session' } });
    await toWaiting(m);
    await settle(m.el);
    const stored = JSON.stringify({ ...sessionStorage });
    expect(stored).to.contain(FIXTURE_FLOW_TOKEN); // allowed: the short-lived flow token, to resume
    for (const canary of [FIXTURE_CEDULA, 'Quito', '"birthDay"', 'juan']) expect(stored).not.to.contain(canary);
    expect(localStorage.length).to.equal(0);
    expect(document.cookie).to.equal('');
    expect(location.href).not.to.contain(FIXTURE_CEDULA);
    m.api.next('getFlowStatus', fixtures.getFlowStatus.completed);
    m.clock.advance(5_000);
    await untilStep(m.el, 'iess-paso-final');
    await settle(m.el);
    expect(sessionStorage.length).to.equal(0);
  });

  it('English is loaded only when asked for, and the steps follow the language', async () => {
    const m = await mountShell({ attrs: { lang: 'en-US' } });
    await until(() => shellText(m.el).includes('Step 1 of 6'), 'English progress');
    const step = await untilStep(m.el, 'iess-paso-identificacion');
    await until(() => !(step.shadowRoot?.textContent ?? '').includes('Número de cédula'), 'English step');
  });

  it('registration is idempotent: defining again, or loading the module again, throws nothing', async () => {
    await whenDefined;
    expect(defineElements(LATER_ELEMENTS)).to.deep.equal([]);
    await import(/* @vite-ignore */ `../../widget/define.ts?again=${Date.now()}`);
    expect(customElements.get('iess-recuperar-clave')).to.not.equal(undefined);
  });
});
