/**
 * The background worker's behaviour, free of `browser.*` so it runs under test with fakes.
 * State that must outlive the worker's sleep (the window's deadline, whether we warned) is kept in
 * storage.session; alarms wake the worker for each badge change and for the warning.
 *
 * In step with the flow (issue 10 §8): while the popup's flow is stored (storage.session, key
 * `flow`), the worker asks the server where it stands — every FLOW_POLL_MS while the link can be
 * used (the popup closes as soon as the person goes to their mail, and the link is used in a tab
 * or on another device), else on an alarm every FLOW_CHECK_MS. When the server says the flow is completed,
 * expired or unknown, the badge, the warning and the stored flow go at once, and the outcome alone
 * (no token, nothing personal) stays for the popup to show when it is opened again.
 */
import { BackgroundMessage } from '../shared/messages.ts';
import type { Translate } from '../shared/i18n.ts';
import type { AlarmsApi, BadgeApi, KeyValueArea, MessageSender, NotificationsApi } from '../platform/ports.ts';
import { FLOW_KEY } from '../platform/flow-store.ts';
import { ENDED_KEY, type FlowOutcome } from '../shared/flow-end.ts';
import { RecoveryApiError, type RecoveryApi } from '../../widget/api/recovery-api.ts';
import { badgeText, localDeadline, minutesLeft, nextTick, warningTime } from './countdown.ts';

export const ALARM_TICK = 'iess-badge-tick';
export const ALARM_WARNING = 'iess-expiry-warning';
export const NOTIFICATION_ID = 'iess-expiry-warning';
export const WINDOW_KEY = 'activationWindow';
export const ALARM_FLOW_CHECK = 'iess-flow-check';
/** While the link is out: the waiting step's own cadence (widget/flow/timers.ts POLL_INTERVAL_MS). */
export const FLOW_POLL_MS = 5_000;
/** Otherwise, and as a backstop when the worker slept: the shortest alarm browsers keep (30 s). */
export const FLOW_CHECK_MS = 30_000;
export { ENDED_KEY } from '../shared/flow-end.ts';
/** Pages allowed to talk to the worker (paths inside the extension). */
export const ALLOWED_SENDER_PAGES = ['src/popup/index.html', 'src/options/index.html'] as const;
const BADGE_COLOR = '#0b4a8b';

interface ActivationWindow {
  /** The server's expiresAt: identifies the link, so a resumed popup does not warn twice. */
  expiresAt: string;
  /** Local-clock deadline. */
  deadline: number;
  warned: boolean;
}

export interface BackgroundDeps {
  extensionId: string;
  /** chrome-extension://<id>/ or moz-extension://<uuid>/ */
  extensionBaseUrl: string;
  iconUrl: string;
  now: () => number;
  session: KeyValueArea;
  alarms: AlarmsApi;
  badge: BadgeApi;
  notifications: NotificationsApi;
  translate: () => Promise<Translate>;
  /** GET /v1/flows/current on the effective backend; undefined without a backend or its permission. */
  flowApi?: () => Promise<Pick<RecoveryApi, 'getFlowStatus'> | undefined>;
  /** setTimeout/clearTimeout (fakes in tests). */
  timers?: { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void };
}

/** The parts of the popup's stored flow the worker needs (widget/flow/store.ts writes it). */
interface StoredFlow {
  flowToken: string;
  step: string;
}

