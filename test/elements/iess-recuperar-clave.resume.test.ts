/**
 * Resume after BUSCAR (CS-07, docs/widget-shell.md): a shell mounted over a store that holds a
 * snapshot opens at that step with the server's data; what the person types never reaches the
 * store; a tampered snapshot is dropped; the server still decides when a resumed flow is used.
 * Acted on and read like a person (labels, roles, what is on screen).
 */
import { expect } from '@esm-bundle/chai';
import { MemoryFlowStore, type FlowStore } from '../../widget/flow/store.ts';
import type { ResumableFlow } from '../../widget/flow/types.ts';
import {
  FIXTURE_ACTIVATION_TOKEN,
  FIXTURE_CEDULA,
  FIXTURE_FLOW_TOKEN,
  FIXTURE_MASKED_CEDULA,
  at,
  fixtures,
  recuperarQuestions,
  securityQuestionBank,
} from '../fixtures/api/index.ts';
import { cleanupShells, heading, identify, mountShell, problemNotice, sendEmail, until, verify } from './iess-recuperar-clave-helpers.ts';
import { findBy, getByRole, readableText } from './screen.ts';
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

/** A store holding `snapshot` that answers its first read only when `release()` is called: a start in flight. */
function slowStoreWith(snapshot: ResumableFlow): { slow: FlowStore; release: () => void } {
  const store = new MemoryFlowStore();
  store.save(snapshot);
  let release!: () => void;
  const reading = new Promise<void>((resolve) => (release = resolve));
  const slow: FlowStore = { load: async () => (await reading, store.load()), save: (f) => store.save(f), clear: () => store.clear() };
  return { slow, release };
}

