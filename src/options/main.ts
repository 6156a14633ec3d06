/** Options page: backend URL (validated, host permission at run time) and language. */
import '../shared/jitless.ts';
import { localArea, permissions } from '../platform/browser.ts';
import { createSettingsStore } from '../platform/settings-store.ts';
import { translator, type Translate } from '../shared/i18n.ts';
import { LANGS, type Lang } from '../shared/settings.ts';
import { checkBackend } from './check-backend.ts';
import { saveOptions } from './options-controller.ts';

const store = createSettingsStore(localArea);
const form = document.querySelector<HTMLFormElement>('#options-form')!;
const urlInput = document.querySelector<HTMLInputElement>('#backend-url')!;
const urlError = document.querySelector<HTMLElement>('#backend-url-error')!;
const langSelect = document.querySelector<HTMLSelectElement>('#lang')!;
const status = document.querySelector<HTMLElement>('#status')!;

function localise(t: Translate, lang: Lang): void {
  document.documentElement.lang = lang;
  document.title = t('options.title');
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n as Parameters<Translate>[0]);
  }
}

function showError(message: string | undefined): void {
  urlError.hidden = message === undefined;
  urlError.textContent = message ?? '';
  urlInput.setAttribute('aria-invalid', String(message !== undefined));
}

const initial = await store.load();
urlInput.value = initial.backendUrl ?? '';
langSelect.value = initial.lang;
localise(translator(initial.lang), initial.lang);

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const lang = (LANGS as readonly string[]).includes(langSelect.value) ? (langSelect.value as Lang) : 'es';
  const t = translator(lang);
  status.textContent = '';
  // No await before saveOptions: the permission prompt needs this gesture.
  void saveOptions({ store, permissions, checkBackend: (url) => checkBackend(url) }, { backendUrl: urlInput.value, lang }).then(
    (outcome) => {
      localise(t, lang);
      if (outcome.kind === 'invalid') {
        showError(t(outcome.message));
        urlInput.focus();
        return;
      }
      showError(undefined);
      if (outcome.kind === 'denied') {
        status.textContent = t(outcome.message);
        return;
      }
      if (outcome.settings.backendUrl) urlInput.value = outcome.settings.backendUrl;
      status.textContent = outcome.messages.map((key) => t(key)).join(' ');
    },
  );
});
