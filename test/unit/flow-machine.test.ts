/**
 * The flow machine, table-driven: every transition of both cases, an invalid event in every
 * state (same state object back, no effects), and the client-side limits (CS-12, CS-13).
 */
import { describe, expect, it } from 'vitest';
import { initialState, loadLaterSteps, progress, transition } from '../../widget/flow/machine.ts';
import { runningTimers, timersFor } from '../../widget/flow/timers.ts';
import {
  isOver,
  type FlowEffect,
  type FlowEvent,
  type FlowFields,
  type FlowState,
  type ResumableFlow,
  type StepId,
} from '../../widget/flow/types.ts';
import { FIXTURE_ACTIVATION_TOKEN, FIXTURE_NOW_MS, fixtures } from '../fixtures/api/index.ts';
import { runEvents } from '../helpers/run-events.ts';

// Every step, before the tables below are built: the later steps' transitions load apart from the
// first step's (flow-later-steps.test.ts).
await loadLaterSteps();

const AT = FIXTURE_NOW_MS;

const run = runEvents;
/** Any state's fields, for reading what a step may or may not hold. */
const fields = (state: FlowState) => state as FlowFields;
const stores = (effects: FlowEffect[]) => effects.flatMap((e) => (e.type === 'store' ? [e.flow] : []));
const calls = (effects: FlowEffect[]) => effects.flatMap((e) => (e.type === 'call' ? [e.call.op] : []));
const emitted = (effects: FlowEffect[]) => effects.flatMap((e) => (e.type === 'emit' ? [e.event.name] : []));

const identify: FlowEvent = { type: 'identify', idType: 'cedula', id: '1712345675', captcha: 'payload' };
const verifyRequest = { birthDay: 1, birthMonth: 2, answers: [{ questionId: 'q1', answer: 'x' }] };

// Events that bring the machine to each state (recuperar unless said).
const toIdentification: FlowEvent[] = [{ type: 'init' }, { type: 'config-loaded', response: fixtures.getConfig.default, at: AT }];
const toVerification: FlowEvent[] = [
  ...toIdentification,
  identify,
  { type: 'flow-started', response: fixtures.startFlow.recuperar, at: AT },
];
const toEmail: FlowEvent[] = [
  ...toVerification,
  { type: 'submit-verification', request: verifyRequest },
  { type: 'confirm' },
  { type: 'verified', response: fixtures.verify.recuperar, at: AT },
];
const toSecurityQuestions: FlowEvent[] = [
  ...toIdentification,
  identify,
  { type: 'flow-started', response: fixtures.startFlow.generar, at: AT },
  { type: 'submit-verification', request: verifyRequest },
  { type: 'confirm' },
  { type: 'verified', response: fixtures.verify.generar, at: AT },
];
const toActivationSent: FlowEvent[] = [
  ...toEmail,
  { type: 'submit-email', request: { mode: 'on-record' } },
  { type: 'confirm' },
  { type: 'activation-sent', response: fixtures.sendActivation.onRecord, at: AT },
];
// The link's page: the declaration and the new password are one step (the procedure's 11 and 12).
const toNewPassword: FlowEvent[] = [
  { type: 'init', activationToken: FIXTURE_ACTIVATION_TOKEN },
  { type: 'activation-checked', response: fixtures.checkActivation.recuperar, at: AT },
];
const toDone: FlowEvent[] = [
  ...toNewPassword,
  { type: 'submit-password', password: 'una clave larga y buena', passwordConfirmation: 'una clave larga y buena' },
  { type: 'activation-completed', response: fixtures.completeActivation.recuperar, at: AT },
];
const toLocked: FlowEvent[] = [
  ...toVerification,
  { type: 'submit-verification', request: verifyRequest },
  { type: 'confirm' },
  { type: 'failed', op: 'verify', error: { kind: 'locked', lockedUntil: '2026-11-22T12:00:00.000Z' } },
];
const toExpired: FlowEvent[] = [...toVerification, { type: 'flow-time-up' }];
const toError: FlowEvent[] = [
  { type: 'init', activationToken: FIXTURE_ACTIVATION_TOKEN },
  { type: 'failed', op: 'checkActivation', error: { kind: 'network' } },
];

const STATES: Record<StepId, FlowEvent[]> = {
  starting: [],
  identification: toIdentification,
  verification: toVerification,
  'security-questions': toSecurityQuestions,
  email: toEmail,
  'activation-sent': toActivationSent,
  'new-password': toNewPassword,
  done: toDone,
  locked: toLocked,
  expired: toExpired,
  error: toError,
};

