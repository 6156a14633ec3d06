/**
 * Issue 15: the transitions of the steps after the first load apart from the first step's
 * (widget/flow/later-steps.ts, out of what the page waits for before step 1). Until they have
 * loaded, a later step takes no event of its own; the controller never lets that happen, because
 * it loads them before it feeds in any answer from the server or resumes a stored step.
 */
import { describe, expect, it } from 'vitest';
import { loadLaterSteps, transition } from '../../widget/flow/machine.ts';
import type { FlowEvent, FlowFields } from '../../widget/flow/types.ts';
import { FIXTURE_ACTIVATION_TOKEN, FIXTURE_NOW_MS, fixtures } from '../fixtures/api/index.ts';
import { runEvents as run } from '../helpers/run-events.ts';

const AT = FIXTURE_NOW_MS;

const toVerification: FlowEvent[] = [
  { type: 'init' },
  { type: 'identify', idType: 'cedula', id: '1712345675', captcha: 'payload' },
  { type: 'flow-started', response: fixtures.startFlow.recuperar, at: AT },
];
const submit: FlowEvent = {
  type: 'submit-verification',
  request: { birthDay: 1, birthMonth: 2, answers: [{ questionId: 'q1', answer: 'x' }] },
};

// One file, one module instance: the order of these tests is the order of loading.
describe('the later steps load apart from the first', () => {
  it('before they load, the first step works to its end and a later step takes no event of its own', () => {
    const { state } = run(toVerification);
    expect(state.step).toBe('verification');
    const t = transition(state, submit);
    expect(t.state).toBe(state);
    expect(t.effects).toEqual([]);
    // What applies on every step still does (onAny): cancel starts over.
    expect(transition(state, { type: 'cancel' }).state.step).toBe('identification');
  });

  it('the end states a refusal leads to are in the first load: retry and start again work even if the later steps never load', () => {
    // The e-mail link's page, its check refused (a server error): the error state, then retry checks it again.
    const { state: failed } = run([
      { type: 'init', activationToken: FIXTURE_ACTIVATION_TOKEN },
      { type: 'failed', op: 'checkActivation', error: { kind: 'server' } },
    ]);
    expect(failed.step).toBe('error');
    const retried = transition(failed, { type: 'retry' });
    expect(retried.state.step).toBe('starting');
    expect(retried.effects).toContainEqual({ type: 'call', call: { op: 'checkActivation', body: { token: FIXTURE_ACTIVATION_TOKEN } } });
    // BUSCAR answered "locked already": the lock, and "Iniciar de nuevo" back to BUSCAR.
    const spent = { ...fixtures.startFlow.recuperar, verification: { ...fixtures.startFlow.recuperar.verification, attemptsLeft: 0 } };
    const locked = run([...toVerification.slice(0, 2), { type: 'flow-started', response: spent, at: AT }]).state;
    expect(locked.step).toBe('locked');
    expect(transition(locked, { type: 'restart' }).state.step).toBe('identification');
  });

  it('once loaded (once, however many ask), the same event goes on as before', async () => {
    await Promise.all([loadLaterSteps(), loadLaterSteps()]);
    const { state } = run(toVerification);
    const t = transition(state, submit);
    expect(t.state).not.toBe(state);
    expect(t.state.step).toBe('verification');
    expect((t.state as FlowFields).dialog).toBe('confirm-verification');
  });
});
