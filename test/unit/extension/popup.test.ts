import { describe, expect, it } from 'vitest';
import { createExtensionFlowStore, FLOW_KEY } from '../../../src/platform/flow-store.ts';
import { watchActivation } from '../../../src/popup/activation-watcher.ts';
import { badgeReporter, followWizard, openWebLinksInTabs, takeEndedFlow } from '../../../src/popup/popup-controller.ts';
import { ENDED_KEY } from '../../../src/shared/flow-end.ts';
import type { RecoveryApi } from '../../../widget/api/recovery-api.ts';
import type { ResumableFlow } from '../../../widget/flow/types.ts';
import type { BackgroundMessage } from '../../../src/shared/messages.ts';
import { fixtures } from '../../fixtures/api/index.ts';
import { sendActivation, resendActivation, getFlowStatus } from '../../fixtures/api/activation.ts';
import { FakeArea } from './fakes.ts';

const NOW = Date.parse('2026-11-22T10:00:00.000Z');
const flow: ResumableFlow = {
  step: 'activation-sent',
  flowToken: 'Zm9vYmFyLWZsb3ctdG9rZW4tZm9yLXRlc3RzLW9ubHk',
  flowExpiresAt: '2026-11-22T10:15:00.000Z',
  case: 'recuperar',
  maskedId: '******5675',
  activation: sendActivation.onRecord.activation,
};

describe('flow store over storage.session (EX-03, CS-07)', () => {
  it('round-trips the resumable flow', async () => {
    const store = createExtensionFlowStore(new FakeArea(), () => NOW);
    await store.save(flow);
    expect(await store.load()).toEqual(flow);
  });

  it('writes only the allowed fields, whatever the object carries', async () => {
    const area = new FakeArea();
    const canaries = {
      cedula: 'CANARY-1712345675',
      email: 'canary@example.ec',
      password: 'CANARY-pw',
      activationToken: 'CANARY-token',
      birthDay: 17,
    };
    await createExtensionFlowStore(area, () => NOW).save({ ...flow, ...canaries } as ResumableFlow);
    const dump = area.dump();
    for (const value of Object.values(canaries)) expect(dump).not.toContain(String(value));
    expect(Object.keys(area.data.get(FLOW_KEY) as object).sort()).toEqual([
      'activation',
      'case',
      'flowExpiresAt',
      'flowToken',
      'maskedId',
      'step',
    ]);
  });

  it('drops an expired flow', async () => {
    const area = new FakeArea();
    await createExtensionFlowStore(area, () => NOW).save(flow);
    expect(await createExtensionFlowStore(area, () => Date.parse(flow.flowExpiresAt)).load()).toBeNull();
    expect(area.data.size).toBe(0);
  });

  it.each([
    ['another step', { ...flow, step: 'declaration' }],
    ['verification without its questions', { ...flow, step: 'verification' }],
    [
      'verification with a tampered question',
      { ...flow, step: 'verification', verification: { ...fixtures.startFlow.recuperar.verification, questions: [{ id: 7 }] } },
    ],
    ['security questions without a min', { ...flow, step: 'security-questions', securityQuestions: { questions: [] } }],
    ['email with a bad mask', { ...flow, step: 'email', email: { onRecord: true, masked: 5 } }],
    ['no token', { ...flow, flowToken: 7 }],
    ['bad case', { ...flow, case: 'otro' }],
    ['bad activation', { ...flow, activation: { subject: 'x' } }],
    ['not an object', 'flow'],
  ])('drops a malformed value: %s', async (_name, value) => {
    const area = new FakeArea();
    await area.set({ [FLOW_KEY]: value });
    expect(await createExtensionFlowStore(area, () => NOW).load()).toBeNull();
    expect(area.data.size).toBe(0);
  });

  it.each([
    ['verification', { verification: fixtures.startFlow.recuperar.verification }],
    ['security-questions', { securityQuestions: fixtures.verify.generar.securityQuestions }],
    ['email', { email: fixtures.verify.recuperar.email }],
  ])('round-trips a %s snapshot with only the server data for it (CS-07)', async (step, data) => {
    const area = new FakeArea();
    const { activation: _activation, ...rest } = flow as ResumableFlow & { activation?: unknown };
    const snapshot = { ...rest, step, ...data } as ResumableFlow;
    const canaries = {
      cedula: 'CANARY-1712345675',
      address: 'canary@example.ec',
      answers: ['CANARY-Quito'],
      birthDay: 17,
      activationToken: 'CANARY-token',
    };
    await createExtensionFlowStore(area, () => NOW).save({ ...snapshot, ...canaries } as ResumableFlow);
    expect(area.dump()).not.toMatch(/CANARY|canary@example|birthDay/);
    expect(await createExtensionFlowStore(area, () => NOW).load()).toEqual(snapshot);
  });

  it('clear removes it', async () => {
    const area = new FakeArea();
    const store = createExtensionFlowStore(area, () => NOW);
    await store.save(flow);
    await store.clear();
    expect(area.data.size).toBe(0);
  });
});

