/**
 * Teaching output (explain, the HTML report) tells how an attacker uses each finding. Every
 * registered check must say so in at least three concrete steps.
 */
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';

describe('attack steps', () => {
  it.each(ALL_CHECKS.map((check) => [check.id, check] as const))('%s has at least three distinct, written-out attack steps', (_id, check) => {
    const steps = check.attackSteps;
    expect(steps.length).toBeGreaterThanOrEqual(3);
    expect(new Set(steps).size).toBe(steps.length);
    for (const step of steps) {
      expect(step.trim().length, step).toBeGreaterThan(30);
      expect(step, 'one step per entry, no line breaks').not.toMatch(/\n/);
    }
  });

  it('gives Terraform snippets that name real resource types', () => {
    for (const check of ALL_CHECKS) {
      const terraform = check.remediation.terraform;
      if (terraform === undefined) continue;
      expect(terraform, check.id).toMatch(/^(#.*\n)*resource "aws_[a-z0-9_]+" "[a-z0-9_]+" \{/);
    }
  });
});
