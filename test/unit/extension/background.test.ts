import { beforeEach, describe, expect, it } from 'vitest';
import {
  ALARM_FLOW_CHECK,
  ALARM_TICK,
  ALARM_WARNING,
  ALLOWED_SENDER_PAGES,
  createBackground,
  ENDED_KEY,
  FLOW_CHECK_MS,
  FLOW_POLL_MS,
  isTrustedSender,
  NOTIFICATION_ID,
  WINDOW_KEY,
} from '../../../src/background/controller.ts';
import { badgeText, localDeadline, MINUTE, nextTick, warningTime } from '../../../src/background/countdown.ts';
import { FLOW_KEY } from '../../../src/platform/flow-store.ts';
import { translator } from '../../../src/shared/i18n.ts';
import { RecoveryApiError, type RecoveryApi } from '../../../widget/api/recovery-api.ts';
import type { FlowStatusResponse } from '../../../widget/api/contract.ts';
import { getFlowStatus } from '../../fixtures/api/activation.ts';
import { FakeAlarms, FakeArea, FakeBadge, FakeNotifications, FakeTimers } from './fakes.ts';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const BASE = `chrome-extension://${ID}/`;
const POPUP = { id: ID, url: `${BASE}src/popup/index.html` };
const SERVER_NOW = '2026-11-22T10:00:00.000Z';
const EXPIRES_AT = '2026-11-22T10:03:00.000Z';

/** A hand-driven clock: time moves only when the test says so. */
class Clock {
  constructor(public value: number) {}
  now = () => this.value;
}

function setup(localStart = Date.parse('2026-11-22T09:00:00.000Z')) {
  const clock = new Clock(localStart);
  const session = new FakeArea();
  const alarms = new FakeAlarms();
  const badge = new FakeBadge();
  const notifications = new FakeNotifications();
  const timers = new FakeTimers();
  /** What GET /v1/flows/current answers next (a response, or a RecoveryApiError to throw). */
  const server = {
    answer: getFlowStatus.activationSent as FlowStatusResponse | Error,
    asked: [] as string[],
    /** Runs while the request is in flight (e.g. the popup starts another flow meanwhile). */
    during: async () => {},
  };
  const api: Pick<RecoveryApi, 'getFlowStatus'> = {
    async getFlowStatus(options) {
      server.asked.push(options.flowToken);
      await server.during();
      if (server.answer instanceof Error) throw server.answer;
      return server.answer;
    },
  };
  const background = createBackground({
    extensionId: ID,
    extensionBaseUrl: BASE,
    iconUrl: `${BASE}src/icons/icon-128.png`,
    now: clock.now,
    session,
    alarms,
    badge,
    notifications,
    translate: async () => translator('es'),
    flowApi: async () => api,
    timers,
  });
  /** Moves the clock to the alarm's time and fires it, as the browser would. */
  async function fire(name: string) {
    const when = alarms.alarms.get(name);
    if (when === undefined) throw new Error(`no alarm ${name}`);
    alarms.alarms.delete(name);
    clock.value = Math.max(clock.value, when);
    await background.onAlarm({ name });
  }
  return { clock, session, alarms, badge, notifications, background, fire, timers, server };
}

describe('countdown arithmetic (CS-13)', () => {
  it('corrects for the server clock: a local clock an hour behind still gets 3 minutes', () => {
    const local = Date.parse('2026-11-22T09:00:00.000Z');
    expect(localDeadline(EXPIRES_AT, SERVER_NOW, local) - local).toBe(3 * MINUTE);
  });
  it('shows whole minutes rounded up and nothing once expired', () => {
    const d = 10 * MINUTE;
    expect(badgeText(d, d - 3 * MINUTE)).toBe('3m');
    expect(badgeText(d, d - 2 * MINUTE - 1)).toBe('3m');
    expect(badgeText(d, d - 2 * MINUTE)).toBe('2m');
    expect(badgeText(d, d - 1)).toBe('1m');
    expect(badgeText(d, d)).toBe('');
  });
  it('wakes at each minute boundary, then at the deadline', () => {
    const d = 10 * MINUTE;
    expect(nextTick(d, d - 3 * MINUTE)).toBe(d - 2 * MINUTE);
    expect(nextTick(d, d - 150_000)).toBe(d - 2 * MINUTE);
    expect(nextTick(d, d - 30_000)).toBe(d);
  });
  it('warns one minute before, unless that moment has passed', () => {
    const d = 10 * MINUTE;
    expect(warningTime(d, d - 3 * MINUTE)).toBe(d - MINUTE);
    expect(warningTime(d, d - 30_000)).toBeUndefined();
  });
});

