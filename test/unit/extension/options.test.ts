import { describe, expect, it } from 'vitest';
import { fieldsOnLoad, loadOptions, saveOptions, toLang } from '../../../src/options/options-controller.ts';
import { checkBackend } from '../../../src/options/check-backend.ts';
import { createSettingsStore } from '../../../src/platform/settings-store.ts';
import { FakeArea, FakePermissions } from './fakes.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getConfig } from '../../fixtures/api/config.ts';

function setup(check = true) {
  const area = new FakeArea();
  const permissions = new FakePermissions();
  const store = createSettingsStore(area);
  return { area, permissions, store, deps: { store, permissions, checkBackend: async () => check } };
}

describe('options page: save', () => {
  it('EX-02: requests the host permission synchronously, inside the click gesture', () => {
    const { deps, permissions } = setup();
    void saveOptions(deps, { backendUrl: 'https://clave.iess.gob.ec/', lang: 'es' });
    // No microtask has run yet: the request must already be on its way.
    expect(permissions.calls).toEqual(['request https://clave.iess.gob.ec/*']);
  });

  it('saves the normalised URL and language once granted, and checks the server', async () => {
    const { deps, store } = setup();
    const outcome = await saveOptions(deps, { backendUrl: ' https://clave.iess.gob.ec/ ', lang: 'en' });
    expect(outcome).toMatchObject({ kind: 'saved', messages: ['options.saved', 'options.check.ok'], checked: true });
    expect(await store.load()).toEqual({ backendUrl: 'https://clave.iess.gob.ec', lang: 'en' });
  });

  it('reports a server that does not answer the contract', async () => {
    const { permissions, store } = setup();
    const outcome = await saveOptions(
      { store, permissions, checkBackend: async () => Promise.reject(new Error('down')) },
      { backendUrl: 'https://clave.iess.gob.ec', lang: 'es' },
    );
    expect(outcome).toMatchObject({ kind: 'saved', messages: ['options.saved', 'options.check.failed'], checked: false });
  });

  it('does not save when the person refuses the permission', async () => {
    const { deps, permissions, area } = setup();
    permissions.answer = false;
    const outcome = await saveOptions(deps, { backendUrl: 'https://clave.iess.gob.ec', lang: 'es' });
    expect(outcome).toEqual({ kind: 'denied', message: 'options.permission.denied' });
    expect(area.data.size).toBe(0);
  });

  it.each([
    ['the permission request', 'request'],
    ['the storage', 'storage'],
  ] as const)('a failure of %s is said, never a silent page (the status stayed empty, Firefox e2e under load)', async (_what, broken) => {
    const { deps, permissions, area } = setup();
    if (broken === 'request')
      permissions.request = () => Promise.reject(new Error('permissions.request may only be called from a user input handler'));
    else area.set = () => Promise.reject(new Error('QuotaExceededError'));
    const outcome = await saveOptions(deps, { backendUrl: 'https://clave.iess.gob.ec', lang: 'es' });
    expect(outcome).toEqual({ kind: 'failed', message: 'options.error.save-failed' });
  });

  it.each([
    ['http://clave.iess.gob.ec', 'options.error.insecure'],
    ['not a url', 'options.error.invalid'],
    ['https://a:b@clave.iess.gob.ec', 'options.error.credentials'],
  ])('refuses %s without asking for any permission', async (backendUrl, message) => {
    const { deps, permissions, area } = setup();
    expect(await saveOptions(deps, { backendUrl, lang: 'es' })).toEqual({ kind: 'invalid', message });
    expect(permissions.calls).toEqual([]);
    expect(area.data.size).toBe(0);
  });

  it('gives back the previous server permission when switching servers (least privilege)', async () => {
    const { deps, permissions } = setup();
    await saveOptions(deps, { backendUrl: 'https://old.iess.gob.ec', lang: 'es' });
    await saveOptions(deps, { backendUrl: 'https://new.iess.gob.ec', lang: 'es' });
    expect([...permissions.granted]).toEqual(['https://new.iess.gob.ec/*']);
    // Same host, other port or path: the one grant still covers it, nothing is removed.
    await saveOptions(deps, { backendUrl: 'https://new.iess.gob.ec:8443/v', lang: 'es' });
    expect([...permissions.granted]).toEqual(['https://new.iess.gob.ec/*']);
  });

  it("an empty address goes back to the institution's backend and gives the other one's permission back", async () => {
    const { deps, permissions, store } = setup();
    await saveOptions(deps, { backendUrl: 'https://old.iess.gob.ec', lang: 'es' });
    const outcome = await saveOptions(deps, { backendUrl: '  ', lang: 'en' });
    expect(outcome).toMatchObject({ kind: 'saved', messages: ['options.saved-default'] });
    expect(await store.load()).toEqual({ lang: 'en' });
    expect(await store.backend()).toEqual({ url: 'https://clave.iess.gob.ec', source: 'default' });
    expect(permissions.granted.size).toBe(0);
  });

  it("an option on the institution's own host keeps its (install-time) permission when emptied", async () => {
    const { deps, permissions } = setup();
    await saveOptions(deps, { backendUrl: 'https://clave.iess.gob.ec/v', lang: 'es' });
    await saveOptions(deps, { backendUrl: '', lang: 'es' });
    expect(permissions.calls.filter((c) => c.startsWith('remove'))).toEqual([]);
  });

  it("under a policy: the policy's origin is asked for in the gesture, the language saved and the person's own option kept", async () => {
    const { deps, permissions, store } = setup();
    await saveOptions(deps, { backendUrl: 'https://clave.empresa.ec', lang: 'es' });
    const pending = saveOptions(deps, { backendUrl: 'https://typed.example.ec', lang: 'en', policyUrl: 'https://clave.ministerio.gob.ec' });
    expect(permissions.calls.at(-1)).toBe('request https://clave.ministerio.gob.ec/*');
    expect(await pending).toMatchObject({ kind: 'saved', messages: ['options.saved', 'options.check.ok'] });
    expect(await store.load()).toEqual({ backendUrl: 'https://clave.empresa.ec', lang: 'en' });
  });

  it('under a policy, a permission request the browser refuses to make: the language is saved and the page says the permission is missing', async () => {
    const { deps, permissions, store } = setup();
    permissions.request = () => Promise.reject(new Error('permissions.request may only be called from a user input handler'));
    const outcome = await saveOptions(deps, { backendUrl: '', lang: 'en', policyUrl: 'https://clave.ministerio.gob.ec' });
    expect(outcome).toEqual({ kind: 'denied', message: 'options.permission.denied' });
    expect(await store.load()).toEqual({ lang: 'en' });
  });

  it('under a policy, storage and permission request both failing: one outcome, no rejection left unhandled', async () => {
    const { deps, permissions, area } = setup();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      area.get = () => Promise.reject(new Error('FILE_ERROR_NO_SPACE'));
      let refuse!: (e: Error) => void;
      permissions.request = () => new Promise((_resolve, reject) => (refuse = reject));
      const outcome = await saveOptions(deps, { backendUrl: '', lang: 'es', policyUrl: 'https://clave.ministerio.gob.ec' });
      expect(outcome).toEqual({ kind: 'failed', message: 'options.error.save-failed' });
      refuse(new Error('the prompt was dismissed by the browser'));
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('options page: server check over real HTTP', () => {
  async function serve(body: unknown, status = 200) {
    const server = createServer((_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  it('is true for a /v1/config answer that matches the contract', async () => {
    const s = await serve(getConfig.default);
    try {
      expect(await checkBackend(s.url)).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('is false for an answer that is not the contract', async () => {
    const s = await serve({ hello: 'world' });
    try {
      expect(await checkBackend(s.url)).toBe(false);
    } finally {
      await s.close();
    }
  });

  it('is false for an error status', async () => {
    const s = await serve({}, 500);
    try {
      expect(await checkBackend(s.url)).toBe(false);
    } finally {
      await s.close();
    }
  });
});

describe('options page: open', () => {
  it("reads the saved settings and the policy's backend", async () => {
    const { store, area } = setup();
    await store.save({ backendUrl: 'https://clave.iess.gob.ec', lang: 'en' });
    expect(await loadOptions(store)).toEqual({
      settings: { backendUrl: 'https://clave.iess.gob.ec', lang: 'en' },
      policyUrl: undefined,
      failed: false,
    });
    const managed = new FakeArea();
    await managed.set({ backendUrl: 'https://politica.iess.gob.ec' });
    const withPolicy = await loadOptions(createSettingsStore(area, managed));
    expect(withPolicy.policyUrl).toBe('https://politica.iess.gob.ec');
  });

  it('a storage that cannot be read gives the defaults and says so, never a dead page (GUARDAR stayed disabled, silent)', async () => {
    const { store, area } = setup();
    area.get = () => Promise.reject(new Error('Error: IO error: .../Local Extension Settings/...: FILE_ERROR_NO_SPACE'));
    expect(await loadOptions(store)).toEqual({ settings: { lang: 'es' }, policyUrl: undefined, failed: true });
  });

  it('what the person typed or picked while the settings loaded stays; an empty field and an untouched language take the saved ones', () => {
    const loaded = { settings: { backendUrl: 'https://guardado.example', lang: 'en' as const }, policyUrl: undefined, failed: false };
    // Picked «Español» before the saved «English» arrived: the choice stays (it used to be replaced).
    expect(fieldsOnLoad(loaded, { backendUrl: '', lang: 'es' })).toEqual({ backendUrl: 'https://guardado.example', lang: 'es' });
    expect(fieldsOnLoad(loaded, { backendUrl: 'https://tecleado.example' })).toEqual({
      backendUrl: 'https://tecleado.example',
      lang: 'en',
    });
    expect(fieldsOnLoad({ ...loaded, settings: { lang: 'es' } }, { backendUrl: '' })).toEqual({ backendUrl: '', lang: 'es' });
    // An administrator's address does not yield to what was typed; the language is still the person's.
    expect(
      fieldsOnLoad({ ...loaded, policyUrl: 'https://politica.iess.gob.ec' }, { backendUrl: 'https://tecleado.example', lang: 'es' }),
    ).toEqual({
      backendUrl: 'https://politica.iess.gob.ec',
      lang: 'es',
    });
  });

  it('reads the select’s language; anything else is Spanish', () => {
    expect([toLang('en'), toLang('es'), toLang('fr'), toLang(''), toLang('EN')]).toEqual(['en', 'es', 'es', 'es', 'es']);
  });

  it("an administrator's backend stays fixed when only the person's own settings cannot be read", async () => {
    const { area } = setup();
    const managed = new FakeArea();
    await managed.set({ backendUrl: 'https://politica.iess.gob.ec' });
    area.get = () => Promise.reject(new Error('FILE_ERROR_NO_SPACE'));
    expect(await loadOptions(createSettingsStore(area, managed))).toEqual({
      settings: { lang: 'es' },
      policyUrl: 'https://politica.iess.gob.ec',
      failed: true,
    });
  });
});
