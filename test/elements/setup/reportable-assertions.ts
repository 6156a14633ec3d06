/**
 * Loaded by the element tests' page before any test file (web-test-runner.config.mjs).
 *
 * web-test-runner sends a failed assertion's `actual` and `expected` to the runner as they are. A
 * DOM element (say `expect(queryByRole(el, 'button', 'GENERAR')).to.equal(undefined)` failing)
 * does not survive that trip: the page never reports, and the whole file hangs until
 * `testsFinishTimeout` with no word of which test failed (seen 2026-12-03: 69 of 70 tests passed,
 * one failed, and the file was reported as "did not finish" after 30 minutes). Every assertion
 * error leaves with plain values instead: primitives as they are, elements as their tag and
 * text, anything else as JSON or its string.
 */
import * as chai from '@esm-bundle/chai';

const MAX = 500;

/** A value web-test-runner can send: what it would show anyway, without the object graph. */
export function reportable(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Element) {
    const text = (value.textContent ?? '').replace(/\s+/g, ' ').trim();
    return `<${value.localName}> ${text}`.slice(0, MAX);
  }
  if (value instanceof Node) return `${value.nodeName} ${value.textContent ?? ''}`.slice(0, MAX);
  try {
    const json = JSON.stringify(value);
    return json.length > MAX ? `${json.slice(0, MAX)}…` : (JSON.parse(json) as unknown);
  } catch {
    return String(value).slice(0, MAX);
  }
}

const assertion = chai.Assertion.prototype as { assert: (...args: unknown[]) => void };
const assert = assertion.assert;
assertion.assert = function (this: unknown, ...args: unknown[]): void {
  try {
    assert.apply(this, args);
  } catch (error) {
    if (error instanceof chai.AssertionError) {
      const failure = error as { actual?: unknown; expected?: unknown };
      failure.actual = reportable(failure.actual);
      failure.expected = reportable(failure.expected);
    }
    throw error;
  }
};
