/**
 * The only module that touches the WebExtension API (`browser.*` through webextension-polyfill,
 * which gives Chrome the promise-based Firefox API). Everything else receives these adapters.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import type { AlarmsApi, BadgeApi, KeyValueArea, MessageSender, NotificationsApi, PermissionsApi, ReadOnlyArea } from './ports.ts';

export { browser };

export const localArea: KeyValueArea = browser.storage.local;
/** In memory, cleared when the browser closes, not exposed to content scripts (EX-03). */
export const sessionArea: KeyValueArea = browser.storage.session;

/**
 * An administrator's policy: Chrome reads it from enterprise policy against src/managed-schema.json;
 * Firefox from a managed-storage native manifest (docs/extension.md). Absent: rejected or {}.
 */
export const managedArea: ReadOnlyArea = { get: (keys) => browser.storage.managed.get(keys ?? undefined) };

export const permissions: PermissionsApi = {
  contains: (p) => browser.permissions.contains(p),
  request: (p) => browser.permissions.request(p),
  remove: (p) => browser.permissions.remove(p),
};

export const alarms: AlarmsApi = {
  create: (name, info) => browser.alarms.create(name, info),
  clear: (name) => browser.alarms.clear(name),
};

export const badge: BadgeApi = {
  setText: (text) => browser.action.setBadgeText({ text }),
  setTitle: (title) => browser.action.setTitle({ title }),
  setBackgroundColor: (color) => browser.action.setBadgeBackgroundColor({ color }),
};

export const notifications: NotificationsApi = {
  create: (id, options) => browser.notifications.create(id, options),
  clear: (id) => browser.notifications.clear(id),
};

export const extensionId = (): string => browser.runtime.id;
/** e.g. chrome-extension://<id>/ or moz-extension://<uuid>/ */
export const extensionBaseUrl = (): string => browser.runtime.getURL('/');
export const extensionUrl = (path: string): string => browser.runtime.getURL(path);
export const openOptionsPage = (): Promise<void> => browser.runtime.openOptionsPage();
/** A new tab at url (no permission needed to open one). */
export const openTab = (url: string, active: boolean): Promise<unknown> => browser.tabs.create({ url, active });
export const sendToBackground = (message: unknown): Promise<unknown> => browser.runtime.sendMessage(message);

/** runtime.onMessage with a promise-returning handler (the polyfill turns it into the reply). */
export function onMessage(handler: (message: unknown, sender: MessageSender) => Promise<unknown>): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
    handler(message, { id: sender.id, url: sender.url }),
  );
}

export function onAlarm(handler: (alarm: { name: string }) => Promise<void>): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    void handler(alarm);
  });
}

/** storage.session changes of one key (the popup saved or cleared its flow). */
export function onSessionKeyChanged(key: string, handler: () => Promise<void>): void {
  browser.storage.onChanged.addListener((changes, areaName) => {
    if (areaName === 'session' && Object.hasOwn(changes, key)) void handler();
  });
}

export function onStartup(handler: () => Promise<void>): void {
  browser.runtime.onStartup.addListener(() => {
    void handler();
  });
}
