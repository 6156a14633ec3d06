/**
 * The slices of the WebExtension API the extension uses, as small structural types. The real
 * objects come from src/platform/browser.ts (webextension-polyfill); unit tests pass fakes.
 */

/** storage.local / storage.session, reduced to what we call. */
export interface KeyValueArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** storage.managed: read only (an administrator's policy). */
export interface ReadOnlyArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
}

export interface PermissionsApi {
  contains(permissions: { origins?: string[] }): Promise<boolean>;
  request(permissions: { origins?: string[] }): Promise<boolean>;
  remove(permissions: { origins?: string[] }): Promise<boolean>;
}

export interface AlarmsApi {
  create(name: string, info: { when: number }): void | Promise<void>;
  clear(name: string): Promise<boolean>;
}

export interface BadgeApi {
  setText(text: string): Promise<void>;
  setTitle(title: string): Promise<void>;
  setBackgroundColor(color: string): Promise<void>;
}

export interface NotificationsApi {
  create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string }): Promise<string>;
  clear(id: string): Promise<boolean>;
}

/** Who sent a runtime message (the parts we check, EX-04). */
export interface MessageSender {
  id?: string;
  url?: string;
}