describe('background: activation window on the badge', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => {
    t = setup();
  });

  it('shows 3m, then 2m and 1m as alarms fire, and clears at the deadline', async () => {
    const start = t.clock.value;
    expect(await t.background.onMessage({ type: 'activation-window', expiresAt: EXPIRES_AT, serverNow: SERVER_NOW }, POPUP)).toEqual({
      ok: true,
    });
    expect(t.badge.text).toBe('3m');
    expect(t.badge.title).toBe('El enlace de activación vence en 3 min');
    expect(t.alarms.alarms.get(ALARM_TICK)).toBe(start + MINUTE);
    expect(t.alarms.alarms.get(ALARM_WARNING)).toBe(start + 2 * MINUTE);

    await t.fire(ALARM_TICK);
    expect(t.badge.text).toBe('2m');
    await t.fire(ALARM_TICK);
    expect(t.badge.text).toBe('1m');
    await t.fire(ALARM_WARNING);
    expect(t.notifications.shown).toHaveLength(1);
    expect(t.notifications.shown[0]).toMatchObject({ id: NOTIFICATION_ID, title: 'El enlace de activación está por vencer' });
    await t.fire(ALARM_TICK);
    expect(t.badge.text).toBe('');
    expect(t.alarms.alarms.size).toBe(0);
    expect(t.session.data.has(WINDOW_KEY)).toBe(false);
  });

  it('survives the worker sleeping: state comes back from storage.session', async () => {
    await t.background.onMessage({ type: 'activation-window', expiresAt: EXPIRES_AT, serverNow: SERVER_NOW }, POPUP);
    // A new controller over the same storage and alarms, as after the worker was stopped.
    const revived = createBackground({
      extensionId: ID,
      extensionBaseUrl: BASE,
      iconUrl: 'icon',
      now: t.clock.now,
      session: t.session,
      alarms: t.alarms,
      badge: t.badge,
      notifications: t.notifications,
      translate: async () => translator('en'),
    });
    t.clock.value = t.alarms.alarms.get(ALARM_WARNING)!;
    await revived.onAlarm({ name: ALARM_WARNING });
    expect(t.notifications.shown.map((n) => n.title)).toEqual(['The activation link is about to expire']);
  });

  it('warns once per link, even when the popup reports the same link again', async () => {
    const message = { type: 'activation-window', expiresAt: EXPIRES_AT, serverNow: SERVER_NOW };
    await t.background.onMessage(message, POPUP);
    await t.fire(ALARM_WARNING);
    await t.background.onMessage({ ...message, serverNow: '2026-11-22T10:02:10.000Z' }, POPUP);
    expect(t.alarms.alarms.has(ALARM_WARNING)).toBe(false);
    expect(t.notifications.shown).toHaveLength(1);
  });

  it('a resent link starts a new window and a new warning', async () => {
    await t.background.onMessage({ type: 'activation-window', expiresAt: EXPIRES_AT, serverNow: SERVER_NOW }, POPUP);
    await t.fire(ALARM_WARNING);
    t.clock.value += 10_000;
    await t.background.onMessage(
      { type: 'activation-window', expiresAt: '2026-11-22T10:05:10.000Z', serverNow: '2026-11-22T10:02:10.000Z' },
      POPUP,
    );
    expect(t.badge.text).toBe('3m');
    expect(t.notifications.cleared).toContain(NOTIFICATION_ID);
    await t.fire(ALARM_WARNING);
    expect(t.notifications.shown).toHaveLength(2);
  });

  it('warns at once when less than a minute is left', async () => {
    await t.background.onMessage({ type: 'activation-window', expiresAt: '2026-11-22T10:00:40.000Z', serverNow: SERVER_NOW }, POPUP);
    expect(t.badge.text).toBe('1m');
    expect(t.notifications.shown).toHaveLength(1);
    expect(t.alarms.alarms.has(ALARM_WARNING)).toBe(false);
  });

  it('an already expired link shows nothing', async () => {
    await t.background.onMessage({ type: 'activation-window', expiresAt: SERVER_NOW, serverNow: SERVER_NOW }, POPUP);
    expect(t.badge.text).toBe('');
    expect(t.notifications.shown).toHaveLength(0);
    expect(t.alarms.alarms.size).toBe(0);
  });

  it('flow-ended clears badge, alarms and state', async () => {
    await t.background.onMessage({ type: 'activation-window', expiresAt: EXPIRES_AT, serverNow: SERVER_NOW }, POPUP);
    expect(await t.background.onMessage({ type: 'flow-ended' }, POPUP)).toEqual({ ok: true });
    expect(t.badge.text).toBe('');
    expect(t.alarms.alarms.size).toBe(0);
    expect(t.session.data.size).toBe(0);
    await t.background.onAlarm({ name: ALARM_WARNING });
    expect(t.notifications.shown).toHaveLength(0);
  });

  it('on browser start-up a lapsed window is dropped', async () => {
    await t.background.onMessage({ type: 'activation-window', expiresAt: EXPIRES_AT, serverNow: SERVER_NOW }, POPUP);
    t.clock.value += 10 * MINUTE;
    await t.background.onStartup();
    expect(t.badge.text).toBe('');
    expect(t.session.data.size).toBe(0);
  });
});