describe('flow machine: reaching every state', () => {
  it.each(Object.entries(STATES))('%s is reachable', (step, events) => {
    expect(run(events).state.step).toBe(step);
  });
});

describe('flow machine: transitions (recuperar)', () => {
  const table: [string, FlowEvent[], FlowEvent, StepId, string[]][] = [
    ['init shows identification and loads config', [], { type: 'init' }, 'identification', ['getConfig']],
    ['init with a token checks the link', [], { type: 'init', activationToken: FIXTURE_ACTIVATION_TOKEN }, 'starting', ['checkActivation']],
    ['BUSCAR with a solved check starts the flow', toIdentification, identify, 'identification', ['startFlow']],
    [
      'flow-started goes to verification',
      [...toIdentification, identify],
      { type: 'flow-started', response: fixtures.startFlow.recuperar, at: AT },
      'verification',
      [],
    ],
    [
      'CONTINUAR opens the confirm dialog, sends nothing',
      toVerification,
      { type: 'submit-verification', request: verifyRequest },
      'verification',
      [],
    ],
    [
      'ACEPTAR sends the verification',
      [...toVerification, { type: 'submit-verification', request: verifyRequest }],
      { type: 'confirm' },
      'verification',
      ['verify'],
    ],
    [
      'verified (recuperar) goes to e-mail',
      [...toVerification, { type: 'submit-verification', request: verifyRequest }, { type: 'confirm' }],
      { type: 'verified', response: fixtures.verify.recuperar, at: AT },
      'email',
      [],
    ],
    [
      'verified (generar) goes to security questions',
      [...toVerification, { type: 'submit-verification', request: verifyRequest }, { type: 'confirm' }],
      { type: 'verified', response: fixtures.verify.generar, at: AT },
      'security-questions',
      [],
    ],
    [
      'security questions are sent',
      toSecurityQuestions,
      { type: 'submit-security-questions', request: { answers: [{ questionId: 'a', answer: 'b' }] } },
      'security-questions',
      ['setSecurityQuestions'],
    ],
    [
      'security questions saved go to e-mail',
      [...toSecurityQuestions, { type: 'submit-security-questions', request: { answers: [{ questionId: 'a', answer: 'b' }] } }],
      { type: 'security-questions-saved', response: fixtures.setSecurityQuestions.default, at: AT },
      'email',
      [],
    ],
    ['e-mail CONTINUAR opens the dialog', toEmail, { type: 'submit-email', request: { mode: 'on-record' } }, 'email', []],
    [
      'e-mail ACEPTAR sends the link',
      [...toEmail, { type: 'submit-email', request: { mode: 'on-record' } }],
      { type: 'confirm' },
      'email',
      ['sendActivation'],
    ],
    [
      'sent goes to activation-sent',
      [...toEmail, { type: 'submit-email', request: { mode: 'on-record' } }, { type: 'confirm' }],
      { type: 'activation-sent', response: fixtures.sendActivation.onRecord, at: AT },
      'activation-sent',
      [],
    ],
    ['a poll asks for the status', toActivationSent, { type: 'poll' }, 'activation-sent', ['getFlowStatus']],
    ['a broadcast asks for the status at once', toActivationSent, { type: 'completed-elsewhere' }, 'activation-sent', ['getFlowStatus']],
    [
      'status completed moves the waiting tab to done',
      toActivationSent,
      { type: 'status', response: fixtures.getFlowStatus.completed, at: AT },
      'done',
      [],
    ],
    ['resend after the cooldown', toActivationSent, { type: 'resend', at: AT + 61_000 }, 'activation-sent', ['resendActivation']],
    [
      'checked link opens the declaration with the new password (no CONTINUAR between them)',
      [{ type: 'init', activationToken: FIXTURE_ACTIVATION_TOKEN }],
      { type: 'activation-checked', response: fixtures.checkActivation.recuperar, at: AT },
      'new-password',
      [],
    ],
    [
      'GENERAR completes the activation',
      toNewPassword,
      { type: 'submit-password', password: 'p', passwordConfirmation: 'p' },
      'new-password',
      ['completeActivation'],
    ],
    ['restart after a lock starts over', toLocked, { type: 'restart' }, 'identification', []],
    ['restart after expiry starts over', toExpired, { type: 'restart' }, 'identification', []],
    ['retry after an error checks the link again', toError, { type: 'retry' }, 'starting', ['checkActivation']],
    ['cancel goes back to identification', toEmail, { type: 'cancel' }, 'identification', []],
  ];
  it.each(table)('%s', (_name, before, event, step, ops) => {
    const from = run(before).state;
    const t = transition(from, event);
    expect(t.state.step).toBe(step);
    expect(calls(t.effects)).toEqual(ops);
  });
});

