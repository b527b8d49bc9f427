/**
 * Reports of schema version 1 (before typed incident links) and 2 (before pattern matches) still
 * serve as baselines: fingerprints did not change.
 */
import { describe, expect, it } from 'vitest';
import { parseBaseline } from '../../../src/baseline/index.js';

describe('baseline schema versions', () => {
  it('reads a version 1 report, whose incident matches used exact/cause/related', () => {
    const v1 = {
      schemaVersion: 1,
      collectedAt: '2026-01-01T00:00:00.000Z',
      results: [
        {
          checkId: 'iam-root-access-keys',
          status: 'fail',
          severity: 'critical',
          resource: 'arn:aws:iam::111111111111:root',
          fingerprint: '0123456789abcdef0123456789abcdef',
          incidents: [{ id: 'chegg-2018-04', match: 'exact', reason: 'Exact precondition.' }],
        },
      ],
    };
    const baseline = parseBaseline(JSON.stringify(v1), 'v1.json');
    expect(baseline.schemaVersion).toBe(1);
    expect(baseline.results.map((r) => r.fingerprint)).toEqual(['0123456789abcdef0123456789abcdef']);
  });

  it('reads a version 2 report, whose incident matches had no pattern kind', () => {
    const v2 = {
      schemaVersion: 2,
      collectedAt: '2026-01-01T00:00:00.000Z',
      results: [
        {
          checkId: 'iam-root-access-keys',
          status: 'fail',
          severity: 'critical',
          resource: 'arn:aws:iam::111111111111:root',
          fingerprint: 'fedcba9876543210fedcba9876543210',
          incidents: [{ id: 'chegg-2018-04', match: 'precondition', reason: 'The write-up says so.', source: 'https://example.com' }],
        },
      ],
    };
    const baseline = parseBaseline(JSON.stringify(v2), 'v2.json');
    expect(baseline.schemaVersion).toBe(2);
    expect(baseline.results.map((r) => r.fingerprint)).toEqual(['fedcba9876543210fedcba9876543210']);
  });
});
