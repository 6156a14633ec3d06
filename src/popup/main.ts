/**
 * The popup: hosts <iess-recuperar-clave> from widget/ (no copy of widget code). Settings come
 * from storage.local; the flow resumes from storage.session; the activation window goes to the
 * background worker for the badge and the warning.
 */
import '../shared/jitless.ts';
import '../../widget/define.ts';
import { createHttpRecoveryApi } from '../../widget/api/http-recovery-api.ts';
import { localArea, managedArea, openOptionsPage, openTab, permissions, sendToBackground, sessionArea } from '../platform/browser.ts';
import { createExtensionFlowStore } from '../platform/flow-store.ts';
import { hasBackendPermission } from '../platform/host-permission.ts';
import { createSettingsStore } from '../platform/settings-store.ts';
import { translator, type Translate } from '../shared/i18n.ts';
import { watchActivation } from './activation-watcher.ts';
import { badgeReporter, followWizard, openWebLinksInTabs, takeEndedFlow } from './popup-controller.ts';
import type { FlowOutcome } from '../shared/flow-end.ts';

const app = document.querySelector<HTMLElement>('#app')!;
openWebLinksInTabs(document, openTab, () => window.close());
const store = createSettingsStore(localArea, managedArea);
const settings = await store.load();
const t = translator(settings.lang);
document.documentElement.lang = settings.lang;
document.title = t('popup.title');

const optionsLink = document.querySelector<HTMLAnchorElement>('#options-link')!;
optionsLink.textContent = t('popup.options-link');
optionsLink.addEventListener('click', (event) => {
  event.preventDefault();
  void openOptionsPage();
});

function showSetup(t: Translate): void {
  const section = document.createElement('section');
  section.className = 'setup';
  const heading = document.createElement('h1');
  heading.textContent = t('popup.setup.heading');
  const text = document.createElement('p');
  text.textContent = t('popup.setup.text');
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = t('popup.setup.button');
  button.addEventListener('click', () => void openOptionsPage());
  section.append(heading, text, button);
  app.replaceChildren(section);
}

/** The flow ended while the popup was closed (the link used in a tab or on another device, or time ran out). */
function showEnded(t: Translate, outcome: FlowOutcome, restart: () => Promise<void>): void {
  const section = document.createElement('section');
  section.className = 'ended';
  section.dataset.outcome = outcome;
  const heading = document.createElement('h1');
  heading.tabIndex = -1;
  heading.textContent = t(`popup.ended.${outcome}.heading`);
  const text = document.createElement('p');
  text.textContent = t(`popup.ended.${outcome}.text`);
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = t('popup.ended.restart');
  button.addEventListener('click', () => void restart());
  section.append(heading, text, button);
  app.replaceChildren(section);
  heading.focus();
}

async function showWizard(): Promise<void> {
  // A policy's backend, else the person's, else the institution's (granted at install).
  const backendUrl = (await store.backend()).url;
  if (!(await hasBackendPermission(permissions, backendUrl))) {
    showSetup(t);
    return;
  }
  const reporter = badgeReporter((message) => sendToBackground(message));
  const wizard = document.createElement('iess-recuperar-clave');
  wizard.setAttribute('lang', settings.lang);
  wizard.setAttribute('api-base', backendUrl);
  wizard.api = watchActivation(createHttpRecoveryApi({ baseUrl: backendUrl }), reporter);
  wizard.store = createExtensionFlowStore(sessionArea);
  followWizard(wizard, reporter);
  app.replaceChildren(wizard);
}

const ended = await takeEndedFlow(sessionArea);
if (ended) showEnded(t, ended, showWizard);
else await showWizard();
app.removeAttribute('aria-busy');
