/**
 * Issue 15: the shell's problem sentences and end-state titles come with the later Spanish
 * (widget/i18n/es-later.ts), which the flow controller loads before it feeds in an answer. When that
 * load failed (a dropped connection), the refusal still reaches the first step or an end state;
 * the person then reads the connection problem, never a key, and the live region says nothing
 * rather than a key. This file never loads the later strings.
 */
import { describe, expect, it } from 'vitest';
import { initialState } from '../../widget/flow/machine.ts';
import type { FlowState } from '../../widget/flow/types.ts';
import { es } from '../../widget/i18n/es.ts';
import { Localizer } from '../../widget/i18n/localize.ts';
import { problemText, stepTitle } from '../../widget/shell/shell-words.ts';

const t = new Localizer();
const NETWORK = es['shell.problem.network'];

describe('what the shell says when the later Spanish could not load', () => {
  it('any problem is said as the connection problem (its sentence is in the first load)', () => {
    expect(Object.hasOwn(es, 'shell.problem.server'), 'the later strings are not loaded here').toBe(false);
    expect(NETWORK).toMatch(/^No hay conexión con el IESS/);
    for (const problem of [
      { kind: 'server' },
      { kind: 'rate-limited', retryAfter: 60 },
      { kind: 'verification-failed', attemptsLeft: 2 },
    ] as const)
      expect(problemText(t, problem, initialState, 0), problem.kind).toBe(NETWORK);
  });

  it('an end state is announced with nothing rather than its key', () => {
    const error = { ...initialState, step: 'error', problem: { kind: 'server' } } as FlowState;
    expect(stepTitle(t, error, 'error')).toBe('');
  });

  it('once the later Spanish is there, each problem and title has its own words', async () => {
    await import('../../widget/i18n/es-later.ts');
    expect(problemText(t, { kind: 'server' }, initialState, 0)).toBe(es['shell.problem.server']);
    expect(problemText(t, { kind: 'server' }, initialState, 0)).not.toBe(NETWORK);
    const error = { ...initialState, step: 'error', problem: { kind: 'server' } } as FlowState;
    expect(stepTitle(t, error, 'error')).toBe('No pudimos continuar');
  });
});