describe('flow machine: an event that does not fit changes nothing', () => {
  const stray: FlowEvent[] = [
    identify,
    { type: 'submit-verification', request: verifyRequest },
    { type: 'confirm' },
    { type: 'submit-security-questions', request: { answers: [{ questionId: 'a', answer: 'b' }] } },
    { type: 'submit-email', request: { mode: 'on-record' } },
    { type: 'submit-password', password: 'p', passwordConfirmation: 'p' },
    { type: 'activation-completed', response: fixtures.completeActivation.recuperar, at: AT },
    { type: 'finish' },
  ];
  // For each state, the events that DO fit it are left out.
  const fits: Record<StepId, FlowEvent['type'][]> = {
    starting: [],
    identification: ['identify'],
    verification: ['submit-verification'],
    'security-questions': ['submit-security-questions'],
    email: ['submit-email'],
    'activation-sent': [],
    'new-password': ['submit-password'],
    done: ['finish'],
    locked: [],
    expired: [],
    error: [],
  };
  for (const [step, events] of Object.entries(STATES) as [StepId, FlowEvent[]][]) {
    const from = run(events).state;
    for (const event of stray.filter((e) => !fits[step].includes(e.type))) {
      it(`${step} ignores ${event.type}`, () => {
        const t = transition(from, event);
        expect(t.state).toBe(from);
        expect(t.effects).toEqual([]);
      });
    }
  }
});

describe('flow machine: both cases end to end', () => {
  it('recuperar: identification → verification → e-mail → sent; link page → declaration and password → done', () => {
    const waiting = run(toActivationSent);
    expect(calls(waiting.effects)).toEqual(['getConfig', 'startFlow', 'verify', 'sendActivation']);
    expect(waiting.effects.some((e) => e.type === 'store')).toBe(true);
    const done = run(toDone);
    expect(calls(done.effects)).toEqual(['checkActivation', 'completeActivation']);
    expect(emitted(done.effects)).toContain('complete');
    expect(done.effects.some((e) => e.type === 'broadcast-completed')).toBe(true);
  });

  it('generar: passes through the security questions with progress "Paso N de 6"', () => {
    const s = run(toSecurityQuestions).state;
    expect(progress(s)).toEqual({ index: 3, total: 6 });
    const after = run(
      [
        { type: 'submit-security-questions', request: { answers: [{ questionId: 'a', answer: 'b' }] } },
        { type: 'security-questions-saved', response: fixtures.setSecurityQuestions.default, at: AT },
      ],
      s,
    ).state;
    expect(after.step).toBe('email');
    expect(progress(after)).toEqual({ index: 4, total: 6 });
  });

  it('the first step has no total: the case (5 or 6 steps) is known only after BUSCAR, so the count never jumps from "1 de 5" to "2 de 6" (issue 14)', () => {
    expect(progress(run(toIdentification).state)).toEqual({ index: 1, total: null });
    expect(progress(run(toVerification).state)).toEqual({ index: 2, total: 5 });
  });

  it('recuperar counts 5 steps', () => {
    expect(progress(run(toEmail).state)).toEqual({ index: 3, total: 5 });
    expect(progress(run(toLocked).state)).toBeNull();
  });

  it('every step change emits one step-change event', () => {
    const { effects } = run(toActivationSent);
    expect(emitted(effects).filter((n) => n === 'step-change')).toHaveLength(4);
  });
});

