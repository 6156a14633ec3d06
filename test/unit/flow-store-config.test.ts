/**
 * The resume store keeps only what CS-07 allows (step id, masked hints, expiry, the flow token),
 * and the host configuration schema names what is wrong.
 */
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../widget/config.ts';
import { MemoryFlowStore, pickResumable, sessionFlowStore } from '../../widget/flow/store.ts';
import { parseResumable } from '../../widget/flow/resumable.ts';
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
    expect(sessionFlowStore(storage, () => FIXTURE_NOW_MS).load()).toBeNull();
    storage.setItem('iess-clave:flow', JSON.stringify({ ...flow, step: 'declaration' }));
    expect(sessionFlowStore(storage, () => FIXTURE_NOW_MS).load()).toBeNull();
  });
});

const base = { flowToken: FIXTURE_FLOW_TOKEN, flowExpiresAt: at(900), case: 'generar' as const, maskedId: FIXTURE_MASKED_CEDULA };
const { verification } = fixtures.startFlow.generar;
const snapshots: [ResumableFlow['step'], ResumableFlow, string][] = [
  ['verification', { ...base, step: 'verification', verification }, 'verification'],
  [
    'security-questions',
    { ...base, step: 'security-questions', securityQuestions: fixtures.verify.generar.securityQuestions! },
    'securityQuestions',
  ],
  ['email', { ...base, step: 'email', email: fixtures.verify.generar.email }, 'email'],
  ['activation-sent', flow, 'activation'],
];
/** What a person types at some step: never in a snapshot (CS-07). */
const typed = {
  id: '1712345675',
  identification: '1712345675',
  birthDay: 14,
  birthMonth: 3,
  answers: [{ questionId: 'q1', answer: 'CANARY-Quito' }],
  draft: { verify: { birthDay: 14 } },
  address: 'canary@gmail.com',
  password: 'CANARY-pw',
  activationToken: 'CANARY-activation-token',
};

describe('resume snapshot per step (CS-07)', () => {
  it.each(snapshots)('pickResumable keeps exactly the fields of %s and drops what was typed', (_step, snapshot, dataKey) => {
    const picked = pickResumable({ ...typed, ...snapshot } as ResumableFlow);
    expect(Object.keys(picked).sort()).toEqual(['case', 'flowExpiresAt', 'flowToken', 'maskedId', 'step', dataKey].sort());
    expect(picked).toEqual(snapshot);
    expect(JSON.stringify(picked)).not.toMatch(/1712345675|CANARY|canary@gmail|birthDay/);
  });

  it.each(snapshots)('parseResumable accepts a good %s snapshot as it is', (_step, snapshot) => {
    expect(parseResumable(JSON.parse(JSON.stringify(snapshot)), FIXTURE_NOW_MS)).toEqual(snapshot);
  });

  it('parseResumable strips fields the contract does not name, nested ones too', () => {
    const tampered = {
      ...base,
      ...typed,
      step: 'verification',
      verification: {
        ...verification,
        answers: typed.answers,
        questions: verification.questions.map((q) => ({ ...q, answer: 'CANARY-Quito' })),
      },
    };
    const parsed = parseResumable(tampered, FIXTURE_NOW_MS);
    expect(parsed).toEqual({ ...base, step: 'verification', verification });
    expect(JSON.stringify(parsed)).not.toMatch(/1712345675|CANARY|canary@gmail|birthDay/);
  });

  it.each([
    ['a step that does not resume', { ...base, step: 'new-password' }],
    ['verification without its questions', { ...base, step: 'verification' }],
    ['attempts as text', { ...base, step: 'verification', verification: { ...verification, attemptsLeft: '3' } }],
    [
      'a question without text',
      { ...base, step: 'verification', verification: { ...verification, questions: [{ id: 'q1', kind: 'choice' }] } },
    ],
    ['a bank with min 0', { ...base, step: 'security-questions', securityQuestions: { questions: [], min: 0 } }],
    ['e-mail on record as text', { ...base, step: 'email', email: { onRecord: 'yes' } }],
    ['a short flow token', { ...base, flowToken: 'x', step: 'email', email: { onRecord: false } }],
    ['a foreign case', { ...base, case: 'otro', step: 'email', email: { onRecord: false } }],
    ['an expiry that is not an instant', { ...base, flowExpiresAt: 'mañana', step: 'email', email: { onRecord: false } }],
    ['an expired flow', { ...base, flowExpiresAt: at(-1), step: 'email', email: { onRecord: false } }],
    ['not an object', 'verification'],
    ['null', null],
  ])('parseResumable drops a tampered or stale snapshot: %s', (_name, value) => {
    expect(parseResumable(value, FIXTURE_NOW_MS)).toBeNull();
  });

  it('sessionStorage round-trips a verification snapshot, and a tampered one is dropped by the loader', () => {
    const storage = new MapStorage();
    const store = sessionFlowStore(storage, () => FIXTURE_NOW_MS);
    const [, snapshot] = snapshots[0]!;
    store.save({ ...typed, ...snapshot } as ResumableFlow);
    expect(storage.dump()).not.toMatch(/1712345675|CANARY|canary@gmail|birthDay/);
    expect(parseResumable(store.load(), FIXTURE_NOW_MS)).toEqual(snapshot);
    storage.setItem('iess-clave:flow', JSON.stringify({ ...snapshot, verification: { ...verification, maxAttempts: -1 } }));
    expect(parseResumable(store.load(), FIXTURE_NOW_MS)).toBeNull();
  });
});

describe('widget configuration schema', () => {
  it('accepts an empty config and a full one', () => {
    expect(validateConfig(undefined).ok).toBe(true);
    expect(
      validateConfig({
        apiBase: 'https://clave.iess.gob.ec',
        lang: 'en',
        portalUrl: 'https://www.iess.gob.ec/',
        messages: { 'shell.title': 'X' },
        resume: 'session',
      }).ok,
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
      expect(r.issues.map((i) => `${i.field}:${i.reason}`).sort()).toEqual([
        'apiBase:url',
        'messages:messages',
        'portalUrl:url',
        'resume:shape',
      ]);
    }
  });
  it('a config that is not an object is refused', () => {
    expect(validateConfig('https://x').ok).toBe(false);
  });
});
