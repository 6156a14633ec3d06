/**
 * `<iess-recuperar-clave>` and a server's `retryAfter` (rate-limited): the wait is counted down on
 * the server's clock with the controllable clock, the step's action is disabled while it runs and
 * works again when it ends (said once in the live region); the error state counts down the same way.
 */
import { expect } from '@esm-bundle/chai';
import { StepSubmitEvent } from '../../widget/events/intents.ts';
import type { IessRecuperarClave } from '../../widget/iess-recuperar-clave.ts';
import { FIXTURE_ACTIVATION_TOKEN, FIXTURE_CEDULA, FIXTURE_NOW_MS, recuperarQuestions } from '../fixtures/api/index.ts';
import { cleanupShells, currentStep, liveRegion, mountShell, settle, untilStep, type Mounted } from './iess-recuperar-clave-helpers.ts';

const CAPTCHA = 'eyJhbGdvcml0aG0iOiJTSEEtMjU2In0=';
const verifyData = { birthDay: 14, birthMonth: 3, answers: recuperarQuestions.map((q) => ({ questionId: q.id, answer: 'Quito' })) };
type Busy = HTMLElement & { busy: boolean };

function problemText(el: IessRecuperarClave): string {
  return el.shadowRoot!.querySelector('[part=problem]')?.textContent ?? '';
}

async function verifyRateLimited(m: Mounted): Promise<Busy> {
  const id = await untilStep(m.el, 'iess-paso-identificacion');
  id.dispatchEvent(new StepSubmitEvent({ idType: 'cedula', id: FIXTURE_CEDULA, captcha: CAPTCHA }));
  const step = (await untilStep(m.el, 'iess-paso-verificacion')) as unknown as Busy;
  m.api.fail('verify', 'rate-limited'); // the fixture's problem: retryAfter 30, now = FIXTURE_NOW
  step.dispatchEvent(new StepSubmitEvent(verifyData));
  await m.el.updateComplete;
  m.el.shadowRoot!.querySelector('iess-dialogo-confirmacion')!.dispatchEvent(new StepSubmitEvent({ confirmed: true }));
  await settle(m.el);
  return step;
}

async function advance(m: Mounted, ms: number): Promise<void> {
  m.clock.advance(ms);
  await settle(m.el);
}

describe('iess-recuperar-clave: retryAfter', () => {
  afterEach(() => {
    cleanupShells();
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  });

  it('rate-limited on a step: counts 30 → 20 → 1 s, the action stays disabled, then works again (said once)', async () => {
    const m = await mountShell();
    const step = await verifyRateLimited(m);
    expect(problemText(m.el)).to.contain('Espere 30 segundos');
    expect(step.busy).to.equal(true);
    await advance(m, 10_000);
    expect(problemText(m.el)).to.contain('Espere 20 segundos');
    expect(step.busy).to.equal(true);
    await advance(m, 19_000);
    expect(problemText(m.el)).to.contain('Espere 1 segundo e intente');
    expect(step.busy).to.equal(true);
    await advance(m, 1_000);
    expect(step.busy).to.equal(false);
    expect(problemText(m.el)).to.contain('Ya puede intentar de nuevo');
    expect(liveRegion(m.el).textContent).to.contain('Ya puede intentar de nuevo');
    expect(currentStep(m.el)).to.equal(step); // the same element: what was typed stays
    // And the action works again: the next ACEPTAR is sent.
    step.dispatchEvent(new StepSubmitEvent(verifyData));
    await m.el.updateComplete;
    m.el.shadowRoot!.querySelector('iess-dialogo-confirmacion')!.dispatchEvent(new StepSubmitEvent({ confirmed: true }));
    await untilStep(m.el, 'iess-paso-correo');
    expect(m.api.callsOf('verify')).to.have.length(2);
  });

  it('CS-13: the wait is counted on the server clock — a client clock 1 h fast still waits the full 30 s', async () => {
    const m = await mountShell({ clockAt: FIXTURE_NOW_MS + 3_600_000 });
    const step = await verifyRateLimited(m);
    expect(problemText(m.el)).to.contain('Espere 30 segundos');
    expect(step.busy).to.equal(true);
    await advance(m, 29_000);
    expect(step.busy).to.equal(true);
    await advance(m, 1_000);
    expect(step.busy).to.equal(false);
  });

  it('rate-limited on the link check: the error state counts down and re-enables "Reintentar"', async () => {
    history.replaceState(null, '', `${location.pathname}${location.search}#token=${FIXTURE_ACTIVATION_TOKEN}`);
    const { FakeRecoveryApi } = await import('../helpers/fake-recovery-api.ts');
    const api = new FakeRecoveryApi().fail('checkActivation', 'rate-limited', { retryAfter: 90 });
    const m = await mountShell({ api });
    const state = (await untilStep(m.el, 'iess-estado-error')) as unknown as Busy & { retryAfter: number };
    expect(state.retryAfter).to.equal(90);
    expect(state.shadowRoot!.textContent).to.contain('1:30');
    await advance(m, 45_000);
    expect(state.retryAfter).to.equal(45);
    await advance(m, 45_000);
    expect(state.retryAfter).to.equal(0);
    state.shadowRoot!.querySelector<HTMLButtonElement>('[part=retry]')!.click();
    await untilStep(m.el, 'iess-paso-activacion');
    expect(api.callsOf('checkActivation')).to.have.length(2);
  });
});