describe('flow machine: client-side limits and double submits', () => {
  it('CS-12: a second BUSCAR while the first is in flight sends nothing', () => {
    const pending = transition(run(toIdentification).state, identify).state;
    const t = transition(pending, identify);
    expect(t.state).toBe(pending);
    expect(t.effects).toEqual([]);
  });

  it('BUSCAR without the "No soy un robot" proof sends nothing and says why', () => {
    const t = transition(run(toIdentification).state, { type: 'identify', idType: 'cedula', id: '1712345675', captcha: '' });
    expect(calls(t.effects)).toEqual([]);
    expect(t.state.problem?.kind).toBe('captcha-required');
  });

  it('a wrong verification keeps the step and counts down the attempts', () => {
    const s = run([...toVerification, { type: 'submit-verification', request: verifyRequest }, { type: 'confirm' }]).state;
    const t = transition(s, { type: 'failed', op: 'verify', error: { kind: 'verification-failed', attemptsLeft: 1 } });
    expect(t.state.step).toBe('verification');
    expect(fields(t.state).verification?.attemptsLeft).toBe(1);
    expect(t.state.problem).toEqual({ kind: 'verification-failed', attemptsLeft: 1 });
  });

  it('no attempts left: a lenient backend saying 0 attempts still ends in locked, nothing more is sent', () => {
    const s = run([...toVerification, { type: 'submit-verification', request: verifyRequest }, { type: 'confirm' }]).state;
    const t = transition(s, { type: 'failed', op: 'verify', error: { kind: 'verification-failed', attemptsLeft: 0 } });
    expect(t.state.step).toBe('locked');
    expect(transition(t.state, { type: 'submit-verification', request: verifyRequest }).effects).toEqual([]);
  });

  it('defence in depth: a verification state with 0 attempts left neither opens the dialog nor sends', () => {
    const s = run(toVerification).state;
    const spent = { ...s, verification: { ...fields(s).verification!, attemptsLeft: 0 } } as FlowState;
    const t = transition(spent, { type: 'submit-verification', request: verifyRequest });
    expect(t.effects).toEqual([]);
    expect(fields(t.state).dialog).toBeNull();
    expect(t.state.problem?.kind).toBe('attempts-spent');
    const open = { ...spent, dialog: 'confirm-verification', draft: verifyRequest } as FlowState;
    expect(transition(open, { type: 'confirm' }).effects).toEqual([]);
  });

  it('a flow that starts with 0 attempts left is locked at once', () => {
    const zero = { ...fixtures.startFlow.recuperar, verification: { ...fixtures.startFlow.recuperar.verification, attemptsLeft: 0 } };
    const s = run([...toIdentification, identify, { type: 'flow-started', response: zero, at: AT }]).state;
    expect(s.step).toBe('locked');
  });

  it("a flow that starts locked keeps the server's lockedUntil, so the lock shows its date (issue 10)", () => {
    const lockedUntil = '2026-12-02T18:49:00.000Z';
    const zero = {
      ...fixtures.startFlow.recuperar,
      verification: { ...fixtures.startFlow.recuperar.verification, attemptsLeft: 0, lockedUntil },
    };
    const s = run([...toIdentification, identify, { type: 'flow-started', response: zero, at: AT }]).state;
    expect(s.step).toBe('locked');
    expect(fields(s).lockedUntil).toBe(lockedUntil);
  });

  it('CS-13: a link already past its time by the server clock goes to expired without completing', () => {
    const past = { ...fixtures.checkActivation.recuperar, expiresAt: fixtures.checkActivation.recuperar.now };
    const { state, effects } = run([
      { type: 'init', activationToken: FIXTURE_ACTIVATION_TOKEN },
      { type: 'activation-checked', response: past, at: AT },
    ]);
    expect(state.step).toBe('expired');
    expect(calls(effects)).toEqual(['checkActivation']);
  });

  it('"Cambiar correo": a new address typed here is shown in full, corrected in the same flow, or kept with Regresar (issue 10)', () => {
    const toEmailNew = [
      ...toEmail.slice(0, -1),
      { type: 'verified', response: { ...fixtures.verify.recuperar, email: { onRecord: false } }, at: AT },
    ] as FlowEvent[];
    const sentResponse = {
      ...fixtures.sendActivation.newAddress,
      activation: { ...fixtures.sendActivation.newAddress.activation, newAddress: true },
    };
    const waiting = run([
      ...toEmailNew,
      { type: 'submit-email', request: { mode: 'new', email: 'lucia@gmial.com' } },
      { type: 'confirm' },
      { type: 'activation-sent', response: sentResponse, at: AT },
    ]).state;
    expect(waiting.step).toBe('activation-sent');
    expect(fields(waiting).typedEmail).toBe('lucia@gmial.com');
    const changing = transition(waiting, { type: 'change-email' }).state;
    expect(changing.step).toBe('email');
    expect(fields(changing).changing?.typedEmail).toBe('lucia@gmial.com');
    // Regresar: the waiting step as it was, and its status asked again.
    const back = transition(changing, { type: 'back' });
    expect(back.state.step).toBe('activation-sent');
    expect(fields(back.state).typedEmail).toBe('lucia@gmial.com');
    expect(calls(back.effects)).toEqual(['getFlowStatus']);
    // Corrected: the same request as a first send; the waiting step shows the new address.
    const sent = run([{ type: 'submit-email', request: { mode: 'new', email: 'lucia@gmail.com' } }, { type: 'confirm' }], changing);
    expect(calls(sent.effects)).toEqual(['sendActivation']);
    const after = transition(sent.state, { type: 'activation-sent', response: sentResponse, at: AT }).state;
    expect(fields(after).typedEmail).toBe('lucia@gmail.com');
    // An address on record offers no change.
    const onRecord = run(toActivationSent).state;
    expect(transition(onRecord, { type: 'change-email' }).state).toBe(onRecord);
  });

  it('the link time runs out on the password step: nothing is sent; the token stays in memory for "Enviar un nuevo correo" only', () => {
    const t = transition(run(toNewPassword).state, { type: 'link-time-up' });
    const s = t.state;
    expect(s.step).toBe('expired');
    expect(calls(t.effects)).toEqual([]);
    expect(fields(s).activationToken).toBe(FIXTURE_ACTIVATION_TOKEN);
    // Leaving the page or starting again forgets it (CS-07).
    expect(fields(transition(s, { type: 'page-hidden' }).state).activationToken).toBeUndefined();
    expect(fields(transition(s, { type: 'restart' }).state).activationToken).toBeUndefined();
  });

  it("an expired link's page resends to the same address, by the link token, once per click and after the cooldown (issue 10)", () => {
    const s = transition(run(toNewPassword).state, { type: 'link-time-up' }).state;
    const asked = transition(s, { type: 'resend', at: AT });
    expect(asked.effects).toEqual([{ type: 'call', call: { op: 'resendFromLink', body: { token: FIXTURE_ACTIVATION_TOKEN } } }]);
    expect(transition(asked.state, { type: 'resend', at: AT }).effects).toEqual([]); // pending: no double send
    const r = fixtures.resendFromLink.default;
    const sent = transition(asked.state, { type: 'link-resent', response: r, at: AT }).state;
    expect(sent.step).toBe('expired');
    expect(fields(sent).resent).toEqual(r.activation);
    // Before resendAvailableAt (server clock) nothing is sent; after it, one more.
    const cooldown = Date.parse(r.activation.resendAvailableAt) - Date.parse(r.now);
    expect(transition(sent, { type: 'resend', at: AT }).effects).toEqual([]);
    expect(calls(transition(sent, { type: 'resend', at: AT + cooldown + 1000 }).effects)).toEqual(['resendFromLink']);
    // Refused because the flow ended meanwhile: the page says so and forgets the token.
    const again = transition(sent, { type: 'resend', at: AT + cooldown + 1000 }).state;
    const ended = transition(again, { type: 'failed', op: 'resendFromLink', error: { kind: 'flow-expired' } }).state;
    expect(ended.step).toBe('expired');
    expect(ended.problem?.kind).toBe('flow-expired');
    expect(fields(ended).activationToken).toBeUndefined();
    // A used or replaced link's page has no token: nothing to resend.
    const used = transition(run(toNewPassword).state, { type: 'submit-password', password: 'x', passwordConfirmation: 'x' }).state;
    const refused = transition(used, { type: 'failed', op: 'completeActivation', error: { kind: 'link-used' } }).state;
    expect(refused.step).toBe('expired');
    expect(transition(refused, { type: 'resend', at: AT }).effects).toEqual([]);
  });

  it('the link time runs out while waiting: resend still possible, state says so', () => {
    const s = transition(run(toActivationSent).state, { type: 'link-time-up' }).state;
    expect(s.step).toBe('activation-sent');
    expect(fields(s).linkTimeUp).toBe(true);
    expect(calls(transition(s, { type: 'resend', at: AT + 200_000 }).effects)).toEqual(['resendActivation']);
  });

  it('resend before the cooldown or with no resends left sends nothing', () => {
    const s = run(toActivationSent).state;
    expect(transition(s, { type: 'resend', at: AT + 10_000 }).effects).toEqual([]);
    const none = { ...s, activation: { ...fields(s).activation!, resendsLeft: 0 } };
    expect(transition(none, { type: 'resend', at: AT + 100_000 }).effects).toEqual([]);
  });

  it('the clock offset comes from the server: a client clock 1 h fast does not shorten the link', () => {
    const fast = AT + 3_600_000;
    const s = run([
      ...toEmail,
      { type: 'submit-email', request: { mode: 'on-record' } },
      { type: 'confirm' },
      { type: 'activation-sent', response: fixtures.sendActivation.onRecord, at: fast },
    ]).state;
    expect(s.clockOffsetMs).toBe(-3_600_000);
  });
});