export function isTrustedSender(sender: MessageSender, deps: Pick<BackgroundDeps, 'extensionId' | 'extensionBaseUrl'>): boolean {
  if (sender.id !== deps.extensionId || typeof sender.url !== 'string') return false;
  if (!sender.url.startsWith(deps.extensionBaseUrl)) return false;
  const path = new URL(sender.url).pathname.replace(/^\//, '');
  return (ALLOWED_SENDER_PAGES as readonly string[]).includes(path);
}

export function createBackground(deps: BackgroundDeps) {
  const readWindow = async (): Promise<ActivationWindow | undefined> =>
    (await deps.session.get(WINDOW_KEY))[WINDOW_KEY] as ActivationWindow | undefined;

  const timers = deps.timers ?? {
    set: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clear: (h: unknown) => clearTimeout(h as number),
  };
  let pollTimer: unknown;

  async function clear(): Promise<void> {
    await Promise.all([
      deps.alarms.clear(ALARM_TICK),
      deps.alarms.clear(ALARM_WARNING),
      deps.session.remove(WINDOW_KEY),
      deps.badge.setText(''),
      // A warning about a link that is no longer pending would send the person to a dead link.
      deps.notifications.clear(NOTIFICATION_ID).catch(() => false),
    ]);
  }

  async function storedFlow(): Promise<StoredFlow | undefined> {
    const value = (await deps.session.get(FLOW_KEY))[FLOW_KEY] as Partial<StoredFlow> | undefined;
    return typeof value?.flowToken === 'string' && typeof value.step === 'string' ? (value as StoredFlow) : undefined;
  }

  function stopPolling(): void {
    if (pollTimer !== undefined) timers.clear(pollTimer);
    pollTimer = undefined;
  }

  /** Books the next look at the server for the stored flow, or stops when there is none. */
  async function follow(): Promise<void> {
    const flow = await storedFlow();
    if (!flow) {
      stopPolling();
      await deps.alarms.clear(ALARM_FLOW_CHECK);
      return;
    }
    await deps.alarms.create(ALARM_FLOW_CHECK, { when: deps.now() + FLOW_CHECK_MS });
    // Fast only while a link can be used (its window is on the badge); after that a new mail can
    // only come from the expired link on another device, and the alarm is soon enough for it.
    const window = await readWindow();
    const linkOut = window !== undefined && minutesLeft(window.deadline, deps.now()) > 0;
    if (flow.step === 'activation-sent' && linkOut && pollTimer === undefined) {
      pollTimer = timers.set(() => {
        pollTimer = undefined;
        void check().catch(() => undefined);
      }, FLOW_POLL_MS);
    }
  }

  /** The flow is over on the server: nothing of it stays but the outcome. */
  async function end(outcome: FlowOutcome): Promise<void> {
    stopPolling();
    await clear();
    await deps.alarms.clear(ALARM_FLOW_CHECK);
    await deps.session.remove(FLOW_KEY);
    await deps.session.set({ [ENDED_KEY]: { outcome } });
  }

  /** Asks the server where the stored flow stands; ends it when the server says it is over. */
  async function check(): Promise<void> {
    const flow = await storedFlow();
    const api = flow ? await deps.flowApi?.() : undefined;
    let outcome: FlowOutcome | undefined;
    if (flow && api) {
      try {
        if ((await api.getFlowStatus({ flowToken: flow.flowToken })).step === 'completed') outcome = 'completed';
      } catch (error) {
        // Only the server's word ends a flow: no answer, a 5xx or a rate limit change nothing.
        if (error instanceof RecoveryApiError && (error.kind === 'flow-expired' || error.kind === 'flow-invalid')) outcome = 'expired';
      }
    }
    // The popup may have started another flow while the answer was on its way: that one stays.
    if (outcome && (await storedFlow())?.flowToken === flow?.flowToken) await end(outcome);
    else await follow();
  }

  /** Shows the current minute and books the next wake-up; clears everything once expired. */
  async function refreshBadge(window: ActivationWindow): Promise<void> {
    const now = deps.now();
    if (minutesLeft(window.deadline, now) === 0) {
      await clear();
      return;
    }
    const t = await deps.translate();
    await deps.badge.setBackgroundColor(BADGE_COLOR);
    await deps.badge.setText(badgeText(window.deadline, now));
    await deps.badge.setTitle(t('badge.title', { minutes: minutesLeft(window.deadline, now) }));
    await deps.alarms.create(ALARM_TICK, { when: nextTick(window.deadline, now) });
  }

  async function warn(window: ActivationWindow): Promise<void> {
    if (window.warned || minutesLeft(window.deadline, deps.now()) === 0) return;
    const t = await deps.translate();
    await deps.notifications.create(NOTIFICATION_ID, {
      type: 'basic',
      iconUrl: deps.iconUrl,
      title: t('notify.expiring.title'),
      message: t('notify.expiring.message'),
    });
    await deps.session.set({ [WINDOW_KEY]: { ...window, warned: true } });
  }

  async function startWindow(expiresAt: string, serverNow: string): Promise<void> {
    const now = deps.now();
    const previous = await readWindow();
    const window: ActivationWindow = {
      expiresAt,
      deadline: localDeadline(expiresAt, serverNow, now),
      // The same link reported again (popup reopened): keep the earlier warning.
      warned: previous?.expiresAt === expiresAt ? previous.warned : false,
    };
    if (previous?.expiresAt !== expiresAt) await deps.notifications.clear(NOTIFICATION_ID).catch(() => false);
    await deps.session.set({ [WINDOW_KEY]: window });
    await refreshBadge(window);
    const warnAt = warningTime(window.deadline, now);
    if (warnAt !== undefined) await deps.alarms.create(ALARM_WARNING, { when: warnAt });
    else await warn(window); // less than the warning margin left already
  }

  return {
    /** runtime.onMessage: untrusted senders and malformed messages are ignored (EX-04). */
    async onMessage(message: unknown, sender: MessageSender): Promise<{ ok: boolean } | undefined> {
      if (!isTrustedSender(sender, deps)) return undefined;
      const parsed = BackgroundMessage.safeParse(message);
      if (!parsed.success) return { ok: false };
      if (parsed.data.type === 'activation-window') await startWindow(parsed.data.expiresAt, parsed.data.serverNow);
      else {
        // The popup showed the end itself: the outcome need not wait for it any more.
        await clear();
        await deps.session.remove(ENDED_KEY);
      }
      await follow();
      return { ok: true };
    },

    async onAlarm(alarm: { name: string }): Promise<void> {
      if (alarm.name === ALARM_FLOW_CHECK) {
        await check();
        return;
      }
      const window = await readWindow();
      if (!window) return;
      if (alarm.name === ALARM_TICK) await refreshBadge(window);
      else if (alarm.name === ALARM_WARNING) await warn(window);
    },

    /** The worker woke up after a browser restart or an update: drop a window that has lapsed. */
    async onStartup(): Promise<void> {
      const window = await readWindow();
      if (window) await refreshBadge(window);
      await follow();
    },

    /**
     * Follows the popup's stored flow: call when the worker starts and whenever storage.session's
     * `flow` changes (the popup saved or cleared it).
     */
    follow,
    /** Looks at the server now (tests, and the alarm). */
    check,
  };
}
