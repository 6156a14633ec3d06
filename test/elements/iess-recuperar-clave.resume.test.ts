/**
 * Resume after BUSCAR (issue 5 item 2, CS-07): a shell mounted over a store that holds a snapshot
 * opens at that step with the server's data; what the person types never reaches the store; a
 * tampered snapshot is dropped; the server still decides when a resumed flow is used.
 */
import { expect } from '@esm-bundle/chai';
import { StepActionEvent, StepSubmitEvent } from '../../widget/events/intents.ts';
import type { IessRecuperarClave } from '../../widget/iess-recuperar-clave.ts';
import { MemoryFlowStore, type FlowStore } from '../../widget/flow/store.ts';
import type { ResumableFlow } from '../../widget/flow/types.ts';
import { FIXTURE_CEDULA, FIXTURE_FLOW_TOKEN, FIXTURE_MASKED_CEDULA, at, fixtures, recuperarQuestions, securityQuestionBank } from '../fixtures/api/index.ts';
import { cleanupShells, currentStep, mountShell, settle, until, untilStep, visibleText, type Mounted } from './iess-recuperar-clave-helpers.ts';

const CAPTCHA = 'eyJhbGdvcml0aG0iOiJTSEEtMjU2In0=';
const base = { flowToken: FIXTURE_FLOW_TOKEN, flowExpiresAt: at(900), case: 'recuperar' as const, maskedId: FIXTURE_MASKED_CEDULA };
const verificationSnapshot: ResumableFlow = {
  ...base,
  step: 'verification',
  verification: { questions: recuperarQuestions, attemptsLeft: 2, maxAttempts: 5 },
};

/** A store that also records, as JSON, everything it was ever asked to keep. */
class RecordingStore implements FlowStore {
  readonly saved: string[] = [];
  clears = 0;
  private inner = new MemoryFlowStore();
  load() {
    return this.inner.load();
  }
  save(flow: ResumableFlow) {
    this.inner.save(flow);
    this.saved.push(JSON.stringify(this.inner.load()));
  }
  clear() {
    this.clears++;
    this.inner.clear();
  }
}

function storeWith(value: unknown): RecordingStore {
  const store = new RecordingStore();
  // Bypasses pickResumable on purpose: what a host's store (or a tampered storage) may hand back.
  (store as unknown as { inner: { load(): unknown } }).inner.load = () => value;
  return store;
}

function confirmDialog(el: IessRecuperarClave): void {
  const d = el.shadowRoot!.querySelector('iess-dialogo-confirmacion');
  if (!d) throw new Error('no confirm dialog');
  d.dispatchEvent(new StepSubmitEvent({ confirmed: true }));
}

async function submitVerification(m: Mounted, answer = 'Quito'): Promise<void> {
  currentStep(m.el).dispatchEvent(
    new StepSubmitEvent({ birthDay: 14, birthMonth: 3, answers: recuperarQuestions.map((q) => ({ questionId: q.id, answer })) }),
  );
  await m.el.updateComplete;
  confirmDialog(m.el);
  await settle(m.el);
}

