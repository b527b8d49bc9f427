import { expect } from 'vitest';
import check from '../../../src/checks/s3/s3-bucket-destruction-protection.js';
import type { BucketRecovery, LifecycleRule } from '../../../src/inventory/schema.js';
import { checkTester, failed, ok, slices } from '../../helpers/check-tester.js';

const arn = (name: string) => `arn:aws:s3:::${name}`;

function rule(noncurrentDays: number | null, extra: Partial<LifecycleRule> = {}): LifecycleRule {
  return { id: 'expire-old-versions', enabled: true, noncurrentDays, newerNoncurrentVersions: null, prefix: null, filtered: false, ...extra };
}

function bucket(name: string, parts: Partial<Omit<BucketRecovery, 'name' | 'arn'>> = {}): BucketRecovery {
  return {
    name,
    arn: arn(name),
    region: 'eu-west-1',
    versioning: ok({ status: 'Enabled', mfaDelete: 'Disabled' }),
    objectLock: ok({ enabled: false, defaultRetention: null }),
    lifecycle: ok({ rules: [] }),
    ...parts,
  };
}

const unversioned = (name: string): BucketRecovery => bucket(name, { versioning: ok({ status: null, mfaDelete: null }), objectLock: null, lifecycle: null });
const recovery = (...buckets: BucketRecovery[]) => slices({ s3BucketRecovery: { buckets } });

checkTester(check, {
  pass: [
    {
      name: 'versioned, no lifecycle: passes with the note that versions stay deletable',
      expected: [{ status: 'pass', resource: arn('ledger') }],
      slices: recovery(bucket('ledger')),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('s3:DeleteObjectVersion');
        expect(outcomes[0]?.evidence).toMatchObject({ protection: 'versioning', versioning: 'Enabled', mfaDelete: 'Disabled', objectLockEnabled: false });
        expect(outcomes[0]?.region).toBe('eu-west-1');
      },
    },
    {
      name: 'versioned with MFA delete (no lifecycle read: MFA delete excludes lifecycle rules)',
      expected: [{ status: 'pass', resource: arn('vault') }],
      slices: recovery(bucket('vault', { versioning: ok({ status: 'Enabled', mfaDelete: 'Enabled' }), lifecycle: null })),
      assert: (outcomes) => expect(outcomes[0]?.evidence).toMatchObject({ protection: 'mfa-delete' }),
    },
    {
      name: 'Object Lock with a compliance default retention',
      expected: [{ status: 'pass', resource: arn('archive') }],
      slices: recovery(bucket('archive', { objectLock: ok({ enabled: true, defaultRetention: { mode: 'COMPLIANCE', days: null, years: 7 } }), lifecycle: null })),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('default COMPLIANCE retention of 7 years');
        expect(outcomes[0]?.evidence).toMatchObject({ protection: 'object-lock-default-retention', objectLockMode: 'COMPLIANCE' });
      },
    },
    {
      name: 'Object Lock in governance mode passes and says it can be bypassed',
      expected: [{ status: 'pass', resource: arn('backups') }],
      slices: recovery(bucket('backups', { objectLock: ok({ enabled: true, defaultRetention: { mode: 'GOVERNANCE', days: 30, years: null } }), lifecycle: null })),
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('s3:BypassGovernanceRetention'),
    },
    {
      name: 'noncurrent versions kept 90 days, and a fast rule that is disabled',
      expected: [{ status: 'pass', resource: arn('docs') }],
      slices: recovery(bucket('docs', { lifecycle: ok({ rules: [rule(90), rule(1, { id: 'old', enabled: false })] }) })),
    },
    {
      name: 'a rule that only expires current versions or aborts uploads keeps the old versions',
      expected: [{ status: 'pass', resource: arn('uploads') }],
      slices: recovery(bucket('uploads', { lifecycle: ok({ rules: [rule(null, { id: 'abort-multipart' })] }) })),
    },
  ],
  notApplicable: [
    {
      name: 'no bucket',
      expected: [{ status: 'not_applicable', resource: 'arn:aws:iam::123456789012:root' }],
      slices: recovery(),
    },
  ],
  fail: [
    {
      name: 'versioning never enabled, next to a versioned bucket',
      expected: [
        { status: 'fail', resource: arn('exports') },
        { status: 'pass', resource: arn('ledger') },
      ],
      slices: recovery(unversioned('exports'), bucket('ledger')),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toBe('Bucket exports has versioning never enabled and no Object Lock: whoever may write to it can delete or overwrite its objects for good.');
        expect(outcomes[0]?.evidence).toMatchObject({ versioning: null, objectLockEnabled: null });
      },
    },
    {
      name: 'versioning suspended (MFA delete still set does not help: new writes replace the null version)',
      expected: [{ status: 'fail', resource: arn('reports') }],
      slices: recovery(bucket('reports', { versioning: ok({ status: 'Suspended', mfaDelete: 'Enabled' }), objectLock: null, lifecycle: null })),
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('versioning suspended'),
    },
    {
      name: 'versioned, but a rule deletes noncurrent versions after 7 days (the ransomware timer)',
      expected: [{ status: 'fail', resource: arn('media') }],
      slices: recovery(bucket('media', { lifecycle: ok({ rules: [rule(60, { id: 'slow' }), rule(7, { id: 'fast', newerNoncurrentVersions: 2, prefix: 'uploads/', filtered: true })] }) })),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('lifecycle rule fast permanently deletes noncurrent versions after 7 days, keeping only the 2 newest');
        expect(outcomes[0]?.message).toContain('prefix uploads/');
        expect(outcomes[0]?.evidence).toMatchObject({ lifecycleRule: 'fast', noncurrentDays: 7, minimumNoncurrentDays: 30, ruleFiltered: true });
      },
    },
    {
      name: 'Object Lock without a default retention does not hold versions the lifecycle expires',
      expected: [{ status: 'fail', resource: arn('locked-no-default') }],
      slices: recovery(bucket('locked-no-default', { objectLock: ok({ enabled: true, defaultRetention: null }), lifecycle: ok({ rules: [rule(1)] }) })),
      assert: (outcomes) => expect(outcomes[0]?.evidence).toMatchObject({ objectLockEnabled: true, objectLockMode: null }),
    },
  ],
  unknown: [
    {
      name: 'versioning refused',
      expected: [{ status: 'unknown', resource: arn('secret-bucket') }],
      slices: recovery(bucket('secret-bucket', { versioning: failed('AccessDenied', 's3:GetBucketVersioning'), objectLock: null, lifecycle: null })),
      assert: (outcomes) => expect(outcomes[0]?.evidence).toMatchObject({ missingAction: 's3:GetBucketVersioning' }),
    },
    {
      name: 'versioned, lifecycle refused',
      expected: [{ status: 'unknown', resource: arn('media') }],
      slices: recovery(bucket('media', { lifecycle: failed('AccessDenied', 's3:GetLifecycleConfiguration') })),
      assert: (outcomes) => expect(outcomes[0]?.evidence).toMatchObject({ missingAction: 's3:GetLifecycleConfiguration' }),
    },
    {
      name: 'versioned with a fast rule, Object Lock throttled',
      expected: [{ status: 'unknown', resource: arn('media') }],
      slices: recovery(bucket('media', { objectLock: failed('SlowDown', 's3:GetBucketObjectLockConfiguration', 'throttled'), lifecycle: ok({ rules: [rule(3)] }) })),
      assert: (outcomes) => expect(outcomes[0]?.evidence).toMatchObject({ missingAction: 's3:GetBucketObjectLockConfiguration' }),
    },
    { name: 'slice not collected', expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }], slices: {} },
  ],
});
