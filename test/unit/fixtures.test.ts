// Every canned response must parse with the contract; a fixture that drifts fails here.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  HealthResponse,
  operations,
  Problem,
  PROBLEM_KINDS,
  PROBLEM_STATUS,
  problemType,
  type OperationId,
} from '../../widget/api/contract.ts';
import { CAPTCHA_SOLUTIONS, fixtures, healthFixtures, problemsByKind, problemVariants } from '../fixtures/api/index.ts';

describe('API fixtures match the contract', () => {
  const opIds = Object.keys(operations) as OperationId[];

  it('has at least one fixture for every operation of the contract', () => {
    for (const id of opIds) expect(Object.keys(fixtures[id]).length, id).toBeGreaterThan(0);
  });

  for (const id of opIds) {
    for (const [name, value] of Object.entries(fixtures[id])) {
      it(`${id}.${name} parses with the ${id} response schema`, () => {
        const parsed = operations[id].response['~standard'].validate(value);
        if (parsed instanceof Promise) throw new Error('schemas are synchronous');
        expect(parsed.issues, JSON.stringify(parsed.issues)).toBeUndefined();
      });
    }
  }

  for (const [name, value] of Object.entries(healthFixtures)) {
    it(`health.${name} parses`, () => expect(HealthResponse.safeParse(value).success).toBe(true));
  }

  it('has one problem document for every problem kind, with its type URN and status', () => {
    expect(Object.keys(problemsByKind).sort()).toEqual([...PROBLEM_KINDS].sort());
    for (const kind of PROBLEM_KINDS) {
      const doc = problemsByKind[kind];
      expect(Problem.safeParse(doc).success, kind).toBe(true);
      expect(doc.type).toBe(problemType(kind));
      expect(doc.status).toBe(PROBLEM_STATUS[kind]);
    }
  });

  for (const [name, value] of Object.entries(problemVariants)) {
    it(`problem variant ${name} parses`, () => expect(Problem.safeParse(value).success).toBe(true));
  }

  it('captcha fixtures are real, solvable challenges', () => {
    for (const key of ['default', 'easy'] as const) {
      const { challenge } = fixtures.getCaptchaChallenge[key];
      const n = CAPTCHA_SOLUTIONS[key];
      expect(n).toBeLessThanOrEqual(challenge.maxnumber);
      expect(
        createHash('sha256')
          .update(challenge.salt + n)
          .digest('hex'),
      ).toBe(challenge.challenge);
    }
  });

  it('a drifted fixture is caught (the check can fail)', () => {
    const drifted = structuredClone(fixtures.startFlow.recuperar) as Record<string, unknown>;
    delete drifted['flowToken'];
    expect(operations.startFlow.response['~standard'].validate(drifted)).toHaveProperty('issues');
  });
});