describe('activation watcher around the RecoveryApi', () => {
  function fakeApi(): RecoveryApi {
    const api = {} as Record<string, unknown>;
    for (const op of Object.keys(fixtures)) api[op] = async () => (fixtures as Record<string, Record<string, unknown>>)[op]!['default'];
    return {
      ...(api as unknown as RecoveryApi),
      sendActivation: async () => sendActivation.onRecord,
      resendActivation: async () => resendActivation.default,
      getFlowStatus: async () => getFlowStatus.activationSent,
    };
  }

  it('reports the window from send, resend and status, with the server clock', async () => {
    const seen: string[] = [];
    const api = watchActivation(fakeApi(), {
      started: (expiresAt, serverNow) => seen.push(`started ${expiresAt} ${serverNow}`),
      ended: () => seen.push('ended'),
    });
    const options = { flowToken: 'x'.repeat(43) };
    expect(await api.sendActivation({ mode: 'on-record' }, options)).toBe(sendActivation.onRecord);
    await api.resendActivation(options);
    await api.getFlowStatus(options);
    expect(seen).toEqual([
      `started ${sendActivation.onRecord.activation.expiresAt} ${sendActivation.onRecord.now}`,
      `started ${resendActivation.default.activation.expiresAt} ${resendActivation.default.now}`,
      `started ${getFlowStatus.activationSent.activation.expiresAt} ${getFlowStatus.activationSent.now}`,
    ]);
  });

  it('reports the end when the status says completed, and passes errors through untouched', async () => {
    const seen: string[] = [];
    const base = fakeApi();
    const failure = new Error('network');
    const api = watchActivation(
      { ...base, getFlowStatus: async () => getFlowStatus.completed, sendActivation: () => Promise.reject(failure) },
      { started: () => seen.push('started'), ended: () => seen.push('ended') },
    );
    await api.getFlowStatus({ flowToken: 'x'.repeat(43) });
    await expect(api.sendActivation({ mode: 'on-record' }, { flowToken: 'x'.repeat(43) })).rejects.toBe(failure);
    expect(seen).toEqual(['ended']);
  });
});

