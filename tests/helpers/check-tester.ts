/**
 * Table-driven tests for one check, in the spirit of ESLint's RuleTester: each check file gets
 * `pass`, `fail` and `unknown` tables, and the tester itself rejects empty tables and duplicate
 * cases so a test file cannot quietly stop testing anything.
 */
import { describe, expect, it } from 'vitest';
import type { AnyCheck, CheckOutcome, EvaluationOptions } from '../../src/checks/define.js';
import { DEFAULT_EVALUATION_OPTIONS } from '../../src/checks/define.js';
import { evaluateCheck } from '../../src/engine/evaluate.js';
import type { Collected, CollectError, SliceData, Slices } from '../../src/inventory/schema.js';
import { daysBefore } from '../../src/time.js';

export const TEST_ACCOUNT = '123456789012';
export const TEST_NOW = '2026-06-01T00:00:00.000Z';

export function ok<T>(data: T): Collected<T> {
  return { ok: true, data };
}

export function failed(code = 'AccessDenied', action?: string, message = 'User is not authorized to perform this action'): { ok: false; error: CollectError } {
  return { ok: false, error: action === undefined ? { code, message } : { code, message, action } };
}

/** Wraps raw slice data as successfully collected slices. */
export function slices(data: Partial<SliceData>): Slices {
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(data)) result[name] = ok(value);
  return result;
}

/** An ISO timestamp `days` days before TEST_NOW. */
export function daysAgo(days: number, now = TEST_NOW): string {
  return daysBefore(now, days);
}

export interface CheckCase {
  name: string;
  slices: Slices;
  options?: Partial<EvaluationOptions>;
  now?: string;
  /** Extra assertions on the outcomes. */
  assert?: (outcomes: CheckOutcome[]) => void;
}

export interface CheckCases {
  pass: CheckCase[];
  fail: CheckCase[];
  unknown: CheckCase[];
  /** Nothing to judge: every outcome is `not_applicable`. */
  notApplicable?: CheckCase[];
}

export function runCase(check: AnyCheck, testCase: CheckCase): CheckOutcome[] {
  return evaluateCheck(check, testCase.slices, {
    now: new Date(testCase.now ?? TEST_NOW),
    accountId: TEST_ACCOUNT,
    partition: 'aws',
    options: { ...DEFAULT_EVALUATION_OPTIONS, ...testCase.options },
  });
}

export function checkTester(check: AnyCheck, cases: CheckCases): void {
  describe(`check ${check.id}`, () => {
    it('has non-empty, distinct test tables', () => {
      for (const group of ['fail', 'unknown'] as const) {
        expect(cases[group].length, `${group} table must not be empty`).toBeGreaterThan(0);
      }
      // A check whose collector lists only offending resources (public AMIs) has no pass: its good
      // state is "nothing to judge", so it must show that instead.
      expect(cases.pass.length + (cases.notApplicable ?? []).length, 'pass and not_applicable tables must not both be empty').toBeGreaterThan(0);
      const all = [...cases.pass, ...cases.fail, ...cases.unknown, ...(cases.notApplicable ?? [])];
      const names = all.map((c) => c.name);
      expect(new Set(names).size, 'case names must be unique').toBe(names.length);
      const inputs = all.map((c) => JSON.stringify([c.slices, c.options ?? {}, c.now ?? TEST_NOW]));
      expect(new Set(inputs).size, 'two cases have identical input').toBe(inputs.length);
    });

    for (const testCase of cases.pass) {
      it(`pass: ${testCase.name}`, () => {
        const outcomes = runCase(check, testCase);
        expect(outcomes.length).toBeGreaterThan(0);
        for (const outcome of outcomes) {
          expect(['pass', 'not_applicable'], outcome.message).toContain(outcome.status);
        }
        expect(outcomes.some((o) => o.status === 'pass')).toBe(true);
        testCase.assert?.(outcomes);
      });
    }

    for (const testCase of cases.fail) {
      it(`fail: ${testCase.name}`, () => {
        const outcomes = runCase(check, testCase);
        expect(outcomes.some((o) => o.status === 'fail')).toBe(true);
        for (const outcome of outcomes.filter((o) => o.status === 'fail')) {
          expect(outcome.message.length).toBeGreaterThan(0);
          expect(outcome.resource.length).toBeGreaterThan(0);
        }
        testCase.assert?.(outcomes);
      });
    }

    for (const testCase of cases.unknown) {
      it(`unknown: ${testCase.name}`, () => {
        const outcomes = runCase(check, testCase);
        const unknown = outcomes.filter((o) => o.status === 'unknown');
        expect(unknown.length).toBeGreaterThan(0);
        for (const outcome of unknown) expect(outcome.message.length).toBeGreaterThan(0);
        testCase.assert?.(outcomes);
      });
    }

    for (const testCase of cases.notApplicable ?? []) {
      it(`not_applicable: ${testCase.name}`, () => {
        const outcomes = runCase(check, testCase);
        expect(outcomes.length).toBeGreaterThan(0);
        for (const outcome of outcomes) expect(outcome.status, outcome.message).toBe('not_applicable');
        testCase.assert?.(outcomes);
      });
    }
  });
}
