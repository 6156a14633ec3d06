/** The background worker (service worker on Chrome, event page on Firefox): wires the controller. */
import '../shared/jitless.ts';
import {
  alarms,
  badge,
  extensionBaseUrl,
  extensionId,
  extensionUrl,
  localArea,
  notifications,
  onAlarm,
  onMessage,
  onStartup,
  sessionArea,
} from '../platform/browser.ts';
import { createSettingsStore } from '../platform/settings-store.ts';
import { translator } from '../shared/i18n.ts';
import { createBackground } from './controller.ts';

const settings = createSettingsStore(localArea);

const background = createBackground({
  extensionId: extensionId(),
  extensionBaseUrl: extensionBaseUrl(),
  iconUrl: extensionUrl('src/icons/icon-128.png'),
  now: () => Date.now(),
  session: sessionArea,
  alarms,
  badge,
  notifications,
  translate: async () => translator((await settings.load()).lang),
});

// Listeners are registered synchronously at the top level so the worker wakes for them.
onMessage((message, sender) => background.onMessage(message, sender));
onAlarm((alarm) => background.onAlarm(alarm));
onStartup(() => background.onStartup());
