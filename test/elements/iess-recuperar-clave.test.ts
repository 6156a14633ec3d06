/**
 * `<iess-recuperar-clave>` in real Chromium, Firefox and WebKit against the fake RecoveryApi: accessibility, reactive
 * properties, both cases end to end, attempts and lock, the countdown on a controllable clock,
 * double submits, every problem kind, garbage and offline answers, the waiting tab moving on,
 * the token leaving the address bar, events without personal data, idempotent registration.
 * Everything is done as a person does it (labels, roles, buttons) and judged by what is on screen
 * and by the public events.
 */
import { expect } from '@esm-bundle/chai';
import type { ApiErrorKind } from '../../widget/api/recovery-api.ts';
import { IessCancelEvent, IessCompleteEvent, IessErrorEvent, IessStepChangeEvent } from '../../widget/events/public-events.ts';
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
  acceptDeclaration,
  axeViolations,
  cleanupShells,
  deepActiveElement,
  generate,
  heading,
  identify,
  liveRegion,
  mountShell,
  pressContinuar,
  problemNotice,
  sendEmail,
  settle,
  shellText,
  toWaiting,
  until,
  verify,
  type Mounted,
} from './iess-recuperar-clave-helpers.ts';
import { allByRole, choose, findBy, findByRole, getByLabel, getByRole, queryByRole, readableText, typeInto } from './screen.ts';

const verifyData = { birthDay: 14, birthMonth: 3, answers: recuperarQuestions.map((q) => ({ questionId: q.id, answer: 'Quito' })) };

function withToken(token: string): void {
  history.replaceState(null, '', `${location.pathname}${location.search}#token=${token}`);
}

/** The shell's notice of a problem on the current step. */
const noticeElement = (m: Mounted) => m.el.shadowRoot!.querySelector('[part=problem]');

/** The shell's "Paso N de M" line. */
const progressText = (m: Mounted) => m.el.shadowRoot!.querySelector('[part=progress]')?.textContent?.trim() ?? '';

