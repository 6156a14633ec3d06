/**
 * Settings in storage.local (backend URL and language: nothing personal), and the backend in use:
 * a policy in storage.managed over the person's option over the institution's (src/shared/settings.ts).
 */
import { DEFAULT_SETTINGS, effectiveBackend, Settings, type EffectiveBackend } from '../shared/settings.ts';
import type { KeyValueArea, ReadOnlyArea } from './ports.ts';

export const SETTINGS_KEY = 'settings';

export interface SettingsStore {
  /** The person's own settings (what the options page saves). */
  load(): Promise<Settings>;
  save(settings: Settings): Promise<void>;
  /** The backend in use and where it comes from: policy > the person's option > default. */
  backend(): Promise<EffectiveBackend>;
}

/** The administrator's policy; {} without one (Firefox rejects when no managed manifest is installed). */
async function readPolicy(managed: ReadOnlyArea | undefined): Promise<unknown> {
  if (!managed) return {};
  try {
    return await managed.get(null);
  } catch {
    return {};
  }
}

export function createSettingsStore(area: KeyValueArea, managed?: ReadOnlyArea): SettingsStore {
  async function load(): Promise<Settings> {
    const stored = (await area.get(SETTINGS_KEY))[SETTINGS_KEY];
    const parsed = Settings.safeParse(stored);
    // A damaged or foreign value is ignored rather than trusted.
    return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
  }
  return {
    load,
    async save(settings) {
      await area.set({ [SETTINGS_KEY]: Settings.parse(settings) });
    },
    async backend() {
      // A local storage that cannot be read leaves the policy (or the institution's backend) in force.
      const [policy, settings] = await Promise.all([readPolicy(managed), load().catch(() => ({ ...DEFAULT_SETTINGS }))]);
      return effectiveBackend(policy, settings);
    },
  };
}
