/** Options page: backend URL (validated, host permission at run time) and language. */
import '../shared/jitless.ts';
import { localArea, managedArea, permissions } from '../platform/browser.ts';
import { createSettingsStore } from '../platform/settings-store.ts';
import { translator, type Translate } from '../shared/i18n.ts';
import { INSTITUTION_BACKEND_URL, type Lang } from '../shared/settings.ts';
import { checkBackend } from './check-backend.ts';
import { fieldsOnLoad, loadOptions, saveOptions, toLang } from './options-controller.ts';

const store = createSettingsStore(localArea, managedArea);
const form = document.querySelector<HTMLFormElement>('#options-form')!;
const urlInput = document.querySelector<HTMLInputElement>('#backend-url')!;
const urlError = document.querySelector<HTMLElement>('#backend-url-error')!;
const urlHint = document.querySelector<HTMLElement>('#backend-url-hint')!;
const policyNote = document.querySelector<HTMLElement>('#backend-policy')!;
const langSelect = document.querySelector<HTMLSelectElement>('#lang')!;
const status = document.querySelector<HTMLElement>('#status')!;

function localise(t: Translate, lang: Lang): void {
  document.documentElement.lang = lang;
  document.title = t('options.title');
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n as Parameters<Translate>[0]);
  }
  urlHint.textContent = t('options.backend.hint', { url: INSTITUTION_BACKEND_URL });
}

function showError(message: string | undefined): void {
  urlError.hidden = message === undefined;
  urlError.textContent = message ?? '';
  urlInput.setAttribute('aria-invalid', String(message !== undefined));
}

// A language picked while the settings load is the person's: it stays (fieldsOnLoad). A pick
// before this module ran shows as a value other than the page's own first option.
const pageLang = [...langSelect.options].find((option) => option.defaultSelected)?.value ?? langSelect.options[0]?.value;
let pickedLang: Lang | undefined;
langSelect.addEventListener('change', () => (pickedLang = toLang(langSelect.value)));

const loaded = await loadOptions(store);
const { settings: initial, policyUrl, failed } = loaded;
// A policy fixes the backend: shown, read-only, and said so. Otherwise the person's own option,
// and an empty field means the institution's backend (the placeholder).
pickedLang ??= langSelect.value !== pageLang ? toLang(langSelect.value) : undefined;
const shown = fieldsOnLoad(loaded, { backendUrl: urlInput.value, ...(pickedLang && { lang: pickedLang }) });
urlInput.value = shown.backendUrl;
urlInput.placeholder = INSTITUTION_BACKEND_URL;
urlInput.readOnly = policyUrl !== undefined;
policyNote.hidden = policyUrl === undefined;
langSelect.value = shown.lang;
const saved = translator(initial.lang);
localise(saved, initial.lang);
if (failed) status.textContent = saved('options.error.load-failed');

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const lang = toLang(langSelect.value);
  const t = translator(lang);
  status.textContent = '';
  // No await before saveOptions: the permission prompt needs this gesture.
  void saveOptions({ store, permissions, checkBackend: (url) => checkBackend(url) }, { backendUrl: urlInput.value, lang, policyUrl }).then(
    (outcome) => {
      localise(t, lang);
      if (outcome.kind === 'invalid') {
        showError(t(outcome.message));
        urlInput.focus();
        return;
      }
      showError(undefined);
      if (outcome.kind === 'denied' || outcome.kind === 'failed') {
        status.textContent = t(outcome.message);
        return;
      }
      if (policyUrl === undefined) urlInput.value = outcome.settings.backendUrl ?? '';
      status.textContent = outcome.messages.map((key) => t(key)).join(' ');
    },
  );
});
// GUARDAR works from here on (index.html: disabled until now, so no press is lost to a native submit).
document.querySelector<HTMLButtonElement>('#save')!.disabled = false;