describe('flow machine: problems', () => {
  const pendingVerify = () => run([...toVerification, { type: 'submit-verification', request: verifyRequest }, { type: 'confirm' }]).state;
  it.each(['network', 'timeout', 'bad-response', 'server', 'unavailable', 'rate-limited', 'validation', 'sequence'] as const)(
    '%s keeps the step (what was typed stays) and shows the problem',
    (kind) => {
      const t = transition(pendingVerify(), { type: 'failed', op: 'verify', error: { kind } });
      expect(t.state.step).toBe('verification');
      expect(t.state.pending).toBe(false);
      expect(t.state.problem?.kind).toBe(kind);
      expect(fields(t.state).flow).toBeDefined();
    },
  );
  it.each(['flow-expired', 'flow-invalid'] as const)('%s ends the flow in expired and forgets the token', (kind) => {
    const t = transition(pendingVerify(), { type: 'failed', op: 'verify', error: { kind } });
    expect(t.state.step).toBe('expired');
    expect(fields(t.state).flow).toBeUndefined();
    expect(emitted(t.effects)).toEqual(['error', 'step-change']);
  });
  it.each(['link-expired', 'link-used', 'link-invalid'] as const)('%s on GENERAR ends in expired', (kind) => {
    const s = transition(run(toNewPassword).state, { type: 'submit-password', password: 'p', passwordConfirmation: 'p' }).state;
    expect(transition(s, { type: 'failed', op: 'completeActivation', error: { kind } }).state.step).toBe('expired');
  });
  it('password-rejected stays on the step with the field errors', () => {
    const s = transition(run(toNewPassword).state, { type: 'submit-password', password: 'p', passwordConfirmation: 'p' }).state;
    const t = transition(s, {
      type: 'failed',
      op: 'completeActivation',
      error: { kind: 'password-rejected', fieldErrors: { password: ['weak'] } },
    });
    expect(t.state.step).toBe('new-password');
    expect(t.state.problem?.fieldErrors).toEqual({ password: ['weak'] });
  });
  it('a failed poll changes nothing', () => {
    const s = run(toActivationSent).state;
    expect(transition(s, { type: 'failed', op: 'getFlowStatus', error: { kind: 'network' } }).state).toBe(s);
  });
  it('a config that cannot load is said on the first step, which stays usable', () => {
    const s = run([{ type: 'init' }, { type: 'failed', op: 'getConfig', error: { kind: 'unavailable' } }]).state;
    expect(s.step).toBe('identification');
    expect(s.problem?.kind).toBe('unavailable');
  });
});