describe('iess-recuperar-clave', () => {
  afterEach(() => {
    cleanupShells();
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  });

  it('has no axe violations on the first step, the verification step and an end state', async () => {
    const m = await mountShell();
    await heading(m, 'Identificación');
    expect(await axeViolations(m.el)).to.equal('');
    await identify(m);
    await heading(m, 'Verificación de datos');
    expect(await axeViolations(m.el)).to.equal('');
    m.api.fail('verify', 'locked');
    await verify(m);
    await heading(m, 'Acceso bloqueado temporalmente');
    expect(await axeViolations(m.el)).to.equal('');
  });

  it('decorator sanity: attributes and properties re-render (lang, .config messages, progress)', async () => {
    const m = await mountShell();
    await heading(m, 'Identificación');
    expect(shellText(m.el)).to.contain('Generar / Recuperar clave de afiliado');
    // Before BUSCAR the number of steps (5 or 6) is not known: no total, so the count never changes its mind (issue 14).
    expect(progressText(m)).to.equal('Paso 1');
    expect(liveRegion(m.el).textContent).to.contain('Paso 1: Identificación');
    m.el.setAttribute('lang', 'en');
    await until(() => shellText(m.el).includes('Create / Recover your affiliate password'), 'English title');
    expect(progressText(m)).to.equal('Step 1');
    m.el.config = { messages: { 'shell.title': 'Recupere su clave del IESS' } };
    await until(() => shellText(m.el).includes('Recupere su clave del IESS'), 'overridden title');
  });

  it('an unknown language falls back to Spanish', async () => {
    const m = await mountShell({ attrs: { lang: 'fr' } });
    await heading(m, 'Identificación');
    await settle(m.el);
    expect(progressText(m)).to.equal('Paso 1');
  });

  it('recuperar, whole flow: BUSCAR → verification → ACEPTAR → e-mail → ACEPTAR → sent → link used elsewhere → done', async () => {
    // Listened for before mounting: the first step (and its event) comes in the very task the shell connects in.
    const changes: string[] = [];
    const onChange = (e: Event) => changes.push((e as IessStepChangeEvent).step);
    document.addEventListener('iess-step-change', onChange);
    const m = await mountShell();
    document.removeEventListener('iess-step-change', onChange);
    m.el.addEventListener('iess-step-change', (e) => changes.push(e.step));
    const completes: IessCompleteEvent[] = [];
    m.el.addEventListener('iess-complete', (e) => completes.push(e));
    await toWaiting(m);
    expect(shellText(m.el)).to.contain('Paso 4 de 5');
    expect(m.api.calls.map((c) => c.op)).to.deep.equal(['getConfig', 'getCaptchaChallenge', 'startFlow', 'verify', 'sendActivation']);
    expect(m.api.callsOf('verify')[0]!.body).to.deep.equal(verifyData);
    expect((m.api.callsOf('verify')[0]!.options as { flowToken: string }).flowToken).to.equal(FIXTURE_FLOW_TOKEN);
    m.api.next('getFlowStatus', fixtures.getFlowStatus.completed);
    m.clock.advance(5_000); // one polling interval
    await heading(m, 'Su clave está lista');
    expect(changes).to.deep.equal(['identification', 'verification', 'email', 'activation-sent', 'done']);
    expect(completes.map((e) => e instanceof IessCompleteEvent && e.flowCase)).to.deep.equal(['recuperar']);
  });

  it('BUSCAR like a person: the proof of work of "No soy un robot" is solved with the API\'s challenge and sent with BUSCAR', async () => {
    const m = await mountShell();
    await identify(m);
    await heading(m, 'Verificación de datos');
    expect(m.api.callsOf('getCaptchaChallenge')).to.have.length(1);
    const body = m.api.callsOf('startFlow')[0]!.body as { idType: string; id: string; captcha: string };
    expect(body.idType).to.equal('cedula');
    expect(body.id).to.equal(FIXTURE_CEDULA);
    expect(JSON.parse(atob(body.captcha))).to.include({
      number: CAPTCHA_SOLUTIONS.easy,
      signature: fixtures.getCaptchaChallenge.easy.challenge.signature,
    });
  });

  it('"No soy un robot": a host API answering garbage for the challenge is refused (contract-checked), the box says it failed', async () => {
    const m = await mountShell();
    // Solvable, but not the contract's answer (no server `now`, an empty signature): the old shell solved it anyway.
    m.api.next('getCaptchaChallenge', garbage({ challenge: { ...fixtures.getCaptchaChallenge.easy.challenge, signature: '' } }));
    await heading(m, 'Identificación');
    getByRole<HTMLInputElement>(m.el, 'checkbox', 'No soy un robot').click();
    await findBy(() => readableText(m.el).includes('No se pudo verificar'), 'the failed check');
    typeInto(getByLabel(m.el, 'Número de cédula'), FIXTURE_CEDULA);
    getByRole(m.el, 'button', 'BUSCAR').click();
    await settle(m.el);
    expect(m.api.callsOf('getCaptchaChallenge')).to.have.length(1);
    expect(m.api.callsOf('startFlow')).to.have.length(0);
  });

  it('a refused BUSCAR unticks "No soy un robot" (the proof is single use) and keeps the typed cédula', async () => {
    const m = await mountShell();
    m.api.fail('startFlow', 'captcha-failed');
    await identify(m);
    await findBy(() => problemNotice(m).includes('No soy un robot'), 'the refusal');
    expect(getByRole<HTMLInputElement>(m.el, 'checkbox', 'No soy un robot').checked).to.equal(false);
    expect(getByLabel(m.el, 'Número de cédula').value).to.equal(FIXTURE_CEDULA);
    await identify(m);
    await heading(m, 'Verificación de datos');
    const payloads = m.api.callsOf('startFlow').map((c) => (c.body as { captcha: string }).captcha);
    expect(payloads).to.have.length(2);
    expect(m.api.callsOf('getCaptchaChallenge')).to.have.length(2);
  });

  it('generar: the security questions come between verification and e-mail, "Paso 3 de 6"', async () => {
    const m = await mountShell({ api: new FakeRecoveryApi('generar') });
    await identify(m);
    await verify(m);
    await heading(m, 'Preguntas de seguridad');
    expect(shellText(m.el)).to.contain('Paso 3 de 6');
    const answers = securityQuestionBank.questions.slice(0, 3).map((q, i) => ({ questionId: q.id, answer: `respuesta ${i}` }));
    securityQuestionBank.questions.slice(0, 3).forEach((q, i) => typeInto(getByLabel(m.el, q.text), answers[i]!.answer));
    await pressContinuar(m);
    await heading(m, 'Correo electrónico');
    expect(m.api.callsOf('setSecurityQuestions')[0]!.body).to.deep.equal({ answers });
    expect(shellText(m.el)).to.contain('Paso 4 de 6');
  });

  it('the e-mail link: opens at the declaration and the new password, removes the token from the address bar at once, completes (CS-08)', async () => {
    withToken(FIXTURE_ACTIVATION_TOKEN);
    const heard: unknown[] = [];
    const other = new BroadcastChannel('iess-clave');
    other.onmessage = (e) => heard.push(e.data);
    try {
      const m = await mountShell({ clockAt: Date.parse(fixtures.checkActivation.recuperar.now) });
      expect(location.href).not.to.contain(FIXTURE_ACTIVATION_TOKEN);
      expect(location.hash).to.equal('');
      await heading(m, 'Nueva clave');
      expect(m.api.callsOf('checkActivation')[0]!.body).to.deep.equal({ token: FIXTURE_ACTIVATION_TOKEN });
      expect(shellText(m.el)).to.contain('Paso 5 de 5');
      await acceptDeclaration(m);
      const password = 'caballo correcto batería grapa';
      await generate(m, password);
      await heading(m, 'Su clave está lista');
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
    await heading(m, 'Su clave está lista');
    expect(m.api.callsOf('getFlowStatus').length).to.equal(before + 1);
  });

  it('the waiting tab polls the status and keeps waiting while the link is unused', async () => {
    const m = await mountShell();
    await toWaiting(m);
    m.clock.advance(5_000);
    await until(() => m.api.callsOf('getFlowStatus').length === 1, 'the first poll');
    await settle(m.el);
    m.clock.advance(5_000);
    await until(() => m.api.callsOf('getFlowStatus').length === 2, 'the second poll');
    await settle(m.el);
    expect(queryByRole(m.el, 'heading', 'Revise su correo')).to.not.equal(undefined);
  });

  it("countdown: the sent step shows the link's time by the server-corrected clock and ticks with the (controllable) clock", async () => {
    const m = await mountShell({ clockAt: FIXTURE_NOW_MS + 3_600_000 }); // the client clock is 1 h fast
    // The server's polls tell its own time: the fake server clock runs with the test clock, 1 h behind.
    m.api.defaults.getFlowStatus = () => ({
      ...fixtures.getFlowStatus.activationSent,
      now: new Date(m.clock.now() - 3_600_000).toISOString(),
    });
    await toWaiting(m);
    const timer = () => getByRole(m.el, 'timer').textContent ?? '';
    expect(timer()).to.contain('3:00');
    // Time moves in polling-sized steps so each poll's answer arrives before the next (as in life).
    for (let i = 0; i < 12; i++) {
      m.clock.advance(5_000);
      await settle(m.el);
    }
    m.clock.advance(1_000);
    await settle(m.el);
    expect(timer()).to.contain('1:59');
  });

  it('attempts: each wrong answer says how many are left, the last warns, then the lock says until when', async () => {
    const m = await mountShell();
    await identify(m);
    m.api.fail('verify', 'verification-failed', { attemptsLeft: 2 });
    await verify(m);
    await findBy(() => shellText(m.el).includes('Le quedan 2 intentos'), 'two attempts left');
    // The refusal is read where focus now is, the notice (WCAG 2.4.3), not said again by the live region (issue 14).
    await findBy(() => deepActiveElement() === noticeElement(m), 'focus on the notice');
    expect(problemNotice(m)).to.contain('Le quedan 2 intentos');
    expect(liveRegion(m.el).textContent).not.to.contain('Le quedan 2 intentos');
    m.api.fail('verify', 'verification-failed', { attemptsLeft: 1 });
    await verify(m);
    await findBy(() => shellText(m.el).includes('Le queda 1 intento'), 'one attempt left');
    expect(readableText(m.el)).to.contain('Le queda 1 intento.');
    m.api.fail('verify', 'locked');
    await verify(m);
    await heading(m, 'Acceso bloqueado temporalmente');
    // The lock's end as the page's own clock and locale write it (the problem document's lockedUntil).
    const until = new Intl.DateTimeFormat('es-EC', { dateStyle: 'long', timeStyle: 'short' }).format(Date.parse(at(7200)));
    const text = readableText(m.el);
    expect(text).to.contain(`Podrá intentarlo de nuevo desde el ${until}`);
    expect(text).to.contain('atencionalusuario@iess.gob.ec');
  });

  it('a lenient backend saying 0 attempts at BUSCAR: locked at once, no form to send anything with', async () => {
    const api = new FakeRecoveryApi('recuperar', 'lenient');
    const zero = structuredClone(fixtures.startFlow.recuperar);
    zero.verification.attemptsLeft = 0;
    api.next('startFlow', zero);
    const m = await mountShell({ api });
    await identify(m);
    await heading(m, 'Acceso bloqueado temporalmente');
    expect(queryByRole(m.el, 'button', 'CONTINUAR')).to.equal(undefined);
    await settle(m.el);
    expect(api.callsOf('verify')).to.have.length(0);
  });

  it("a lenient backend: once the link's time is past, the expired state shows and GENERAR is gone; nothing is sent", async () => {
    withToken(FIXTURE_ACTIVATION_TOKEN);
    const api = new FakeRecoveryApi('recuperar', 'lenient');
    const m = await mountShell({ api, clockAt: Date.parse(fixtures.checkActivation.recuperar.now) });
    await acceptDeclaration(m);
    await heading(m, 'Nueva clave');
    typeInto(getByLabel(m.el, 'Nueva clave'), 'x'.repeat(20));
    m.clock.advance(141_000); // 180 s link, checked at 40 s
    await heading(m, 'El enlace venció');
    expect(readableText(m.el)).to.contain('enlace');
    expect(queryByRole(m.el, 'button', 'GENERAR')).to.equal(undefined);
    await settle(m.el);
    expect(api.callsOf('completeActivation')).to.have.length(0);
  });

  it('the link page shows the time left (server clock) and warns once in the last minute (every milestone: iess-recuperar-clave.timers.test.ts)', async () => {
    withToken(FIXTURE_ACTIVATION_TOKEN);
    const api = new FakeRecoveryApi();
    api.next('checkActivation', fixtures.checkActivation.recuperar); // 140 s left
    const m = await mountShell({ api, clockAt: FIXTURE_NOW_MS - 7_200_000 }); // client clock 2 h slow
    await heading(m, 'Nueva clave');
    const timer = () => m.el.shadowRoot!.querySelector('[part=link-timer]')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(timer()).to.contain('2:20');
    expect(timer()).not.to.contain('Queda 1 minuto');
    m.clock.advance(81_000);
    await settle(m.el);
    expect(timer()).to.contain('0:59');
    expect(timer()).to.contain('Queda 1 minuto para usar este enlace');
    expect(liveRegion(m.el).textContent).to.contain('Queda 1 minuto para usar este enlace');
  });

  it('a link already expired by the server clock shows the expired state without a request to complete it', async () => {
    withToken(FIXTURE_ACTIVATION_TOKEN);
    const api = new FakeRecoveryApi('recuperar', 'lenient');
    api.next('checkActivation', { ...fixtures.checkActivation.recuperar, now: fixtures.checkActivation.recuperar.expiresAt });
    const m = await mountShell({ api });
    await heading(m, 'El enlace venció');
    expect(api.callsOf('completeActivation')).to.have.length(0);
  });

  it('CS-12: double submit — ACEPTAR pressed twice and CONTINUAR again while the first is in flight send nothing more', async () => {
    const m = await mountShell();
    await identify(m);
    const held = hold();
    m.api.next('verify', held);
    await heading(m, 'Verificación de datos');
    choose(getByLabel<HTMLSelectElement>(m.el, 'Día'), '14');
    choose(getByLabel<HTMLSelectElement>(m.el, 'Mes'), '3');
    for (const field of allByRole<HTMLInputElement>(m.el, 'textbox')) typeInto(field, 'Quito');
    await pressContinuar(m);
    const aceptar = await findByRole(m.el, 'button', 'ACEPTAR');
    aceptar.click();
    aceptar.click(); // a second press before the dialog goes
    await settle(m.el);
    const continuar = getByRole<HTMLButtonElement>(m.el, 'button', 'CONTINUAR');
    expect(continuar.disabled).to.equal(true);
    continuar.click();
    await settle(m.el);
    expect(m.api.callsOf('verify')).to.have.length(1);
    held.resolve(fixtures.verify.recuperar);
    await heading(m, 'Correo electrónico');
    expect(m.api.callsOf('verify')).to.have.length(1);
  });

  it('moved in the page while a request is in flight: the request is sent again as the same action and the flow goes on', async () => {
    const m = await mountShell();
    await identify(m);
    const held = hold();
    m.api.next('verify', held);
    await verify(m);
    await until(() => m.api.callsOf('verify').length === 1, 'the verification sent');
    const box = document.createElement('div');
    document.body.append(box);
    box.append(m.el); // disconnect + connect
    await heading(m, 'Correo electrónico');
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
    await findBy(() => problemNotice(m), 'the network problem');
    await verify(m);
    await heading(m, 'Correo electrónico');
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
      m.api.fail('verify', kind as 'network');
      await verify(m, { answer: 'Firulais' });
      await findBy(() => problemNotice(m), 'the problem');
      expect(m.el.shadowRoot!.querySelector('[part=problem]')?.getAttribute('data-problem')).to.equal(kind);
      expect(problemNotice(m)).to.contain(words);
      // No field to correct: focus goes to the notice, which is read there; the live region does not repeat it (issue 14).
      await until(() => deepActiveElement() === noticeElement(m), 'focus on the notice');
      // (A wait that starts within 2 minutes is at a milestone at once: the timers' mechanism says it too.)
      if (kind !== 'rate-limited') expect(liveRegion(m.el).textContent).not.to.contain(words);
      // Nothing typed is lost: the same answers are still in the fields.
      expect(allByRole<HTMLInputElement>(m.el, 'textbox').map((f) => f.value)).to.deep.equal(recuperarQuestions.map(() => 'Firulais'));
      expect(getByLabel<HTMLSelectElement>(m.el, 'Día').value).to.equal('14');
    });
  }

  it('garbage answer (bad-response): a clear message, nothing lost, and the step stays usable', async () => {
    const m = await mountShell();
    await identify(m);
    m.api.next('verify', garbage({ ok: true, html: '<b>proxy</b>' }));
    await verify(m);
    await findBy(() => problemNotice(m).includes('respuesta inesperada'), 'the bad-response problem');
    expect(getByLabel<HTMLSelectElement>(m.el, 'Mes').value).to.equal('3');
    await verify(m);
    await heading(m, 'Correo electrónico');
  });

  it('offline at BUSCAR: the typed cédula stays in the field and the message says so', async () => {
    const m = await mountShell();
    m.api.fail('startFlow', 'network');
    await identify(m);
    await findBy(() => problemNotice(m).includes('sus datos siguen en el formulario'), 'the offline problem');
    expect(getByLabel(m.el, 'Número de cédula').value).to.equal(FIXTURE_CEDULA);
  });

  // Every kind a client can see, at an operation that may return it: a Spanish message on the
  // step, or an end state — never a blank, never a crash.
  const everyKind: [ApiErrorKind, 'startFlow' | 'verify' | 'sendActivation'][] = [
    ...(
      [
        'validation',
        'captcha-failed',
        'rate-limited',
        'idempotency-conflict',
        'not-found',
        'payload-too-large',
        'unsupported-media-type',
        'server',
        'unavailable',
        'network',
        'timeout',
        'bad-response',
      ] as const
    ).map((k) => [k, 'startFlow'] as [ApiErrorKind, 'startFlow']),
    ...(['verification-failed', 'locked', 'flow-expired', 'flow-invalid', 'sequence'] as const).map(
      (k) => [k, 'verify'] as [ApiErrorKind, 'verify'],
    ),
    ['email-limit', 'sendActivation'],
    ['invalid-credentials', 'verify'],
  ];
  for (const [kind, op] of everyKind) {
    it(`every problem kind is said in Spanish, and a kept step's notice takes focus: ${kind} at ${op}`, async () => {
      const m = await mountShell();
      const errors: IessErrorEvent[] = [];
      m.el.addEventListener('iess-error', (e) => errors.push(e));
      m.api.fail(op, kind);
      await identify(m);
      if (op !== 'startFlow') await verify(m);
      if (op === 'sendActivation') await sendEmail(m);
      await until(() => m.api.callsOf(op).length === 1, `the ${op} call`);
      await settle(m.el);
      const said = problemNotice(m) || (errors.length > 0 ? readableText(m.el) : '');
      expect(said.trim().length, 'something is said').to.be.greaterThan(20);
      expect(said).to.match(/[áéíóúñ¿]|intente|Intente|enlace|datos/);
      expect(m.el.isConnected).to.equal(true);
      // A refusal that keeps the step: focus on its notice, never dropped to the page (WCAG 2.4.3, issue 14).
      if (problemNotice(m)) await until(() => deepActiveElement() === noticeElement(m), 'focus on the notice');
    });
  }

  const ending: [string, string, string][] = [
    ['locked', 'Acceso bloqueado temporalmente', 'locked'],
    ['flow-expired', 'El enlace o el trámite venció', 'flow-expired'],
    ['flow-invalid', 'El enlace o el trámite venció', 'flow-invalid'],
  ];
  for (const [kind, title, errorKind] of ending) {
    it(`problem ${kind}: the end state says what happened, what next, and the contact channels`, async () => {
      const m = await mountShell();
      const errors: IessErrorEvent[] = [];
      m.el.addEventListener('iess-error', (e) => errors.push(e));
      await identify(m);
      m.api.fail('verify', kind as 'locked');
      await verify(m);
      await heading(m, title);
      expect(errors.map((e) => e instanceof IessErrorEvent && e.kind)).to.deep.equal([errorKind]);
      expect(readableText(m.el)).to.contain('atencionalusuario@iess.gob.ec');
    });
  }

  const linkEnds: [string, string, string][] = [
    ['link-expired', 'El enlace venció', 'Enviar un nuevo correo'],
    ['link-used', 'Este enlace ya se usó', 'Ingresar al portal del IESS'],
    ['link-invalid', 'Este enlace fue reemplazado', 'último correo «ACTIVACIÓN CLAVE»'],
  ];
  for (const [kind, title, next] of linkEnds) {
    it(`problem ${kind} on the link page: its own page that leads somewhere (issue 10)`, async () => {
      withToken(FIXTURE_ACTIVATION_TOKEN);
      const api = new FakeRecoveryApi();
      api.fail('checkActivation', kind as 'link-expired');
      const m = await mountShell({ api });
      await heading(m, title);
      expect(readableText(m.el)).to.contain(next);
      expect(readableText(m.el)).not.to.contain('El tiempo terminó');
    });
  }

  it("an expired link's page sends a new mail by the link token and confirms it on screen (issue 10)", async () => {
    withToken(FIXTURE_ACTIVATION_TOKEN);
    const api = new FakeRecoveryApi();
    api.fail('checkActivation', 'link-expired');
    const m = await mountShell({ api });
    await heading(m, 'El enlace venció');
    const step = m.el.shadowRoot!.querySelector('iess-estado-expirado')!;
    step.shadowRoot!.querySelector<HTMLButtonElement>('[part=resend]')!.click();
    await settle(m.el);
    await settle(m.el);
    expect(api.callsOf('resendFromLink').map((c) => c.body)).to.deep.equal([{ token: FIXTURE_ACTIVATION_TOKEN }]);
    expect(readableText(m.el)).to.contain('Enviamos un nuevo correo a j***@g***.com');
  });

  it('problem on the link page without an answer: the error state retries the check', async () => {
    withToken(FIXTURE_ACTIVATION_TOKEN);
    const api = new FakeRecoveryApi();
    api.fail('checkActivation', 'unavailable');
    const m = await mountShell({ api, clockAt: Date.parse(fixtures.checkActivation.recuperar.now) });
    await heading(m, 'No pudimos completar la operación');
    getByRole(m.el, 'button', 'Reintentar').click();
    await heading(m, 'Nueva clave');
    expect(api.callsOf('checkActivation')).to.have.length(2);
  });

  it('password-rejected: stays on the new password, says why at the field, and focus goes to the error summary', async () => {
    withToken(FIXTURE_ACTIVATION_TOKEN);
    const api = new FakeRecoveryApi();
    api.fail('completeActivation', 'password-rejected', { fieldErrors: { password: ['weak'] } });
    const m = await mountShell({ api, clockAt: Date.parse(fixtures.checkActivation.recuperar.now) });
    await acceptDeclaration(m);
    await generate(m, 'barcelona123456789');
    await findBy(() => readableText(m.el).includes('Esa clave es fácil de adivinar'), 'the reason at the field');
    expect(queryByRole(m.el, 'heading', 'Nueva clave')).to.not.equal(undefined);
    // A field to correct: focus on the step's error summary, whose link leads to it (WCAG 2.4.3, issue 14).
    const summary = () => m.el.shadowRoot!.querySelector('[data-step]')?.shadowRoot?.querySelector('[part=error-summary]');
    await until(() => summary() && deepActiveElement() === summary(), 'focus on the error summary');
    expect(getByLabel(m.el, 'Nueva clave').value).to.equal('barcelona123456789');
  });

  it('a resend that went through is said by the live region, and focus stays on the button (issue 14)', async () => {
    const m = await mountShell();
    // The server's clock runs with the test's (its polls say so), so the resend cooldown passes.
    m.api.defaults.getFlowStatus = () => ({ ...fixtures.getFlowStatus.activationSent, now: new Date(m.clock.now()).toISOString() });
    await toWaiting(m);
    const button = () => m.el.shadowRoot!.querySelector('[data-step]')!.shadowRoot!.querySelector<HTMLButtonElement>('[part=resend]')!;
    for (let i = 0; i < 14 && button().getAttribute('aria-disabled') === 'true'; i++) {
      m.clock.advance(5_000); // past the cooldown, one poll at a time
      await settle(m.el);
    }
    expect(liveRegion(m.el).textContent).not.to.contain('Enviamos un nuevo correo');
    button().focus();
    button().click();
    await until(() => liveRegion(m.el).textContent!.includes('Enviamos un nuevo correo a j***@g***.com.'), 'the resend said');
    expect(m.api.callsOf('resendActivation')).to.have.length(1);
    expect(deepActiveElement() === button(), 'focus on the resend button').to.equal(true);
  });

  it('focus moves to each new step heading; one polite live region announces "Paso N de M"', async () => {
    const m = await mountShell();
    await identify(m);
    const title = await heading(m, 'Verificación de datos');
    await until(() => deepActiveElement() === title, 'focus on the new heading');
    const live = m.el.shadowRoot!.querySelectorAll('[aria-live]');
    expect(live).to.have.length(1);
    expect(live[0]!.getAttribute('aria-live')).to.equal('polite');
    expect(live[0]!.textContent).to.contain('Paso 2 de 5');
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
    await heading(m, 'Su clave está lista');
    expect(seen.length).to.be.greaterThan(3);
    expect(seen.every((e) => e instanceof IessStepChangeEvent || e instanceof IessCompleteEvent)).to.equal(true);
    const dump = JSON.stringify(seen.map((e) => ({ ...e, type: e.type })));
    for (const secret of [FIXTURE_CEDULA, '5675', FIXTURE_FLOW_TOKEN, 'j***@g***.com', 'Quito', '"14"']) {
      expect(dump).not.to.contain(secret);
    }
    expect(seen.every((e) => e.bubbles && e.composed)).to.equal(true);
  });

  it('cancel fires iess-cancel with the step only and starts over', async () => {
    const m = await mountShell();
    await identify(m);
    await heading(m, 'Verificación de datos');
    const cancels: IessCancelEvent[] = [];
    m.el.addEventListener('iess-cancel', (e) => cancels.push(e));
    getByRole(m.el, 'button', 'Cancelar el trámite').click();
    await heading(m, 'Identificación');
    expect(cancels.map((e) => e instanceof IessCancelEvent && e.step)).to.deep.equal(['verification']);
  });

  it('a confirm dialog closed with "Revisar los datos" sends nothing', async () => {
    const m = await mountShell();
    await identify(m);
    await heading(m, 'Verificación de datos');
    choose(getByLabel<HTMLSelectElement>(m.el, 'Día'), '14');
    choose(getByLabel<HTMLSelectElement>(m.el, 'Mes'), '3');
    for (const field of allByRole<HTMLInputElement>(m.el, 'textbox')) typeInto(field, 'Quito');
    await pressContinuar(m);
    (await findByRole(m.el, 'button', 'Revisar los datos')).click();
    await settle(m.el);
    expect(queryByRole(m.el, 'button', 'ACEPTAR')).to.equal(undefined);
    expect(m.api.callsOf('verify')).to.have.length(0);
  });

  it('configuration: without api-base or .api, a visible explained error (and iess-error "config")', async () => {
    const errors: IessErrorEvent[] = [];
    document.addEventListener('iess-error', (e) => errors.push(e), { once: true });
    const m = await mountShell({ noApi: true });
    await findByRole(m.el, 'alert');
    expect(shellText(m.el)).to.contain('api-base');
    expect(errors.map((e) => e instanceof IessErrorEvent && e.kind)).to.deep.equal(['config']);
    expect(await axeViolations(m.el)).to.equal('');
  });

  it('configuration fixed after the error: the widget starts, and a link token taken earlier still opens the declaration and the new password', async () => {
    withToken(FIXTURE_ACTIVATION_TOKEN);
    const api = new FakeRecoveryApi();
    const m = await mountShell({ noApi: true });
    expect(location.hash).to.equal('');
    await findByRole(m.el, 'alert');
    m.el.api = api;
    await heading(m, 'Nueva clave');
    expect(api.callsOf('checkActivation')[0]!.body).to.deep.equal({ token: FIXTURE_ACTIVATION_TOKEN });
  });

  it('configuration: a bad api-base and a bad .config field are named', async () => {
    const m = await mountShell({ noApi: true, attrs: { 'api-base': 'ftp://example.org' }, config: { portalUrl: 'javascript:alert(1)' } });
    await findByRole(m.el, 'alert');
    const t = shellText(m.el);
    expect(t).to.contain('apiBase');
    expect(t).to.contain('portalUrl');
    expect(t).to.contain('https');
  });

  it('resume: a stored waiting flow reopens at "Revise su correo" and asks the server where it stands', async () => {
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
    const m = await mountShell({ store });
    await heading(m, 'Revise su correo');
    await until(() => m.api.callsOf('getFlowStatus').length === 1, 'status call');
    expect((m.api.callsOf('getFlowStatus')[0]!.options as { flowToken: string }).flowToken).to.equal(FIXTURE_FLOW_TOKEN);
  });

  it("resume from this tab's sessionStorage: the stored expiry is judged by the shell's clock, not the calendar", async () => {
    sessionStorage.clear();
    sessionStorage.setItem(
      'iess-clave:flow',
      JSON.stringify({
        step: 'activation-sent',
        flowToken: FIXTURE_FLOW_TOKEN,
        flowExpiresAt: at(900),
        case: 'recuperar',
        maskedId: FIXTURE_MASKED_CEDULA,
      }),
    );
    // The clock stands at the fixtures' "now" (15 minutes before the stored expiry), whatever today is.
    const m = await mountShell({ config: { resume: 'session' } });
    await heading(m, 'Revise su correo');
    sessionStorage.clear();
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
    await heading(m, 'Su clave está lista');
    await until(() => sessionStorage.length === 0, 'the resume entry gone');
  });

  it('English is loaded only when asked for, and the steps follow the language', async () => {
    const m = await mountShell({ attrs: { lang: 'en-US' } });
    await until(() => progressText(m) === 'Step 1', 'English progress');
    await findBy(() => queryByRole(m.el, 'textbox', 'Cédula number') ?? !readableText(m.el).includes('Número de cédula'), 'English step');
  });

  it('an English page hears the first step in English: said again once the English strings arrive (issue 14)', async () => {
    const m = await mountShell({ attrs: { lang: 'en-US' } });
    await until(() => progressText(m) === 'Step 1', 'English progress');
    await findBy(() => liveRegion(m.el).textContent?.includes('Step 1: Identification'), 'the first step said in English');
    expect(liveRegion(m.el).textContent).not.to.contain('Paso 1');
  });

  it('registration is idempotent: defining again, or loading the module again, throws nothing', async () => {
    await whenDefined;
    expect(defineElements(LATER_ELEMENTS)).to.deep.equal([]);
    await import(/* @vite-ignore */ `../../widget/define.ts?again=${Date.now()}`);
    expect(customElements.get('iess-recuperar-clave')).to.not.equal(undefined);
  });
});
