/**
 * One source manifest (top-level manifest.json), two flavours. Chrome takes it as written; Firefox
 * gets background scripts instead of a service worker (crxjs reads `background.scripts[0]` in
 * firefox mode), a fixed add-on id and a truthful data-collection declaration: the extension sends
 * identification (cédula, birth day/month, e-mail) and authentication data (answers, the new
 * password) to the backend the person configures.
 */
export type TargetBrowser = 'chrome' | 'firefox';

export const GECKO_ID = 'recuperar-clave@iess-clave.ec';
export const GECKO_MIN_VERSION = '142.0';
export const FIREFOX_DATA_COLLECTION = ['personallyIdentifyingInfo', 'authenticationInfo'] as const;

/** The permissions a reviewer signed off (EX-02). A test fails on anything else. */
export const REVIEWED_PERMISSIONS = ['alarms', 'notifications', 'storage'] as const;
/** Granted at install: the institution's backend only (INSTITUTION_BACKEND_URL), so installing is enough. */
export const REVIEWED_HOSTS = ['https://clave.iess.gob.ec/*'] as const;
/** Chrome's enterprise-policy schema for storage.managed (manifest `storage.managed_schema`). */
export const MANAGED_SCHEMA_PATH = 'src/managed-schema.json';
export const REVIEWED_OPTIONAL_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*', 'https://*/*'] as const;

type Json = Record<string, unknown>;

export function targetBrowser(value: string | undefined): TargetBrowser {
  if (value === undefined || value === '' || value === 'chrome') return 'chrome';
  if (value === 'firefox') return 'firefox';
  throw new Error(`TARGET_BROWSER must be "chrome" or "firefox", not "${value}"`);
}

/**
 * The manifest for one browser. `version` is the product's (widget/package.json, the one place it
 * is written): manifest.json carries none of its own.
 */
export function manifestFor(source: Json, browser: TargetBrowser, version: string): Json {
  const manifest: Json = { ...structuredClone(source), version };
  if (browser === 'chrome') return manifest;
  const background = manifest.background as { service_worker: string; type?: string };
  manifest.background = { scripts: [background.service_worker], type: background.type ?? 'module' };
  delete manifest.minimum_chrome_version;
  // Firefox has no managed_schema: it reads storage.managed from a native manifest (docs/extension.md).
  delete manifest.storage;
  manifest.browser_specific_settings = {
    gecko: {
      id: GECKO_ID,
      strict_min_version: GECKO_MIN_VERSION,
      data_collection_permissions: { required: [...FIREFOX_DATA_COLLECTION] },
    },
  };
  return manifest;
}