describe('flow machine: resume and secrets (CS-07)', () => {
  it('a stored waiting flow resumes at activation-sent and asks for the status', () => {
    const r = {
      step: 'activation-sent' as const,
      flowToken: 'x'.repeat(43),
      flowExpiresAt: '2026-11-22T10:15:00.000Z',
      case: 'recuperar' as const,
      maskedId: '******5675',
    };
    const t = transition(initialState, { type: 'init', resume: r });
    expect(t.state.step).toBe('activation-sent');
    expect(calls(t.effects)).toEqual(['getConfig', 'getFlowStatus']);
  });
  it('what is stored holds no cédula, answers, birth date or e-mail', () => {
    const { effects } = run(toActivationSent);
    const stored = stores(effects);
    const text = JSON.stringify(stored);
    expect(text).not.toContain('1712345675');
    expect(text).not.toContain('"birthDay"');
    expect(text).not.toContain('"answers"');
    expect(stored.map((f) => f.step)).toEqual(['verification', 'email', 'activation-sent']);
    expect(Object.keys(stored.at(-1)!).sort()).toEqual(['activation', 'case', 'flowExpiresAt', 'flowToken', 'maskedId', 'step']);
  });
  it('done, locked and expired wipe the flow token and the verification data', () => {
    for (const events of [toDone, toLocked, toExpired]) {
      const s = run(events).state;
      expect(fields(s).flow).toBeUndefined();
      expect(fields(s).verification).toBeUndefined();
      expect(fields(s).draft).toBeUndefined();
      expect(fields(s).activationToken).toBeUndefined();
    }
  });
});

