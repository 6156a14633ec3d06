import { describe, expect, it } from 'vitest';
import {
  BackendUrl,
  backendUrlProblem,
  effectiveBackend,
  hostPermissionPattern,
  INSTITUTION_BACKEND_URL,
  normaliseBackendUrl,
  Settings,
} from '../../../src/shared/settings.ts';
import { createSettingsStore, SETTINGS_KEY } from '../../../src/platform/settings-store.ts';
import { translator } from '../../../src/shared/i18n.ts';
import { resolveLang } from '../../../widget/i18n/localize.ts';
import { FakeArea } from './fakes.ts';

describe('backend URL', () => {
  it.each([
    ['https://clave.iess.gob.ec', undefined],
    ['https://clave.iess.gob.ec:8443/api/', undefined],
    ['http://localhost:8787', undefined],
    ['http://127.0.0.1:41234', undefined],
    ['http://clave.iess.gob.ec', 'insecure'],
    ['http://192.168.1.10', 'insecure'],
    ['http://localhost.evil.ec', 'insecure'],
    ['ftp://clave.iess.gob.ec', 'invalid'],
    ['javascript:alert(1)', 'invalid'],
    ['clave.iess.gob.ec', 'invalid'],
    ['', 'invalid'],
    ['https://user:pw@clave.iess.gob.ec', 'credentials'],
    ['https://clave.iess.gob.ec/?x=1', 'not-origin'],
    ['https://clave.iess.gob.ec/#frag', 'not-origin'],
  ])('%s -> %s', (value, problem) => {
    expect(backendUrlProblem(value)).toBe(problem);
    expect(BackendUrl.safeParse(value).success).toBe(problem === undefined);
  });

  it('normalises to origin plus path without trailing slash', () => {
    expect(normaliseBackendUrl(' https://Clave.IESS.gob.ec:443/api/ ')).toBe('https://clave.iess.gob.ec/api');
    expect(normaliseBackendUrl('http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8787');
  });

  it('turns a backend URL into a port-less host permission pattern', () => {
    expect(hostPermissionPattern('https://clave.iess.gob.ec/api')).toBe('https://clave.iess.gob.ec/*');
    expect(hostPermissionPattern('http://127.0.0.1:41234')).toBe('http://127.0.0.1/*');
  });
});

describe('settings store (storage.local)', () => {
  it('round-trips valid settings', async () => {
    const area = new FakeArea();
    const store = createSettingsStore(area);
    await store.save({ backendUrl: 'https://clave.iess.gob.ec', lang: 'en' });
    expect(await store.load()).toEqual({ backendUrl: 'https://clave.iess.gob.ec', lang: 'en' });
  });

  it('defaults to Spanish with no backend', async () => {
    expect(await createSettingsStore(new FakeArea()).load()).toEqual({ lang: 'es' });
  });

  it('ignores a tampered value instead of trusting it', async () => {
    const area = new FakeArea();
    await area.set({ [SETTINGS_KEY]: { backendUrl: 'http://evil.example', lang: 'es' } });
    expect(await createSettingsStore(area).load()).toEqual({ lang: 'es' });
  });

  it('refuses to save an insecure backend', async () => {
    const store = createSettingsStore(new FakeArea());
    await expect(store.save({ backendUrl: 'http://evil.example', lang: 'es' })).rejects.toThrow();
  });

  it('the schema drops unknown keys', () => {
    expect(Settings.parse({ lang: 'es', cedula: '1710034065' })).toEqual({ lang: 'es' });
  });
});

describe('extension words', () => {
  it("picks the language by the wizard's one rule: Spanish for anything but English", () => {
    expect(resolveLang('en-US')).toBe('en');
    expect(resolveLang('fr')).toBe('es');
    expect(resolveLang(undefined)).toBe('es');
  });
  it('fills placeholders', () => {
    expect(translator('es')('badge.title', { minutes: 2 })).toBe('El enlace de activación vence en 2 min');
    expect(translator('en')('options.permission.granted', { origin: 'https://x.ec' })).toContain('https://x.ec');
  });
});

describe("which backend (issue 10 §8): policy > the person's option > the institution's", () => {
  const OPTION = 'https://clave.empresa.ec';
  const POLICY = 'https://clave.ministerio.gob.ec';
  async function backendWith(option: string | undefined, policy: Record<string, unknown> | Error | undefined) {
    const local = new FakeArea();
    if (option) await local.set({ [SETTINGS_KEY]: { backendUrl: option, lang: 'es' } });
    const managed = policy === undefined ? undefined : { get: async () => (policy instanceof Error ? Promise.reject(policy) : policy) };
    return createSettingsStore(local, managed).backend();
  }

  it("installed and untouched: the institution's backend", async () => {
    expect(await backendWith(undefined, undefined)).toEqual({ url: INSTITUTION_BACKEND_URL, source: 'default' });
    expect(INSTITUTION_BACKEND_URL).toBe('https://clave.iess.gob.ec');
    expect(backendUrlProblem(INSTITUTION_BACKEND_URL)).toBeUndefined();
  });

  it("the person's option over the default", async () => {
    expect(await backendWith(OPTION, {})).toEqual({ url: OPTION, source: 'option' });
  });

  it('a policy over both', async () => {
    expect(await backendWith(OPTION, { backendUrl: POLICY })).toEqual({ url: POLICY, source: 'policy' });
    expect(await backendWith(undefined, { backendUrl: `${POLICY}/` })).toEqual({ url: POLICY, source: 'policy' });
  });

  it('a policy that fails the checks a typed address must pass is ignored', async () => {
    for (const backendUrl of ['http://clave.ministerio.gob.ec', 'https://a:b@clave.ministerio.gob.ec', 'not a url', 42]) {
      expect(await backendWith(OPTION, { backendUrl })).toEqual({ url: OPTION, source: 'option' });
    }
  });

  it('no managed storage (Firefox without a native manifest rejects) reads as no policy', async () => {
    expect(await backendWith(OPTION, new Error('Managed storage manifest not found'))).toEqual({ url: OPTION, source: 'option' });
    expect(await backendWith(undefined, new Error('no policy'))).toEqual({ url: INSTITUTION_BACKEND_URL, source: 'default' });
  });

  it('the pure rule, as the popup, the worker and the options page apply it', () => {
    expect(effectiveBackend({ backendUrl: POLICY }, { backendUrl: OPTION })).toEqual({ url: POLICY, source: 'policy' });
    expect(effectiveBackend({}, { backendUrl: OPTION })).toEqual({ url: OPTION, source: 'option' });
    expect(effectiveBackend(null, {})).toEqual({ url: INSTITUTION_BACKEND_URL, source: 'default' });
  });
});
