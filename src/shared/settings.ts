/**
 * The extension's settings (kept in storage.local: nothing secret). The backend URL is validated
 * by this one schema wherever it is read or written: options page, popup and background.
 * https only, except plain http for this machine (localhost, 127.0.0.1) during development.
 *
 * Which backend the extension uses (issue 10 §8: installing is enough): an administrator's policy
 * (`storage.managed`, src/managed-schema.json) over the person's option (storage.local) over the
 * institution's own backend, INSTITUTION_BACKEND_URL.
 */
import { z } from 'zod/mini';
import { validateConfig } from '../../widget/config.ts';

/**
 * The institution's backend: the reference server's public origin (server/config.ts PUBLIC_URL,
 * docs/operations.md). The one place the extension names it; manifest.json grants its origin
 * (`host_permissions`) so a fresh install needs no typing and no prompt.
 */
export const INSTITUTION_BACKEND_URL = 'https://clave.iess.gob.ec';

export const LOCAL_HOSTS = ['localhost', '127.0.0.1'] as const;
export const LANGS = ['es', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export type BackendUrlProblem = 'invalid' | 'insecure' | 'credentials' | 'not-origin';

/**
 * Why a typed backend URL is refused, or undefined when it is fine. It must pass the widget's own
 * `apiBase` check (widget/config.ts: https, or http on this machine) and, stricter, carry no
 * credentials, query or fragment and name a host our optional host permissions cover.
 */
export function backendUrlProblem(value: string): BackendUrlProblem | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'invalid';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'invalid';
  if (url.protocol === 'http:' && !(LOCAL_HOSTS as readonly string[]).includes(url.hostname)) return 'insecure';
  if (!validateConfig({ apiBase: value }).ok) return 'insecure';
  if (url.username || url.password) return 'credentials';
  if (url.search || url.hash) return 'not-origin';
  return undefined;
}

export const BackendUrl = z.string().check(
  z.maxLength(2048),
  z.refine((value) => backendUrlProblem(value) === undefined, { message: 'backend-url' }),
);

export const Settings = z.object({
  /** Base of the /v1 API, e.g. https://clave.iess.gob.ec or http://127.0.0.1:8787 */
  backendUrl: z.optional(BackendUrl),
  lang: z.enum(LANGS),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = { lang: 'es' };

/** What an administrator may fix by policy (storage.managed; the schema is src/managed-schema.json). */
export const ManagedPolicy = z.object({
  backendUrl: z.optional(BackendUrl),
});

export type BackendSource = 'policy' | 'option' | 'default';
export interface EffectiveBackend {
  url: string;
  source: BackendSource;
}

/**
 * The backend in use: the policy's, else the person's option, else the institution's. A policy value
 * that fails the same checks as a typed one (http to another machine, credentials…) is ignored.
 */
export function effectiveBackend(policy: unknown, settings: Pick<Settings, 'backendUrl'>): EffectiveBackend {
  const managed = ManagedPolicy.safeParse(policy);
  if (managed.success && managed.data.backendUrl) return { url: normaliseBackendUrl(managed.data.backendUrl), source: 'policy' };
  if (settings.backendUrl) return { url: settings.backendUrl, source: 'option' };
  return { url: INSTITUTION_BACKEND_URL, source: 'default' };
}

/** 'https://api.example.ec:8443/base/' -> 'https://api.example.ec:8443/base' (no trailing slash). */
export function normaliseBackendUrl(value: string): string {
  const url = new URL(value.trim());
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path}`;
}

/**
 * The host permission pattern for a backend URL. Match patterns carry no port (Firefox refuses
 * ports, Chrome ignores them), so a grant covers every port of that host.
 */
export function hostPermissionPattern(backendUrl: string): string {
  const url = new URL(backendUrl);
  return `${url.protocol}//${url.hostname}/*`;
}