describe('flow machine: resume every step after BUSCAR (CS-07)', () => {
  const base = { flowToken: 'x'.repeat(43), flowExpiresAt: '2026-11-22T10:15:00.000Z', case: 'generar' as const, maskedId: '******5675' };
  const verification = fixtures.startFlow.generar.verification;
  const securityQuestions = fixtures.verify.generar.securityQuestions!;
  const email = fixtures.verify.generar.email;
  const snapshots: ResumableFlow[] = [
    { ...base, step: 'verification', verification },
    { ...base, step: 'security-questions', securityQuestions },
    { ...base, step: 'email', email },
  ];

  it('each step past BUSCAR is stored with exactly its server data, never what was typed', () => {
    const { effects } = run([
      ...toSecurityQuestions,
      { type: 'submit-security-questions', request: { answers: [{ questionId: 'sq1', answer: 'CANARY-Quito' }] } },
      { type: 'security-questions-saved', response: fixtures.setSecurityQuestions.default, at: AT },
    ]);
    const stored = stores(effects);
    expect(stored.map((f) => f.step)).toEqual(['verification', 'security-questions', 'email']);
    expect(stored[0]).toEqual({
      ...base,
      flowToken: fixtures.startFlow.generar.flowToken,
      flowExpiresAt: fixtures.startFlow.generar.flowExpiresAt,
      maskedId: fixtures.startFlow.generar.maskedId,
      step: 'verification',
      verification,
    });
    expect(Object.keys(stored[1]!).sort()).toEqual(['case', 'flowExpiresAt', 'flowToken', 'maskedId', 'securityQuestions', 'step']);
    expect(stored[1]).toMatchObject({ securityQuestions });
    expect(Object.keys(stored[2]!).sort()).toEqual(['case', 'email', 'flowExpiresAt', 'flowToken', 'maskedId', 'step']);
    expect(stored[2]).toMatchObject({ email: fixtures.setSecurityQuestions.default.email });
    expect(JSON.stringify(stored)).not.toMatch(/1712345675|CANARY|birthDay|answers|draft/);
  });

  it('typing and the confirm dialog store nothing; a failed attempt stores the new attemptsLeft', () => {
    const s = run(toVerification).state;
    const dialog = transition(s, { type: 'submit-verification', request: verifyRequest });
    const pending = transition(dialog.state, { type: 'confirm' });
    expect(stores([...dialog.effects, ...pending.effects])).toEqual([]);
    const failed = transition(pending.state, { type: 'failed', op: 'verify', error: { kind: 'verification-failed', attemptsLeft: 1 } });
    const stored = stores(failed.effects);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ step: 'verification', verification: { attemptsLeft: 1 } });
    expect(JSON.stringify(stored)).not.toContain('birthDay');
  });

  it.each(snapshots.map((r) => [r.step, r] as const))('a stored %s flow resumes at that step with the server data', (stepId, r) => {
    const t = transition(initialState, { type: 'init', resume: r });
    expect(t.state.step).toBe(stepId);
    expect(fields(t.state).flow).toEqual({
      token: base.flowToken,
      expiresAt: base.flowExpiresAt,
      case: 'generar',
      maskedId: base.maskedId,
    });
    expect(fields(t.state).verification).toEqual(stepId === 'verification' ? verification : undefined);
    expect(fields(t.state).securityQuestions).toEqual(stepId === 'security-questions' ? securityQuestions : undefined);
    expect(fields(t.state).email).toEqual(stepId === 'email' ? email : undefined);
    expect(t.state.identification).toBeUndefined();
    expect(calls(t.effects)).toEqual(['getConfig']);
  });

  it('a resumed verification is sent with the stored token; the server moves it on', () => {
    const { state, effects } = run([
      { type: 'init', resume: snapshots[0]! },
      { type: 'submit-verification', request: verifyRequest },
      { type: 'confirm' },
      { type: 'verified', response: fixtures.verify.generar, at: AT },
    ]);
    expect(calls(effects)).toEqual(['getConfig', 'verify']);
    expect(state.step).toBe('security-questions');
    expect(stores(effects).at(-1)?.step).toBe('security-questions');
  });

  it.each(['flow-expired', 'flow-invalid'] as const)(
    'a resumed flow the server no longer knows (%s) ends in expired and clears the store',
    (kind) => {
      for (const r of snapshots) {
        const submit: FlowEvent =
          r.step === 'verification'
            ? { type: 'submit-verification', request: verifyRequest }
            : r.step === 'security-questions'
              ? ({ type: 'submit-security-questions', request: { answers: [{ questionId: 'sq1', answer: 'x' }] } } as FlowEvent)
              : { type: 'submit-email', request: { mode: 'on-record' } };
        const op = r.step === 'verification' ? 'verify' : r.step === 'security-questions' ? 'setSecurityQuestions' : 'sendActivation';
        const { state, effects } = run([
          { type: 'init', resume: r },
          submit,
          ...(r.step === 'security-questions' ? [] : [{ type: 'confirm' } as FlowEvent]),
          { type: 'failed', op, error: { kind } },
        ]);
        expect(state.step).toBe('expired');
        expect(fields(state).flow).toBeUndefined();
        expect(effects.some((e) => e.type === 'clear-store')).toBe(true);
      }
    },
  );

  it('a resumed step that no longer fits (409 sequence) says so and CANCELAR starts again with the store cleared', () => {
    const { state } = run([
      { type: 'init', resume: snapshots[2]! },
      { type: 'submit-email', request: { mode: 'on-record' } },
      { type: 'confirm' },
      { type: 'failed', op: 'sendActivation', error: { kind: 'sequence' } },
    ]);
    expect(state.step).toBe('email');
    expect(state.problem?.kind).toBe('sequence');
    const t = transition(state, { type: 'cancel' });
    expect(t.state.step).toBe('identification');
    expect(fields(t.state).flow).toBeUndefined();
    expect(t.effects.some((e) => e.type === 'clear-store')).toBe(true);
  });

  it('the flow time running out on a resumed step ends in expired', () => {
    const t = transition(transition(initialState, { type: 'init', resume: snapshots[1]! }).state, { type: 'flow-time-up' });
    expect(t.state.step).toBe('expired');
  });
});

