/** Settings in storage.local (backend URL and language: nothing personal). */
import { DEFAULT_SETTINGS, Settings } from '../shared/settings.ts';
import type { KeyValueArea } from './ports.ts';

export const SETTINGS_KEY = 'settings';

export interface SettingsStore {
  load(): Promise<Settings>;
  save(settings: Settings): Promise<void>;
}

export function createSettingsStore(area: KeyValueArea): SettingsStore {
  return {
    async load() {
      const stored = (await area.get(SETTINGS_KEY))[SETTINGS_KEY];
      const parsed = Settings.safeParse(stored);
      // A damaged or foreign value is ignored rather than trusted.
      return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
    },
    async save(settings) {
      await area.set({ [SETTINGS_KEY]: Settings.parse(settings) });
    },
  };
}