describe('popup ↔ background', () => {
  it('sends only timing and the end, never personal data', async () => {
    const sent: BackgroundMessage[] = [];
    const reporter = badgeReporter(async (m) => void sent.push(m));
    const wizard = new EventTarget();
    followWizard(wizard, reporter);
    reporter.started('2026-11-22T10:03:00.000Z', '2026-11-22T10:00:00.000Z');
    wizard.dispatchEvent(Object.assign(new Event('iess-step-change'), { step: 'new-password', previous: 'declaration' }));
    wizard.dispatchEvent(Object.assign(new Event('iess-step-change'), { step: 'done', previous: 'activation-sent' }));
    wizard.dispatchEvent(new Event('iess-cancel'));
    wizard.dispatchEvent(new Event('iess-complete'));
    expect(sent).toEqual([
      { type: 'activation-window', expiresAt: '2026-11-22T10:03:00.000Z', serverNow: '2026-11-22T10:00:00.000Z' },
      { type: 'flow-ended' },
      { type: 'flow-ended' },
      { type: 'flow-ended' },
    ]);
  });

  it('a missing background worker does not break the popup', async () => {
    const reporter = badgeReporter(() => Promise.reject(new Error('Receiving end does not exist')));
    expect(() => reporter.ended()).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
});

describe('popup reopened after the flow ended elsewhere (issue 10 §8)', () => {
  it('opens on the end state once: the outcome is taken out of storage.session', async () => {
    const area = new FakeArea();
    await area.set({ [ENDED_KEY]: { outcome: 'completed' } });
    expect(await takeEndedFlow(area)).toBe('completed');
    expect(area.data.size).toBe(0);
    expect(await takeEndedFlow(area)).toBeUndefined();
  });

  it('a damaged outcome is removed and not shown', async () => {
    const area = new FakeArea();
    await area.set({ [ENDED_KEY]: { outcome: '<img>' } });
    expect(await takeEndedFlow(area)).toBeUndefined();
    expect(area.data.size).toBe(0);
  });
});

describe('web links in the popup open in a tab (FINALIZAR, "Ingresar al portal del IESS")', () => {
  /** A click as the browser delivers it to the popup's page: its path runs through the wizard's shadow roots. */
  function click(
    href: string | undefined,
    init: { button?: number; prevented?: boolean; ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean } = {},
  ): Event {
    const event = new Event('click', { cancelable: true, bubbles: true });
    const anchor = href === undefined ? { localName: 'button' } : { localName: 'a', href };
    Object.assign(event, {
      button: init.button ?? 0,
      ctrlKey: init.ctrlKey ?? false,
      metaKey: init.metaKey ?? false,
      shiftKey: init.shiftKey ?? false,
      altKey: false,
      composedPath: () => [{ localName: 'span' }, anchor, { localName: 'iess-paso-final' }],
    });
    if (init.prevented) event.preventDefault();
    return event;
  }

  function popup() {
    const page = new EventTarget();
    const opened: string[] = [];
    const background: string[] = [];
    let closed = 0;
    openWebLinksInTabs(
      page,
      async (url, active) => void (active ? opened : background).push(url),
      () => void closed++,
    );
    return { page, opened, background, closed: () => closed };
  }

  it("Ctrl- or ⌘-click opens the link in a tab behind, and the popup stays (the person asked to stay); Shift-click is the browser's (a new window)", async () => {
    const { page, opened, background, closed } = popup();
    const ctrl = click('https://www.iess.gob.ec/', { ctrlKey: true });
    const meta = click('https://www.iess.gob.ec/servicios', { metaKey: true });
    const shift = click('https://www.iess.gob.ec/', { shiftKey: true });
    for (const event of [ctrl, meta, shift]) page.dispatchEvent(event);
    expect([ctrl, meta, shift].map((e) => e.defaultPrevented)).toEqual([true, true, false]);
    await expect.poll(() => background.length).toBe(2);
    expect(background).toEqual(['https://www.iess.gob.ec/', 'https://www.iess.gob.ec/servicios']);
    expect(opened).toEqual([]);
    expect(closed()).toBe(0);
  });

  it('an https link inside the wizard opens a tab at its address and the popup closes, instead of the page loading in the popup', async () => {
    const { page, opened, closed } = popup();
    const event = click('https://www.iess.gob.ec/');
    page.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    await expect.poll(closed).toBe(1);
    expect(opened).toEqual(['https://www.iess.gob.ec/']);
  });

  it('leaves other clicks alone: buttons, mailto: and tel:, other mouse buttons, a click already handled', async () => {
    const { page, opened, closed } = popup();
    const events = [
      click(undefined),
      click('mailto:servicios@iess.gob.ec'),
      click('tel:1800100000'),
      click('https://www.iess.gob.ec/', { button: 1 }),
      click('https://www.iess.gob.ec/', { prevented: true }),
    ];
    for (const event of events) page.dispatchEvent(event);
    expect(events.slice(0, 4).map((e) => e.defaultPrevented)).toEqual([false, false, false, false]);
    await Promise.resolve();
    expect(opened).toEqual([]);
    expect(closed()).toBe(0);
  });
});
