/**
 * The flow machine's memory rules: the identification typed at BUSCAR (memory only) carried to a
 * link opened in the same document when it fits the link's mask; everything wiped on `pagehide`
 * (CS-07); a rate-limit wait turned into a deadline on the server's clock.
 */
import { describe, expect, it } from 'vitest';
import { fitsMask, loadLaterSteps, transition } from '../../widget/flow/machine.ts';
import type { FlowEvent, FlowFields } from '../../widget/flow/types.ts';
import { FIXTURE_ACTIVATION_TOKEN, FIXTURE_CEDULA, FIXTURE_NOW, FIXTURE_NOW_MS, fixtures } from '../fixtures/api/index.ts';
import { runEvents } from '../helpers/run-events.ts';

// Every step, before the tables below are built: the later steps' transitions load apart from the
// first step's (flow-later-steps.test.ts).
await loadLaterSteps();

const AT = FIXTURE_NOW_MS;

const run = runEvents;

const toVerification: FlowEvent[] = [
  { type: 'init' },
  { type: 'config-loaded', response: fixtures.getConfig.default, at: AT },
  { type: 'identify', idType: 'cedula', id: FIXTURE_CEDULA, captcha: 'payload' },
  { type: 'flow-started', response: fixtures.startFlow.recuperar, at: AT },
];
const verifyRequest = { birthDay: 1, birthMonth: 2, answers: [{ questionId: 'q1', answer: 'x' }] };
const toWaiting: FlowEvent[] = [
  ...toVerification,
  { type: 'submit-verification', request: verifyRequest },
  { type: 'confirm' },
  { type: 'verified', response: fixtures.verify.recuperar, at: AT },
  { type: 'submit-email', request: { mode: 'on-record' } },
  { type: 'confirm' },
  { type: 'activation-sent', response: fixtures.sendActivation.onRecord, at: AT },
];
const linkHere: FlowEvent[] = [
  { type: 'link-opened', activationToken: FIXTURE_ACTIVATION_TOKEN },
  { type: 'activation-checked', response: fixtures.checkActivation.recuperar, at: AT },
];

describe('flow machine: the identification typed here', () => {
  it('fitsMask: same length, every shown character equal', () => {
    expect(fitsMask('1712345675', '******5675')).toBe(true);
    expect(fitsMask('1712345675', '******5676')).toBe(false);
    expect(fitsMask('171234567', '******5675')).toBe(false);
    expect(fitsMask('E0012345', '****2345')).toBe(true);
  });

  it('is kept in memory from BUSCAR and never in what is stored', () => {
    const { state, effects } = run(toWaiting);
    expect(state.identification).toBe(FIXTURE_CEDULA);
    const stored = effects.filter((e) => e.type === 'store');
    expect(stored).toHaveLength(3); // verification, email, activation-sent
    expect(JSON.stringify(stored)).not.toContain(FIXTURE_CEDULA);
  });

  it('a link opened in this document: checked, and the identification reaches the new-password step', () => {
    const { state, effects } = run([...toWaiting, ...linkHere]);
    expect(state.step).toBe('new-password');
    expect(state.mode).toBe('activation');
    expect(state.identification).toBe(FIXTURE_CEDULA);
    expect((state as FlowFields).flow).toBeUndefined(); // the waiting flow's token is gone
    expect(effects.some((e) => e.type === 'call' && e.call.op === 'checkActivation')).toBe(true);
    // 'starting' is internal: no public step-change for it.
    expect(effects.some((e) => e.type === 'emit' && e.event.name === 'step-change' && e.event.step === 'starting')).toBe(false);
  });

  it('a link for another identification: the one typed here is dropped', () => {
    const other = { ...fixtures.checkActivation.recuperar, maskedId: '******0001' };
    const { state } = run([...toWaiting, linkHere[0]!, { type: 'activation-checked', response: other, at: AT }]);
    expect(state.step).toBe('new-password');
    expect(state.identification).toBeUndefined();
  });

  it.each(['cancel', 'flow-time-up'] as const)('%s forgets it', (type) => {
    const { state } = run([...toVerification, { type }]);
    expect(state.identification).toBeUndefined();
  });
});

describe('flow machine: pagehide (CS-07)', () => {
  it.each([
    ['verification', toVerification],
    ['activation-sent', toWaiting],
    ['new-password', [...toWaiting, ...linkHere]],
  ] as const)('on %s: back to starting with nothing personal or secret, the resume store kept', (_step, events) => {
    const { state } = run([...events]);
    const t = transition(state, { type: 'page-hidden' });
    expect(t.state.step).toBe('starting');
    for (const key of ['identification', 'activationToken', 'check', 'flow', 'verification', 'draft', 'email', 'activation'] as const) {
      expect((t.state as FlowFields)[key], key).toBeUndefined();
    }
    expect(t.effects.filter((e) => e.type === 'clear-store')).toHaveLength(0);
    expect(t.effects.filter((e) => e.type === 'emit')).toHaveLength(0);
    // Shown again, it starts like a fresh page.
    expect(transition(t.state, { type: 'init' }).state.step).toBe('identification');
  });
});

describe('flow machine: rate-limit deadline on the server clock', () => {
  const fail = (error: Extract<FlowEvent, { type: 'failed' }>['error']): FlowEvent[] => [
    ...toVerification,
    { type: 'submit-verification', request: verifyRequest },
    { type: 'confirm' },
    { type: 'failed', op: 'verify', error },
  ];

  it("from the problem's own `now`", () => {
    const { state } = run(fail({ kind: 'rate-limited', retryAfter: 30, now: FIXTURE_NOW, receivedAt: AT + 3_600_000 }));
    expect(state.problem?.retryUntil).toBe(Date.parse(FIXTURE_NOW) + 30_000);
  });

  it('without `now`: from the arrival on the client clock, corrected by the server offset', () => {
    const { state } = run(fail({ kind: 'rate-limited', retryAfter: 30, receivedAt: AT + 5_000 }));
    expect(state.problem?.retryUntil).toBe(AT + 5_000 + state.clockOffsetMs + 30_000);
  });

  it('other kinds with retryAfter (email-limit: a day) set no deadline: the step stays usable', () => {
    const { state } = run(fail({ kind: 'email-limit', retryAfter: 86_400, now: FIXTURE_NOW }));
    expect(state.problem?.retryUntil).toBeUndefined();
  });
});