describe('flow machine: an address only registered in person is where this page ends (issue 9)', () => {
  const inPerson: FlowEvent[] = [
    ...toVerification,
    { type: 'submit-verification', request: verifyRequest },
    { type: 'confirm' },
    {
      type: 'verified',
      response: { ...fixtures.verify.recuperarNoEmail, email: { onRecord: false, inPersonOnly: true } },
      at: AT,
    },
  ];

  it('has no step number, runs no flow time limit, and FINALIZAR only clears what the tab kept', () => {
    const { state } = run(inPerson);
    expect(state.step).toBe('email');
    expect(isOver(state)).toBe(true);
    // Not "Paso 3 de 5": nothing comes after it online.
    expect(progress(state)).toBeNull();
    // No "Quedan 2 minutos … Necesito más tiempo" and no "El tiempo terminó" over a notice with nothing to do.
    expect(runningTimers(state).map((t) => t.kind)).not.toContain('flow');
    expect([...timersFor(state, AT).keys()].filter((k) => k.startsWith('flow'))).toEqual([]);
    expect(transition(state, { type: 'flow-time-up' }).state).toBe(state);
    expect(transition(state, { type: 'extend' }).effects).toEqual([]);
    // Nothing to submit: CONTINUAR is not there, and an e-mail sent anyway changes nothing.
    expect(transition(state, { type: 'submit-email', request: { mode: 'new', email: 'a@b.ec' } } as FlowEvent).state).toBe(state);
    const finish = transition(state, { type: 'finish' });
    expect(finish.state).toBe(state);
    expect(finish.effects).toEqual([{ type: 'clear-store' }]);
  });

  it('the e-mail step with an address to use or to type still counts as a step and runs the flow time limit', () => {
    const { state } = run(toEmail);
    expect(isOver(state)).toBe(false);
    expect(progress(state)).toEqual({ index: 3, total: 5 });
    expect(runningTimers(state).map((t) => t.kind)).toContain('flow');
    expect(transition(state, { type: 'finish' }).effects).toEqual([]);
  });
});
