/**
 * The background worker's behaviour, free of `browser.*` so it runs under test with fakes.
 * State that must outlive the worker's sleep (the window's deadline, whether we warned) is kept in
 * storage.session; alarms wake the worker for each badge change and for the warning.
 */
import { BackgroundMessage } from '../shared/messages.ts';
import type { Translate } from '../shared/i18n.ts';
import type { AlarmsApi, BadgeApi, KeyValueArea, MessageSender, NotificationsApi } from '../platform/ports.ts';
import { badgeText, localDeadline, minutesLeft, nextTick, warningTime } from './countdown.ts';

export const ALARM_TICK = 'iess-badge-tick';
export const ALARM_WARNING = 'iess-expiry-warning';
export const NOTIFICATION_ID = 'iess-expiry-warning';
export const WINDOW_KEY = 'activationWindow';
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

  async function clear(): Promise<void> {
    await Promise.all([
      deps.alarms.clear(ALARM_TICK),
      deps.alarms.clear(ALARM_WARNING),
      deps.session.remove(WINDOW_KEY),
      deps.badge.setText(''),
    ]);
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
      else await clear();
      return { ok: true };
    },

    async onAlarm(alarm: { name: string }): Promise<void> {
      const window = await readWindow();
      if (!window) return;
      if (alarm.name === ALARM_TICK) await refreshBadge(window);
      else if (alarm.name === ALARM_WARNING) await warn(window);
    },

    /** The worker woke up after a browser restart or an update: drop a window that has lapsed. */
    async onStartup(): Promise<void> {
      const window = await readWindow();
      if (window) await refreshBadge(window);
    },
  };
}
