/**
 * The host's configuration of `<iess-recuperar-clave>`. Attributes (`api-base`, `lang`,
 * `portal-url`) and the `.config` object meet here; what is wrong is shown in the widget in words a
 * web developer can act on, never as a silent failure.
 *
 * Checked by hand, not by a zod schema: it runs before the first step shows, and the first step
 * waits for nothing but the entry module (issue 15: zod/mini here delayed it by a chunk and a parse).
 */

/** https anywhere; plain http only on this machine (development). */
const isHttpsOrLocal = (value: string): boolean => {
  try {
    const u = new URL(value);
    if (u.protocol === 'https:') return true;
    return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
};

export interface WidgetConfig {
  /** Base URL of the backend (the `/v1` prefix is added by the client): https, or http on localhost. */
  apiBase?: string;
  /** `es` (default) or `en` (`en-US` etc.); any other language falls back to Spanish, never breaks. At most 35 characters. */
  lang?: string;
  /** Where FINALIZAR leads (the portal's sign-in page): https, or http on localhost. */
  portalUrl?: string;
  /** Per-key text overrides, e.g. `{ "shell.title": "Recupere su clave" }`. */
  messages?: Record<string, string>;
  /** Where a flow past BUSCAR is kept to resume after a reload: this tab's sessionStorage (default) or memory (no resume). */
  resume?: 'memory' | 'session';
}

/** One thing wrong with the configuration: the field and why (an i18n key suffix). */
export interface ConfigIssue {
  field: string;
  reason: 'url' | 'lang' | 'messages' | 'api' | 'shape';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isUrl = (v: unknown) => typeof v === 'string' && isHttpsOrLocal(v);

/** Each field: whether a present value is right, and why it is not. */
const FIELDS: { [K in keyof WidgetConfig]-?: { ok: (v: unknown) => boolean; reason: ConfigIssue['reason'] } } = {
  apiBase: { ok: isUrl, reason: 'url' },
  lang: { ok: (v) => typeof v === 'string' && v.length <= 35, reason: 'lang' },
  portalUrl: { ok: isUrl, reason: 'url' },
  messages: { ok: (v) => isObject(v) && Object.values(v).every((s) => typeof s === 'string'), reason: 'messages' },
  resume: { ok: (v) => v === 'memory' || v === 'session', reason: 'shape' },
};

/** The known fields of `value` (unknown ones are dropped), or every field that is wrong. `undefined` is an empty configuration. */
export function validateConfig(value: unknown): { ok: true; config: WidgetConfig } | { ok: false; issues: ConfigIssue[] } {
  const input = value ?? {};
  if (!isObject(input)) return { ok: false, issues: [{ field: 'config', reason: 'shape' }] };
  const config: Record<string, unknown> = {};
  const issues: ConfigIssue[] = [];
  for (const [field, rule] of Object.entries(FIELDS)) {
    const v = input[field];
    if (v === undefined) continue;
    if (rule.ok(v)) config[field] = field === 'messages' ? { ...(v as object) } : v;
    else issues.push({ field, reason: rule.reason });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, config: config as WidgetConfig };
}