describe('<iess-recuperar-clave> resume after BUSCAR (issue 5 item 2)', () => {
  afterEach(() => cleanupShells());

  it('CS-07: a stored verification snapshot opens at verification with the server questions and attempts, without asking for BUSCAR again', async () => {
    const store = new MemoryFlowStore();
    store.save(verificationSnapshot);
    const m = await mountShell({ store });
    const step = (await untilStep(m.el, 'iess-paso-verificacion')) as unknown as HTMLElement & { questions: unknown; attemptsLeft: number; maskedId: string };
    expect(step.questions).to.deep.equal(recuperarQuestions);
    expect(step.attemptsLeft).to.equal(2);
    expect(step.maskedId).to.equal(FIXTURE_MASKED_CEDULA);
    expect(visibleText(m.el)).to.contain(recuperarQuestions[0]!.text);
    expect(m.api.callsOf('startFlow')).to.have.length(0);
    // Used, it goes to the server with the stored flow token, and on to the e-mail step.
    await submitVerification(m);
    expect((m.api.callsOf('verify')[0]!.options as { flowToken: string }).flowToken).to.equal(FIXTURE_FLOW_TOKEN);
    await untilStep(m.el, 'iess-paso-correo');
  });

  it('security-questions and email snapshots open at their step with the bank / the address mask', async () => {
    const sq = await mountShell({ store: storeWith({ ...base, case: 'generar', step: 'security-questions', securityQuestions: securityQuestionBank }) });
    const preguntas = (await untilStep(sq.el, 'iess-paso-preguntas')) as unknown as HTMLElement & { bank: unknown };
    expect(preguntas.bank).to.deep.equal(securityQuestionBank);
    const em = await mountShell({ store: storeWith({ ...base, step: 'email', email: fixtures.verify.recuperar.email }) });
    const correo = (await untilStep(em.el, 'iess-paso-correo')) as unknown as HTMLElement & { email: unknown };
    expect(correo.email).to.deep.equal(fixtures.verify.recuperar.email);
  });

  it('CS-07: what the person types is never in the store, while typing nor when the flow saves the next step', async () => {
    const store = new RecordingStore();
    const m = await mountShell({ store });
    const id = await untilStep(m.el, 'iess-paso-identificacion');
    id.dispatchEvent(new StepSubmitEvent({ idType: 'cedula', id: FIXTURE_CEDULA, captcha: CAPTCHA }));
    const step = await untilStep(m.el, 'iess-paso-verificacion');
    await until(() => store.saved.length === 1, 'verification saved');
    const day = step.shadowRoot!.querySelector<HTMLSelectElement>('#birth-day')!;
    day.value = '14';
    day.dispatchEvent(new Event('change'));
    const answer = step.shadowRoot!.querySelector<HTMLInputElement>('#q-0')!;
    answer.value = 'CANARY-Perla';
    answer.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await settle(m.el);
    await submitVerification(m, 'CANARY-Perla');
    await untilStep(m.el, 'iess-paso-correo');
    await until(() => store.saved.length === 2, 'email saved');
    const everything = store.saved.join('\n');
    for (const canary of [FIXTURE_CEDULA, 'CANARY', '"birthDay"', '"birthMonth"', '"answers"', '"draft"', '"identification"']) {
      expect(everything).not.to.contain(canary);
    }
    expect(JSON.parse(store.saved[0]!)).to.have.all.keys('step', 'flowToken', 'flowExpiresAt', 'case', 'maskedId', 'verification');
    expect(JSON.parse(store.saved[1]!)).to.have.all.keys('step', 'flowToken', 'flowExpiresAt', 'case', 'maskedId', 'email');
  });

  it('CS-07: a tampered snapshot is dropped and cleared: the shell starts at BUSCAR', async () => {
    const store = storeWith({ ...verificationSnapshot, verification: { questions: [{ id: 'q', text: '<b>x</b>', kind: 'nope' }], attemptsLeft: 9, maxAttempts: 5 } });
    const m = await mountShell({ store });
    await untilStep(m.el, 'iess-paso-identificacion');
    await until(() => store.clears > 0, 'store cleared');
    expect(m.el.flowState.flow).to.equal(undefined);
  });

  it('a stale snapshot (flow expired by the clock) is dropped: the shell starts at BUSCAR', async () => {
    const store = storeWith({ ...verificationSnapshot, flowExpiresAt: at(-1) });
    const m = await mountShell({ store });
    await untilStep(m.el, 'iess-paso-identificacion');
    await until(() => store.clears > 0, 'store cleared');
  });

  it('a resumed verification the server no longer knows (401 flow-expired) shows the expired state, and "Iniciar de nuevo" goes back to BUSCAR', async () => {
    const store = new RecordingStore();
    store.save(verificationSnapshot);
    const m = await mountShell({ store });
    await untilStep(m.el, 'iess-paso-verificacion');
    m.api.fail('verify', 'flow-expired');
    await submitVerification(m);
    const expired = await untilStep(m.el, 'iess-estado-expirado');
    await until(() => store.load() === null, 'store cleared');
    expect(expired.getAttribute('data-kind')).to.equal('flow-expired');
    expect(m.el.flowState.flow).to.equal(undefined);
    expired.dispatchEvent(new StepActionEvent('restart'));
    await untilStep(m.el, 'iess-paso-identificacion');
  });

  it('a resumed e-mail step that no longer fits (409 sequence) says the procedure moved on', async () => {
    const m = await mountShell({ store: storeWith({ ...base, step: 'email', email: fixtures.verify.recuperar.email }) });
    const step = await untilStep(m.el, 'iess-paso-correo');
    m.api.fail('sendActivation', 'sequence');
    step.dispatchEvent(new StepSubmitEvent({ mode: 'on-record' }));
    await m.el.updateComplete;
    confirmDialog(m.el);
    await settle(m.el);
    const problem = m.el.shadowRoot!.querySelector('[part=problem]');
    expect(problem?.getAttribute('data-problem')).to.equal('sequence');
    expect(problem?.textContent).to.contain('Vuelva a empezar');
  });
});
