/**
 * The host's configuration of `<iess-recuperar-clave>`, validated by schema. Attributes
 * (`api-base`, `lang`, `portal-url`) and the `.config` object meet here; what is wrong is shown in
 * the widget in words a web developer can act on, never as a silent failure.
 */
import { z } from 'zod/mini';

const isHttpsOrLocal = (value: string): boolean => {
  try {
    const u = new URL(value);
    if (u.protocol === 'https:') return true;
    return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
};

const webUrl = z.string().check(z.refine(isHttpsOrLocal, { message: 'url' }));

export const WidgetConfig = z.object({
  /** Base URL of the backend (the `/v1` prefix is added by the client). */
  apiBase: z.optional(webUrl),
  /** `es` (default) or `en` (`en-US` etc.); any other language falls back to Spanish, never breaks. */
  lang: z.optional(z.string().check(z.maxLength(35))),
  /** Where FINALIZAR leads (the portal's sign-in page). */
  portalUrl: z.optional(webUrl),
  /** Per-key text overrides, e.g. `{ "shell.title": "Recupere su clave" }`. */
  messages: z.optional(z.record(z.string(), z.string())),
  /** Where a waiting flow is kept to resume after a reload: memory (default) or this tab's sessionStorage. */
  resume: z.optional(z.enum(['memory', 'session'])),
});
export type WidgetConfig = z.infer<typeof WidgetConfig>;

/** One thing wrong with the configuration: the field and why (an i18n key suffix). */
export interface ConfigIssue {
  field: string;
  reason: 'url' | 'lang' | 'messages' | 'api' | 'shape';
}

export function validateConfig(value: unknown): { ok: true; config: WidgetConfig } | { ok: false; issues: ConfigIssue[] } {
  const r = WidgetConfig.safeParse(value ?? {});
  if (r.success) return { ok: true, config: r.data };
  const issues = r.error.issues.map((issue): ConfigIssue => {
    const field = String(issue.path[0] ?? 'config');
    const reason: ConfigIssue['reason'] =
      field === 'apiBase' || field === 'portalUrl' ? 'url' : field === 'lang' ? 'lang' : field === 'messages' ? 'messages' : 'shape';
    return { field, reason };
  });
  return { ok: false, issues };
}
