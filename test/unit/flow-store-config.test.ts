/**
 * The resume store keeps only what CS-07 allows (step id, masked hints, expiry, the flow token),
 * and the host configuration schema names what is wrong.
 */
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../widget/config.ts';
import { MemoryFlowStore, pickResumable, sessionFlowStore } from '../../widget/flow/store.ts';
import type { ResumableFlow } from '../../widget/flow/types.ts';
import { FIXTURE_FLOW_TOKEN, FIXTURE_MASKED_CEDULA, FIXTURE_NOW_MS, at, fixtures } from '../fixtures/api/index.ts';

class MapStorage implements Storage {
  private map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
  setItem(k: string, v: string) {
    this.map.set(k, String(v));
  }
  dump() {
    return JSON.stringify([...this.map]);
  }
}

const flow: ResumableFlow = {
  step: 'activation-sent',
  flowToken: FIXTURE_FLOW_TOKEN,
  flowExpiresAt: at(900),
  case: 'recuperar',
  maskedId: FIXTURE_MASKED_CEDULA,
  activation: fixtures.sendActivation.onRecord.activation,
};

describe('flow store (CS-07)', () => {
  it('keeps only the allowed fields, whatever the object carries', () => {
    const dirty = { ...flow, id: '1712345675', birthDay: 14, answers: ['Quito'], password: 'x', email: 'juan@gmail.com' } as ResumableFlow;
    expect(Object.keys(pickResumable(dirty)).sort()).toEqual(['activation', 'case', 'flowExpiresAt', 'flowToken', 'maskedId', 'step']);
    const memory = new MemoryFlowStore();
    memory.save(dirty);
    expect(JSON.stringify(memory.load())).not.toMatch(/1712345675|Quito|juan@gmail/);
  });

  it('sessionStorage: round trip, then cleared', () => {
    const storage = new MapStorage();
    const store = sessionFlowStore(storage, () => FIXTURE_NOW_MS);
    store.save(flow);
    expect(store.load()).toEqual(flow);
    store.clear();
    expect(store.load()).toBeNull();
    expect(storage.length).toBe(0);
  });

  it('sessionStorage: an expired or malformed entry is dropped', () => {
    const storage = new MapStorage();
    sessionFlowStore(storage, () => FIXTURE_NOW_MS).save(flow);
    expect(sessionFlowStore(storage, () => FIXTURE_NOW_MS + 901_000).load()).toBeNull();
    expect(storage.length).toBe(0);
    storage.setItem('iess-clave:flow', '{not json');
    expect(sessionFlowStore(storage).load()).toBeNull();
    storage.setItem('iess-clave:flow', JSON.stringify({ ...flow, step: 'verification' }));
    expect(sessionFlowStore(storage).load()).toBeNull();
  });
});

describe('widget configuration schema', () => {
  it('accepts an empty config and a full one', () => {
    expect(validateConfig(undefined).ok).toBe(true);
    expect(
      validateConfig({ apiBase: 'https://clave.iess.gob.ec', lang: 'en', portalUrl: 'https://www.iess.gob.ec/', messages: { 'shell.title': 'X' }, resume: 'session' }).ok,
    ).toBe(true);
  });
  it('http only on localhost', () => {
    expect(validateConfig({ apiBase: 'http://127.0.0.1:8080' }).ok).toBe(true);
    expect(validateConfig({ apiBase: 'http://localhost:3000/api' }).ok).toBe(true);
    expect(validateConfig({ apiBase: 'http://clave.iess.gob.ec' })).toEqual({ ok: false, issues: [{ field: 'apiBase', reason: 'url' }] });
  });
  it('names every wrong field', () => {
    const r = validateConfig({ apiBase: 'javascript:alert(1)', portalUrl: 'nope', messages: 'hola', resume: 'disk' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => `${i.field}:${i.reason}`).sort()).toEqual(['apiBase:url', 'messages:messages', 'portalUrl:url', 'resume:shape']);
    }
  });
  it('a config that is not an object is refused', () => {
    expect(validateConfig('https://x').ok).toBe(false);
  });
});