describe('background: message validation (EX-04)', () => {
  const valid = { type: 'activation-window', expiresAt: EXPIRES_AT, serverNow: SERVER_NOW };

  it.each([
    [
      'another extension',
      { id: 'otherextensionidotherextensionid', url: `chrome-extension://otherextensionidotherextensionid/src/popup/index.html` },
    ],
    ['a web page', { id: ID, url: 'https://evil.example/src/popup/index.html' }],
    ['a look-alike origin', { id: ID, url: `chrome-extension://${ID}.evil/src/popup/index.html` }],
    ['an unlisted page of ours', { id: ID, url: `${BASE}src/other.html` }],
    ['no url', { id: ID }],
    ['no id', { url: POPUP.url }],
  ])('ignores a message from %s', async (_name, sender) => {
    const t = setup();
    expect(await t.background.onMessage(valid, sender)).toBeUndefined();
    expect(t.badge.text).toBe('');
    expect(t.alarms.alarms.size).toBe(0);
    expect(t.session.data.size).toBe(0);
  });

  it('accepts both allowed pages', () => {
    for (const page of ALLOWED_SENDER_PAGES)
      expect(isTrustedSender({ id: ID, url: `${BASE}${page}?x#y` }, { extensionId: ID, extensionBaseUrl: BASE })).toBe(true);
  });

  it.each([
    ['unknown action', { type: 'open-tab', url: 'https://evil.example' }],
    ['bad instant', { type: 'activation-window', expiresAt: 'soon', serverNow: SERVER_NOW }],
    ['extra field (personal data must not ride along)', { ...valid, cedula: '1712345675' }],
    ['not an object', 'activation-window'],
    ['null', null],
  ])('refuses a malformed message: %s', async (_name, message) => {
    const t = setup();
    expect(await t.background.onMessage(message, POPUP)).toEqual({ ok: false });
    expect(t.session.data.size).toBe(0);
    expect(t.alarms.alarms.size).toBe(0);
  });

  it('fuzz: 10 000 random messages from random senders cause no privileged call', async () => {
    const t = setup();
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
    const values = () => pick<unknown>([null, 1, 'x', [], {}, true, EXPIRES_AT, 'activation-window', 'flow-ended', { a: 1 }]);
    const senders = [
      {},
      { id: ID },
      { id: 'x', url: POPUP.url },
      { id: ID, url: 'https://iess.gob.ec/' },
      { id: ID, url: `${BASE}src/x.html` },
    ];
    for (let i = 0; i < 10_000; i++) {
      const message =
        random() < 0.5
          ? values()
          : { type: pick(['activation-window', 'flow-ended', 'x']), expiresAt: values(), serverNow: values(), extra: values() };
      const trusted = random() < 0.5;
      const reply = await t.background.onMessage(message, trusted ? POPUP : pick(senders));
      if (!trusted) expect(reply).toBeUndefined();
      else expect(reply).toEqual({ ok: false });
    }
    expect(t.badge.text).toBe('');
    expect(t.alarms.alarms.size).toBe(0);
    expect(t.session.data.size).toBe(0);
    expect(t.notifications.shown).toHaveLength(0);
  });
});