describe('<iess-recuperar-clave> resume after BUSCAR', () => {
  afterEach(() => cleanupShells());

  it('CS-07: a stored verification snapshot opens at verification with the server questions and attempts, without asking for BUSCAR again', async () => {
    const store = new MemoryFlowStore();
    store.save(verificationSnapshot);
    const m = await mountShell({ store });
    await heading(m, 'Verificación de datos');
    const text = readableText(m.el);
    for (const q of recuperarQuestions) expect(text).to.contain(q.text);
    expect(text).to.contain('Le quedan 2 intentos');
    expect(text).to.contain(FIXTURE_MASKED_CEDULA);
    expect(m.api.callsOf('startFlow')).to.have.length(0);
    // Used, it goes to the server with the stored flow token, and on to the e-mail step.
    await verify(m);
    await heading(m, 'Correo electrónico');
    expect((m.api.callsOf('verify')[0]!.options as { flowToken: string }).flowToken).to.equal(FIXTURE_FLOW_TOKEN);
  });

  it('security-questions and email snapshots open at their step with the bank / the address mask', async () => {
    const sq = await mountShell({
      store: storeWith({ ...base, case: 'generar', step: 'security-questions', securityQuestions: securityQuestionBank }),
    });
    await heading(sq, 'Preguntas de seguridad');
    const questions = readableText(sq.el);
    for (const q of securityQuestionBank.questions) expect(questions).to.contain(q.text);
    const em = await mountShell({ store: storeWith({ ...base, step: 'email', email: fixtures.verify.recuperar.email }) });
    await heading(em, 'Correo electrónico');
    expect(readableText(em.el)).to.contain(fixtures.verify.recuperar.email.masked!);
  });

  it('CS-07: what the person types is never in the store, while typing nor when the flow saves the next step', async () => {
    const store = new RecordingStore();
    const m = await mountShell({ store });
    await identify(m);
    await heading(m, 'Verificación de datos');
    await until(() => store.saved.length === 1, 'verification saved');
    await verify(m, { answer: 'CANARY-Perla' });
    await heading(m, 'Correo electrónico');
    await until(() => store.saved.length === 2, 'email saved');
    const everything = store.saved.join('\n');
    for (const canary of [FIXTURE_CEDULA, 'CANARY', '"birthDay"', '"birthMonth"', '"answers"', '"draft"', '"identification"']) {
      expect(everything).not.to.contain(canary);
    }
    expect(JSON.parse(store.saved[0]!)).to.have.all.keys('step', 'flowToken', 'flowExpiresAt', 'case', 'maskedId', 'verification');
    expect(JSON.parse(store.saved[1]!)).to.have.all.keys('step', 'flowToken', 'flowExpiresAt', 'case', 'maskedId', 'email');
  });

  it('CS-07: a tampered snapshot is dropped and cleared: the shell starts at BUSCAR', async () => {
    const store = storeWith({
      ...verificationSnapshot,
      verification: { questions: [{ id: 'q', text: '<b>x</b>', kind: 'nope' }], attemptsLeft: 9, maxAttempts: 5 },
    });
    const m = await mountShell({ store });
    await heading(m, 'Identificación');
    await until(() => store.clears > 0, 'store cleared');
    expect(readableText(m.el)).not.to.contain('<b>x</b>');
  });

  it('a stale snapshot (flow expired by the clock) is dropped: the shell starts at BUSCAR', async () => {
    const store = storeWith({ ...verificationSnapshot, flowExpiresAt: at(-1) });
    const m = await mountShell({ store });
    await heading(m, 'Identificación');
    await until(() => store.clears > 0, 'store cleared');
  });

  it('a resumed verification the server no longer knows (401 flow-expired) shows the expired state, and "Iniciar de nuevo" goes back to BUSCAR', async () => {
    const store = new RecordingStore();
    store.save(verificationSnapshot);
    const m = await mountShell({ store });
    m.api.fail('verify', 'flow-expired');
    await verify(m);
    await heading(m, 'El enlace o el trámite venció');
    await until(() => store.load() === null, 'store cleared');
    expect(readableText(m.el)).to.contain('El tiempo para completar el trámite terminó');
    getByRole(m.el, 'button', 'Iniciar de nuevo').click();
    await heading(m, 'Identificación');
    // A new BUSCAR starts a new flow; the old token is not used again.
    await identify(m);
    await heading(m, 'Verificación de datos');
    expect(m.api.callsOf('startFlow')).to.have.length(1);
  });

  it('a resumed e-mail step that no longer fits (409 sequence) says the procedure moved on', async () => {
    const m = await mountShell({ store: storeWith({ ...base, step: 'email', email: fixtures.verify.recuperar.email }) });
    m.api.fail('sendActivation', 'sequence');
    await sendEmail(m);
    await findBy(() => problemNotice(m), 'the problem');
    expect(m.el.shadowRoot!.querySelector('[part=problem]')?.getAttribute('data-problem')).to.equal('sequence');
    expect(problemNotice(m)).to.contain('Vuelva a empezar');
  });

  it('the e-mail link pasted into this tab while the stored flow is still being read opens once it is read (never dropped)', async () => {
    const { slow, release } = slowStoreWith(verificationSnapshot);
    const m = await mountShell({ store: slow });
    location.hash = `#token=${FIXTURE_ACTIVATION_TOKEN}`;
    // The token leaves the address bar at once (CS-08), whatever the widget is doing.
    await until(() => !location.hash.includes('token'), 'the token out of the address bar');
    release();
    await heading(m, 'Nueva clave');
    expect(m.api.callsOf('checkActivation')).to.have.length(1);
  });

  it('a link pasted while starting, into a widget removed before the start is done, is not checked by it', async () => {
    const { slow, release } = slowStoreWith(verificationSnapshot);
    const m = await mountShell({ store: slow });
    const read = until(() => m.api.callsOf('getConfig').length > 0, 'the start done (the configuration asked for)');
    location.hash = `#token=${FIXTURE_ACTIVATION_TOKEN}`;
    await until(() => !location.hash.includes('token'), 'the token out of the address bar');
    m.el.remove();
    release();
    await read;
    await Promise.resolve();
    expect(m.api.callsOf('checkActivation')).to.have.length(0);
  });
});
