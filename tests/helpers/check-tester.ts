/**
 * Table-driven tests for one check, in the spirit of ESLint's RuleTester: each case states every
 * outcome it expects, in order (status, resource, qualifier, severity override), and the tester
 * compares them whole, so a fail case cannot pass because *some* outcome failed, nor an extra or
 * missing outcome go unnoticed. Cases sit in `pass`, `fail`, `unknown` and `notApplicable` tables
 * that say what the case is about; the tester rejects empty tables and duplicate cases so a test
 * file cannot quietly stop testing anything.
 */
import { describe, expect, it } from 'vitest';
import type { AnyCheck, CheckOutcome, EvaluationOptions } from '../../src/checks/define.js';
import type { Severity, Status } from '../../src/model.js';
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

/**
 * One outcome as a case expects it. `qualifier` and `severity` are compared too: leaving them out
 * says the outcome has none (no qualifier, the check's own severity).
 */
export interface ExpectedOutcome {
  status: Status;
  resource: string;
  qualifier?: string;
  severity?: Severity;
}

export interface CheckCase {
  name: string;
  slices: Slices;
  options?: Partial<EvaluationOptions>;
  now?: string;
  /** Every outcome the check returns for this input, in order. */
  expected: readonly ExpectedOutcome[];
  /** Extra assertions on the outcomes (messages, evidence). */
  assert?: (outcomes: CheckOutcome[]) => void;
}

export interface CheckCases {
  /** Cases about a good state: at least one pass, nothing failing. */
  pass: CheckCase[];
  /** Cases about a bad state: at least one fail. */
  fail: CheckCase[];
  /** Cases about missing data: at least one unknown. */
  unknown: CheckCase[];
  /** Nothing to judge: only `not_applicable`. */
  notApplicable?: CheckCase[];
}

export function runCase(check: AnyCheck, testCase: Pick<CheckCase, 'slices' | 'options' | 'now'> & { name?: string }): CheckOutcome[] {
  return evaluateCheck(check, testCase.slices, {
    now: new Date(testCase.now ?? TEST_NOW),
    accountId: TEST_ACCOUNT,
    partition: 'aws',
    options: { ...DEFAULT_EVALUATION_OPTIONS, ...testCase.options },
  });
}

/** An outcome reduced to what a case states about it. */
export function asExpected(outcome: CheckOutcome): ExpectedOutcome {
  const expected: ExpectedOutcome = { status: outcome.status, resource: outcome.resource };
  if (outcome.qualifier !== undefined) expected.qualifier = outcome.qualifier;
  if (outcome.severity !== undefined) expected.severity = outcome.severity;
  return expected;
}

const GROUPS = {
  pass: (statuses: readonly Status[]) => statuses.includes('pass') && statuses.every((status) => status === 'pass' || status === 'not_applicable'),
  fail: (statuses: readonly Status[]) => statuses.includes('fail'),
  unknown: (statuses: readonly Status[]) => statuses.includes('unknown'),
  notApplicable: (statuses: readonly Status[]) => statuses.every((status) => status === 'not_applicable'),
} as const;

export function checkTester(check: AnyCheck, cases: CheckCases): void {
  describe(`check ${check.id}`, () => {
    const notApplicable = cases.notApplicable ?? [];
    it('has non-empty, distinct test tables whose cases say what they expect', () => {
      for (const group of ['fail', 'unknown'] as const) {
        expect(cases[group].length, `${group} table must not be empty`).toBeGreaterThan(0);
      }
      // A check whose collector lists only offending resources (public AMIs) has no pass: its good
      // state is "nothing to judge", so it must show that instead.
      expect(cases.pass.length + notApplicable.length, 'pass and not_applicable tables must not both be empty').toBeGreaterThan(0);
      const all = [...cases.pass, ...cases.fail, ...cases.unknown, ...notApplicable];
      const names = all.map((c) => c.name);
      expect(new Set(names).size, 'case names must be unique').toBe(names.length);
      const inputs = all.map((c) => JSON.stringify([c.slices, c.options ?? {}, c.now ?? TEST_NOW]));
      expect(new Set(inputs).size, 'two cases have identical input').toBe(inputs.length);
      for (const group of ['pass', 'fail', 'unknown', 'notApplicable'] as const) {
        for (const testCase of group === 'notApplicable' ? notApplicable : cases[group]) {
          expect(testCase.expected.length, `${testCase.name}: a check always returns an outcome`).toBeGreaterThan(0);
          expect(GROUPS[group](testCase.expected.map((outcome) => outcome.status)), `${testCase.name} does not belong in the ${group} table`).toBe(true);
        }
      }
    });

    const groups = [
      ['pass', cases.pass],
      ['fail', cases.fail],
      ['unknown', cases.unknown],
      ['not_applicable', notApplicable],
    ] as const;
    for (const [label, table] of groups) {
      for (const testCase of table) {
        it(`${label}: ${testCase.name}`, () => {
          const outcomes = runCase(check, testCase);
          expect(outcomes.map(asExpected)).toEqual(testCase.expected);
          for (const outcome of outcomes) {
            expect(outcome.message.length, `${outcome.resource}: every outcome says why`).toBeGreaterThan(0);
            expect(outcome.region.length, `${outcome.resource}: every outcome names a region`).toBeGreaterThan(0);
          }
          testCase.assert?.(outcomes);
        });
      }
    }
  });
}