/** Lets every pending promise of the fakes settle (they all resolve at once). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The popup's stored flow (src/platform/flow-store.ts), as it is while the e-mail is on its way. */
const WAITING = {
  step: 'activation-sent',
  flowToken: 'Zm9vYmFyLWZsb3ctdG9rZW4tZm9yLXRlc3RzLW9ubHk',
  flowExpiresAt: '2026-11-22T10:15:00.000Z',
  case: 'recuperar',
  maskedId: '******5675',
};

describe('background: in step with the flow on the server (issue 10 §8)', () => {
  let t: ReturnType<typeof setup>;
  /** The popup saved its flow at the waiting step, reported the link (40 s left: warned at once) and was closed. */
  async function waitingWithPopupClosed() {
    await t.session.set({ [FLOW_KEY]: WAITING });
    await t.background.onMessage({ type: 'activation-window', expiresAt: '2026-11-22T10:00:40.000Z', serverNow: SERVER_NOW }, POPUP);
    await t.background.follow();
    expect(t.badge.text).toBe('1m');
    expect(t.notifications.shown).toHaveLength(1);
  }
  /** The poll's timer fires (FLOW_POLL_MS later) and its request is answered. */
  async function poll() {
    t.clock.value += FLOW_POLL_MS;
    expect(t.timers.run()).toBe(1);
    await settle();
  }
  beforeEach(() => {
    t = setup();
  });

  it('the link used in another tab or device: the next poll clears badge, notification and stored flow at once, and leaves the end for the popup', async () => {
    await waitingWithPopupClosed();
    expect([...t.timers.pending.values()].map((x) => x.ms)).toEqual([FLOW_POLL_MS]);
    await poll();
    expect(t.server.asked).toEqual([WAITING.flowToken]);
    expect(t.badge.text).toBe('1m'); // still waiting on the server

    t.server.answer = getFlowStatus.completed;
    await poll();
    expect(t.badge.text).toBe('');
    expect(t.notifications.cleared).toContain(NOTIFICATION_ID);
    expect(t.alarms.alarms.size).toBe(0);
    expect(t.timers.pending.size).toBe(0);
    // Nothing of the flow is left: no token, no window; only the outcome for the popup to show.
    expect(Object.fromEntries(t.session.data)).toEqual({ [ENDED_KEY]: { outcome: 'completed' } });
    expect(t.session.dump()).not.toContain(WAITING.flowToken);
  });

  it.each([
    ['flow-expired', 'its lifetime ran out'],
    ['flow-invalid', 'the server no longer knows it'],
  ] as const)('a flow the server answers %s for (%s) ends the same way, as expired', async (kind, _why) => {
    await waitingWithPopupClosed();
    t.server.answer = new RecoveryApiError(kind, { status: 401 });
    await poll();
    expect(t.badge.text).toBe('');
    expect(t.notifications.cleared).toContain(NOTIFICATION_ID);
    expect(Object.fromEntries(t.session.data)).toEqual({ [ENDED_KEY]: { outcome: 'expired' } });
    expect(t.timers.pending.size).toBe(0);
  });

  it.each([
    ['no answer', new RecoveryApiError('network')],
    ['a server error', new RecoveryApiError('server', { status: 500 })],
    ['a rate limit', new RecoveryApiError('rate-limited', { status: 429 })],
  ])('%s ends nothing: the flow stays and polling goes on', async (_name, error) => {
    await waitingWithPopupClosed();
    t.server.answer = error;
    await poll();
    expect(t.badge.text).toBe('1m');
    expect(t.session.data.has(FLOW_KEY)).toBe(true);
    expect(t.timers.pending.size).toBe(1);
  });

  it('before the link is sent it does not poll fast: an alarm checks the flow, and at its expiry it is gone', async () => {
    const start = t.clock.value;
    await t.session.set({ [FLOW_KEY]: { ...WAITING, step: 'verification' } });
    await t.background.follow();
    expect(t.timers.pending.size).toBe(0);
    expect(t.alarms.alarms.get(ALARM_FLOW_CHECK)).toBe(start + FLOW_CHECK_MS);
    await t.fire(ALARM_FLOW_CHECK);
    expect(t.server.asked).toHaveLength(1);
    expect(t.alarms.alarms.has(ALARM_FLOW_CHECK)).toBe(true);
    t.server.answer = new RecoveryApiError('flow-expired', { status: 401 });
    await t.fire(ALARM_FLOW_CHECK);
    expect(Object.fromEntries(t.session.data)).toEqual({ [ENDED_KEY]: { outcome: 'expired' } });
    expect(t.alarms.alarms.size).toBe(0);
  });

  it("once the link's time is up it can no longer be used: fast polling stops and the 30 s alarm goes on", async () => {
    await waitingWithPopupClosed();
    await poll();
    t.clock.value += MINUTE; // past the link's 40 s
    await t.fire(ALARM_TICK); // the badge's last tick: the window is gone
    expect(t.badge.text).toBe('');
    expect(t.timers.run()).toBe(1); // the poll already booked still runs once...
    await settle();
    expect(t.timers.pending.size).toBe(0); // ...and books no other
    expect(t.alarms.alarms.has(ALARM_FLOW_CHECK)).toBe(true);
    // A new mail sent from the expired link on another device can still complete the flow: the alarm sees it.
    t.server.answer = getFlowStatus.completed;
    await t.fire(ALARM_FLOW_CHECK);
    expect(Object.fromEntries(t.session.data)).toEqual({ [ENDED_KEY]: { outcome: 'completed' } });
  });

  it('a flow replaced while the answer was on its way (a new BUSCAR in the popup) is left alone', async () => {
    await waitingWithPopupClosed();
    const next = { ...WAITING, step: 'verification', flowToken: 'bmV3LWZsb3ctdG9rZW4tZm9yLXRlc3RzLW9ubHktMTIz' };
    t.server.answer = getFlowStatus.completed;
    t.server.during = () => t.session.set({ [FLOW_KEY]: next });
    await poll();
    expect((await t.session.get(FLOW_KEY))[FLOW_KEY]).toEqual(next);
    expect(t.session.data.has(ENDED_KEY)).toBe(false);
  });

  it('the worker woke up again (it sleeps between events): polling resumes from storage.session', async () => {
    await waitingWithPopupClosed();
    const timers = new FakeTimers();
    const revived = createBackground({
      extensionId: ID,
      extensionBaseUrl: BASE,
      iconUrl: 'icon',
      now: t.clock.now,
      session: t.session,
      alarms: t.alarms,
      badge: t.badge,
      notifications: t.notifications,
      translate: async () => translator('es'),
      flowApi: async () => ({ getFlowStatus: async () => getFlowStatus.completed }),
      timers,
    });
    await revived.follow();
    expect(timers.run()).toBe(1);
    await settle();
    expect(t.badge.text).toBe('');
    expect(Object.fromEntries(t.session.data)).toEqual({ [ENDED_KEY]: { outcome: 'completed' } });
  });

  it('without a backend or its permission nothing is asked and nothing is removed', async () => {
    const quiet = createBackground({
      extensionId: ID,
      extensionBaseUrl: BASE,
      iconUrl: 'icon',
      now: t.clock.now,
      session: t.session,
      alarms: t.alarms,
      badge: t.badge,
      notifications: t.notifications,
      translate: async () => translator('es'),
      flowApi: async () => undefined,
      timers: t.timers,
    });
    await t.session.set({ [FLOW_KEY]: WAITING });
    await quiet.follow();
    t.timers.run();
    await settle();
    expect(t.session.data.has(FLOW_KEY)).toBe(true);
  });

  it('the popup saw the end itself (flow-ended): badge, notification and the end marker go', async () => {
    await waitingWithPopupClosed();
    t.server.answer = getFlowStatus.completed;
    await poll();
    expect(await t.background.onMessage({ type: 'flow-ended' }, POPUP)).toEqual({ ok: true });
    expect(t.session.data.size).toBe(0);
    expect(t.notifications.cleared).toContain(NOTIFICATION_ID);
  });

  it('flow-ended closes the warning too', async () => {
    await waitingWithPopupClosed();
    await t.background.onMessage({ type: 'flow-ended' }, POPUP);
    expect(t.notifications.cleared).toContain(NOTIFICATION_ID);
    expect(t.badge.text).toBe('');
  });
});
