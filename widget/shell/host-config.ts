/**
 * The host's configuration, merged ONCE: the `.config` object with the attributes over it
 * (attributes win). widget/config.ts validates the result before anything is sent; until then
 * (its schema loads lazily) only the language is read from it, as a plain string.
 */

export interface HostAttributes {
  apiBase: string | null;
  portalUrl: string | null;
  lang: string | null;
}

/** `.config` with the attributes set over it; a `.config` that is not an object is passed on as it is, for the schema to refuse. */
export function hostConfig(config: unknown, attributes: HostAttributes): unknown {
  if (config !== undefined && (config === null || typeof config !== 'object' || Array.isArray(config))) return config;
  const set = Object.entries(attributes).filter(([, value]) => value !== null);
  return { ...(config as object | undefined), ...Object.fromEntries(set) };
}

/** A field of the merged configuration before validation, when it is of the expected type. */
export function unchecked<T extends 'string' | 'object'>(
  merged: unknown,
  key: string,
  type: T,
): (T extends 'string' ? string : Record<string, string>) | undefined {
  const value = merged && typeof merged === 'object' ? (merged as Record<string, unknown>)[key] : undefined;
  return typeof value === type && value !== null ? (value as never) : undefined;
}
