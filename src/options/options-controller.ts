/**
 * The options page's logic, with its browser parts injected so it can be tested. The host
 * permission is requested synchronously inside the submit handler (a user gesture), before any
 * await, or browsers refuse to show the prompt.
 */
import {
  backendUrlProblem,
  DEFAULT_SETTINGS,
  INSTITUTION_BACKEND_URL,
  LANGS,
  normaliseBackendUrl,
  type Lang,
  type Settings,
} from '../shared/settings.ts';
import type { ExtensionMessageKey } from '../shared/i18n.ts';
import type { PermissionsApi } from '../platform/ports.ts';
import type { SettingsStore } from '../platform/settings-store.ts';
import { releaseBackendPermission, requestBackendPermission } from '../platform/host-permission.ts';

export type SaveOutcome =
  | { kind: 'invalid'; message: ExtensionMessageKey }
  | { kind: 'denied'; message: ExtensionMessageKey }
  | { kind: 'failed'; message: ExtensionMessageKey }
  | { kind: 'saved'; messages: ExtensionMessageKey[]; settings: Settings; checked?: boolean };

export interface OptionsDeps {
  store: SettingsStore;
  permissions: PermissionsApi;
  /** Does the backend answer GET /v1/config with the contract's shape? */
  checkBackend: (backendUrl: string) => Promise<boolean>;
}

export interface OptionsInput {
  backendUrl: string;
  lang: Lang;
  /** The backend an administrator's policy fixes (storage.managed), when there is one: it wins. */
  policyUrl?: string | undefined;
}

export interface LoadedOptions {
  settings: Settings;
  /** The backend an administrator's policy fixes, when there is one. */
  policyUrl: string | undefined;
  /** The storage could not be read: the page shows the defaults and says so. */
  failed: boolean;
}

/**
 * What the page shows as it opens. Never rejects: a storage that cannot be read gives the defaults
 * and `failed`, which the page says, and GUARDAR still works (a page that threw here stayed silent
 * with GUARDAR disabled).
 */
export async function loadOptions(store: SettingsStore): Promise<LoadedOptions> {
  let failed = false;
  const settings = await store.load().catch((): Settings => {
    failed = true;
    return { ...DEFAULT_SETTINGS };
  });
  // The policy is read apart: an administrator's backend stays fixed (and read-only) even then.
  const backend = await store.backend().catch(() => undefined);
  return { settings, policyUrl: backend?.source === 'policy' ? backend.url : undefined, failed };
}

/**
 * What the fields show once the saved settings are in. What the person typed or picked while they
 * loaded stays: the address when the field is not empty, the language when it was changed (`lang`
 * given); an administrator's address does not yield.
 */
export function fieldsOnLoad(loaded: LoadedOptions, meanwhile: { backendUrl: string; lang?: Lang }): { backendUrl: string; lang: Lang } {
  return {
    backendUrl: loaded.policyUrl ?? (meanwhile.backendUrl !== '' ? meanwhile.backendUrl : (loaded.settings.backendUrl ?? '')),
    lang: meanwhile.lang ?? loaded.settings.lang,
  };
}

/** The language a select's value names; anything else is the default (Spanish). */
export const toLang = (value: string): Lang => ((LANGS as readonly string[]).includes(value) ? (value as Lang) : DEFAULT_SETTINGS.lang);

/**
 * Validates and saves. Synchronous up to the permission request so that the request happens inside
 * the gesture; returns a promise of the outcome, which never rejects: a browser API that fails (the
 * permission request, the storage) is an outcome the page says, not a page that stays silent.
 * Precedence: policy > the person's option > the institution's backend (an empty field).
 */
export function saveOptions(deps: OptionsDeps, input: OptionsInput): Promise<SaveOutcome> {
  try {
    return attemptSave(deps, input).catch((): SaveOutcome => FAILED);
  } catch {
    return Promise.resolve(FAILED);
  }
}

const FAILED: SaveOutcome = { kind: 'failed', message: 'options.error.save-failed' };

function attemptSave(deps: OptionsDeps, input: OptionsInput): Promise<SaveOutcome> {
  const typed = input.backendUrl.trim();
  if (input.policyUrl !== undefined) {
    // The field is read-only: the language is saved, the person's own option is kept for when the
    // policy goes, and the policy's origin is asked for (a policy cannot grant it).
    const policyUrl = input.policyUrl;
    // Inside the gesture. A request the browser refuses to make is a permission not granted (the
    // language is saved all the same), and never a rejection left unhandled when the storage fails first.
    const granted = requestBackendPermission(deps.permissions, policyUrl).catch(() => false);
    return (async () => {
      const settings: Settings = { ...(await deps.store.load()), lang: input.lang };
      await deps.store.save(settings);
      if (!(await granted)) return { kind: 'denied', message: 'options.permission.denied' };
      const checked = await deps.checkBackend(policyUrl).catch(() => false);
      return { kind: 'saved', messages: ['options.saved', checked ? 'options.check.ok' : 'options.check.failed'], settings, checked };
    })();
  }
  if (typed === '') {
    // The institution's backend: its origin is granted at install (manifest host_permissions).
    return (async () => {
      const previous = await deps.store.load();
      const settings: Settings = { lang: input.lang };
      await deps.store.save(settings);
      await releaseBackendPermission(deps.permissions, previous.backendUrl, INSTITUTION_BACKEND_URL);
      return { kind: 'saved', messages: ['options.saved-default'], settings };
    })();
  }
  const problem = backendUrlProblem(typed);
  if (problem) return Promise.resolve({ kind: 'invalid', message: `options.error.${problem}` });
  const backendUrl = normaliseBackendUrl(typed);
  const granted = requestBackendPermission(deps.permissions, backendUrl); // inside the gesture
  return (async () => {
    if (!(await granted)) return { kind: 'denied', message: 'options.permission.denied' };
    const previous = await deps.store.load();
    const settings: Settings = { backendUrl, lang: input.lang };
    await deps.store.save(settings);
    await releaseBackendPermission(deps.permissions, previous.backendUrl, backendUrl);
    const checked = await deps.checkBackend(backendUrl).catch(() => false);
    return { kind: 'saved', messages: ['options.saved', checked ? 'options.check.ok' : 'options.check.failed'], settings, checked };
  })();
}
