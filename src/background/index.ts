/** The background worker (service worker on Chrome, event page on Firefox): wires the controller. */
import '../shared/jitless.ts';
import {
  alarms,
  badge,
  extensionBaseUrl,
  extensionId,
  extensionUrl,
  localArea,
  managedArea,
  notifications,
  onAlarm,
  onMessage,
  onSessionKeyChanged,
  onStartup,
  permissions,
  sessionArea,
} from '../platform/browser.ts';
import { FLOW_KEY } from '../platform/flow-store.ts';
import { hasBackendPermission } from '../platform/host-permission.ts';
import { createSettingsStore } from '../platform/settings-store.ts';
import { createHttpRecoveryApi } from '../../widget/api/http-recovery-api.ts';
import { translator } from '../shared/i18n.ts';
import { createBackground } from './controller.ts';

const settings = createSettingsStore(localArea, managedArea);

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
  // The flow's status from the backend the popup uses; the worker holds that origin's permission too.
  flowApi: async () => {
    const backendUrl = (await settings.backend()).url;
    if (!(await hasBackendPermission(permissions, backendUrl))) return undefined;
    return createHttpRecoveryApi({ baseUrl: backendUrl, getRetryLimit: 0 });
  },
});

// Listeners are registered synchronously at the top level so the worker wakes for them.
onMessage((message, sender) => background.onMessage(message, sender));
onAlarm((alarm) => background.onAlarm(alarm));
onStartup(() => background.onStartup());
onSessionKeyChanged(FLOW_KEY, () => background.follow());
// The worker sleeps between events and starts again for the next one: pick up a stored flow.
void background.follow();
