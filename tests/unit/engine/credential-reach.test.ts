import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { demoInventory } from '../../../src/demo/inventory.js';
import { REACH_SLICES, slicesWithReach, summarizeReach } from '../../../src/engine/credential-reach.js';
import { reportSchema } from '../../../src/report/schema.js';
import { demoReport, failing, GOLDEN_VERSION, reportOf } from '../../helpers/demo-report.js';

const ACCOUNT = '444455556666';

describe('credential findings carry their reach', () => {
  const report = demoReport();

  it('a leaked-key user: the buckets it reads by name, sensitive-looking first', () => {
    const [result] = failing(report, 'iam-access-key-unused').filter((r) => r.resource.endsWith('user/analytics-svc'));
    expect(result?.reach?.principal).toBe(`arn:aws:iam::${ACCOUNT}:user/analytics-svc`);
    expect(result?.reach?.stores.filter((store) => store.access.includes('read')).map((store) => store.name).slice(0, 2)).toEqual(['pinecone-crm-exports', 'pinecone-ledger-exports']);
    expect(result?.reach?.summary).toMatch(/^reads 4 of 6 buckets \(among them `pinecone-crm-exports`, `pinecone-ledger-exports`/);
  });

  it('an instance: the reach of its instance profile role, with the profile as via', () => {
    const [result] = failing(report, 'ec2-instance-role-overprivileged').filter((r) => r.resource.endsWith('i-0demobuildrunner1'));
    expect(result?.reach).toMatchObject({
      principal: `arn:aws:iam::${ACCOUNT}:role/build-runner-role`,
      principalKind: 'role',
      via: `arn:aws:iam::${ACCOUNT}:instance-profile/build-runner`,
      admin: { direct: false, pathIds: ['passrole-ec2'] },
    });
    expect(result?.reach?.summary).toContain('can become admin via `passrole-ec2`');
  });

  it('the root user reaches everything, said plainly', () => {
    const [result] = failing(report, 'iam-root-access-keys');
    expect(result?.reach?.principalKind).toBe('root');
    expect(result?.reach?.summary).toMatch(/^the root user reaches everything/);
  });

  it('only failing results of checks that report reach carry it, and the report stays valid', () => {
    for (const result of report.results) {
      const check = ALL_CHECKS.find((candidate) => candidate.id === result.checkId);
      if (result.reach !== undefined) expect({ id: result.checkId, status: result.status, reports: check?.reportsReach !== undefined }).toEqual({ id: result.checkId, status: 'fail', reports: true });
    }
    expect(report.results.some((result) => result.reach !== undefined)).toBe(true);
    expect(reportSchema.safeParse(report).success).toBe(true);
  });

  it('without S3 the verdicts do not change; the reach says "at least"', () => {
    const inventory = demoInventory(GOLDEN_VERSION);
    delete inventory.slices.s3Buckets;
    const without = reportOf(inventory);
    const verdicts = (r: typeof report, id: string): string[] => r.results.filter((result) => result.checkId === id).map((result) => `${result.resource} ${result.status}`);
    for (const id of ['iam-user-keys-privileged', 'ec2-instance-role-overprivileged', 'iam-access-key-unused']) expect(verdicts(without, id)).toEqual(verdicts(report, id));
    const [result] = failing(without, 'iam-user-keys-privileged');
    expect(result?.reach?.atLeast).toContain('S3 buckets were not collected');
    expect(result?.reach?.counts.map((entry) => entry.kind)).toEqual(['ebs-snapshot', 'rds-snapshot']);
  });
});

describe('the reach slices', () => {
  it('are collected when a selected check reports reach, and only then', () => {
    const keys = ALL_CHECKS.filter((check) => check.id === 'iam-access-key-rotation');
    expect(slicesWithReach(keys)).toEqual(['credentialReport', ...REACH_SLICES]);
    const s3 = ALL_CHECKS.filter((check) => check.id === 's3-bucket-public-write');
    expect(slicesWithReach(s3)).toEqual(s3.flatMap((check) => check.needs));
    // The root user reaches everything: no slice is needed to say so.
    const root = ALL_CHECKS.filter((check) => check.id === 'iam-root-mfa');
    expect(slicesWithReach(root)).toEqual(['accountSummary']);
  });
});

describe('summarizeReach', () => {
  it('says nothing it does not know and names the gaps', () => {
    expect(
      summarizeReach({
        principal: 'arn:aws:iam::123456789012:user/x',
        principalKind: 'user',
        counts: [{ kind: 's3-bucket', known: 1000, reached: 0, byAccess: {} }],
        stores: [],
        admin: null,
        assumableRoles: ['arn:aws:iam::123456789012:role/a'],
        chainedRoles: ['arn:aws:iam::123456789012:role/b'],
        passableRoles: [],
        atLeast: ['EBS snapshots were not collected'],
        atMost: [],
      }),
    ).toBe('reaches none of the 1,000 buckets; can assume 1 role (1 more through chains); at least: EBS snapshots were not collected');
  });
});
