import { expect } from 'vitest';
import check from '../../../src/checks/cloudtrail/cloudtrail-multi-region-logging.js';
import type { CloudTrail, TrailEventSelectors } from '../../../src/inventory/schema.js';
import { checkTester, failed, ok, slices } from '../../helpers/check-tester.js';

const ACCOUNT_ARN = 'arn:aws:iam::123456789012:root';
const MANAGEMENT = 'arn:aws:cloudtrail:us-east-1:999988887777:trail/org-audit';

const arn = (name: string, region = 'us-east-1') => `arn:aws:cloudtrail:${region}:123456789012:trail/${name}`;
const logging = ok({ isLogging: true, startLoggingTime: '2025-01-01T00:00:00.000Z', stopLoggingTime: null, latestDeliveryTime: '2026-05-31T23:00:00.000Z', latestDeliveryError: null });
const stopped = ok({ isLogging: false, startLoggingTime: '2025-01-01T00:00:00.000Z', stopLoggingTime: '2026-04-20T08:00:00.000Z', latestDeliveryTime: '2026-04-20T07:55:00.000Z', latestDeliveryError: null });

const basic = (readWriteType: string | null, includeManagementEvents: boolean | null = true, excludeManagementEventSources: string[] = []): TrailEventSelectors => ({
  basic: [{ readWriteType, includeManagementEvents, excludeManagementEventSources }],
  advanced: [],
});

function field(name: string, operators: Partial<Record<'equals' | 'notEquals' | 'startsWith' | 'notStartsWith' | 'endsWith' | 'notEndsWith', string[]>>) {
  return { field: name, equals: [], notEquals: [], startsWith: [], notStartsWith: [], endsWith: [], notEndsWith: [], ...operators };
}

const advanced = (...fieldSets: ReturnType<typeof field>[][]): TrailEventSelectors => ({
  basic: [],
  advanced: fieldSets.map((fieldSelectors, index) => ({ name: `selector ${index + 1}`, fieldSelectors })),
});
const management = field('eventCategory', { equals: ['Management'] });

function trail(name: string, overrides: Partial<CloudTrail> = {}): CloudTrail {
  return {
    name,
    arn: arn(name, overrides.homeRegion),
    homeRegion: 'us-east-1',
    isMultiRegion: true,
    isOrganizationTrail: false,
    includeGlobalServiceEvents: true,
    logFileValidation: true,
    hasCustomEventSelectors: true,
    status: logging,
    eventSelectors: ok(basic('All')),
    ...overrides,
  };
}

const trails = (...list: CloudTrail[]) => slices({ cloudTrailTrails: { describedIn: 'us-east-1', trails: list } });

checkTester(check, {
  pass: [
    {
      name: 'a multi-region trail logging all management events with validation',
      expected: [{ status: 'pass', resource: arn('audit') }],
      slices: trails(trail('audit')),
      assert: (outcomes) => {
        expect(outcomes[0]?.region).toBe('global');
        expect(outcomes[0]?.evidence.multiRegionTrails).toEqual(['audit (us-east-1): logging read and write management events, log file validation on']);
      },
    },
    {
      name: 'advanced selectors: management events with no readOnly condition are read and write',
      expected: [{ status: 'pass', resource: arn('audit') }],
      slices: trails(trail('audit', { eventSelectors: ok(advanced([management])) })),
    },
    {
      name: 'advanced selectors: one read-only and one write-only selector together cover both',
      expected: [{ status: 'pass', resource: arn('audit') }],
      slices: trails(
        trail('audit', {
          eventSelectors: ok(advanced([management, field('readOnly', { equals: ['true'] })], [management, field('readOnly', { equals: ['false'] })])),
        }),
      ),
    },
    {
      name: 'basic selectors with AWS defaults left out (ReadWriteType and IncludeManagementEvents) are read and write',
      expected: [{ status: 'pass', resource: arn('audit') }],
      slices: trails(trail('audit', { eventSelectors: ok(basic(null, null)) })),
    },
    {
      name: 'no selectors returned for a trail without custom selectors (moto) is the AWS default',
      expected: [{ status: 'pass', resource: arn('audit') }],
      slices: trails(trail('audit', { hasCustomEventSelectors: false, eventSelectors: ok({ basic: [], advanced: [] }) })),
    },
    {
      name: "the organization's trail, seen from a member account with default selectors it may not read",
      expected: [{ status: 'pass', resource: MANAGEMENT }],
      slices: trails(
        trail('org-audit', {
          arn: MANAGEMENT,
          isOrganizationTrail: true,
          hasCustomEventSelectors: false,
          eventSelectors: failed('TrailNotFoundException', 'cloudtrail:GetEventSelectors', 'Unknown trail'),
        }),
      ),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toMatch(/^Organization trail org-audit/);
        expect(outcomes[0]?.evidence.multiRegionTrails).toEqual([
          'org-audit (us-east-1, organization trail of 999988887777): logging read and write management events (default selectors), log file validation on',
        ]);
      },
    },
    {
      name: 'the last S3 delivery error is shown in the evidence, not judged',
      expected: [{ status: 'pass', resource: arn('audit') }],
      slices: trails(trail('audit', { status: ok({ isLogging: true, startLoggingTime: null, stopLoggingTime: null, latestDeliveryTime: null, latestDeliveryError: 'NoSuchBucket' }) })),
      assert: (outcomes) => expect(String(outcomes[0]?.evidence.multiRegionTrails)).toContain('last delivery error: NoSuchBucket'),
    },
    {
      name: 'a good trail next to a stopped one and a single-region one: the good one wins',
      expected: [{ status: 'pass', resource: arn('good', 'eu-west-1') }],
      slices: trails(
        trail('stopped', { status: stopped }),
        trail('good', { homeRegion: 'eu-west-1' }),
        trail('local', { isMultiRegion: false, status: null, eventSelectors: null }),
      ),
      assert: (outcomes) => expect(outcomes[0]?.evidence.singleRegionTrails).toEqual(['local (us-east-1)']),
    },
  ],
  fail: [
    {
      name: 'no trail at all',
      expected: [{ status: 'fail', resource: ACCOUNT_ARN }],
      slices: trails(),
      assert: (outcomes) => expect(outcomes[0]?.message).toMatch(/^The account has no CloudTrail trail\./),
    },
    {
      name: 'only single-region trails',
      expected: [{ status: 'fail', resource: ACCOUNT_ARN }],
      slices: trails(trail('local', { isMultiRegion: false, status: null, eventSelectors: null })),
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('only single-region trails (local (us-east-1))'),
    },
    {
      name: 'the multi-region trail was stopped (StopLogging)',
      expected: [{ status: 'fail', resource: ACCOUNT_ARN }],
      slices: trails(trail('audit', { status: stopped })),
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('audit (us-east-1): is not logging (stopped since 2026-04-20)'),
    },
    {
      name: 'a stopped trail fails even when its selectors cannot be read',
      expected: [{ status: 'fail', resource: ACCOUNT_ARN }],
      slices: trails(trail('audit', { status: stopped, eventSelectors: failed('AccessDeniedException', 'cloudtrail:GetEventSelectors') })),
    },
    {
      name: 'a write-only trail misses every read, and the message says why',
      expected: [{ status: 'fail', resource: ACCOUNT_ARN }],
      slices: trails(trail('audit', { eventSelectors: ok(basic('WriteOnly')) })),
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('records only write management events: reads (reconnaissance, GetSecretValue, ListBuckets) leave no record'),
    },
    {
      name: 'advanced selectors with readOnly=false are write-only',
      expected: [{ status: 'fail', resource: ACCOUNT_ARN }],
      slices: trails(trail('audit', { eventSelectors: ok(advanced([management, field('readOnly', { equals: ['false'] })])) })),
    },
    {
      name: 'a read-only trail misses every change',
      expected: [{ status: 'fail', resource: ACCOUNT_ARN }],
      slices: trails(trail('audit', { eventSelectors: ok(advanced([management, field('readOnly', { notEquals: ['false'] })])) })),
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('records only read management events'),
    },
    {
      name: 'a trail for data events only (IncludeManagementEvents false)',
      expected: [{ status: 'fail', resource: ACCOUNT_ARN }],
      slices: trails(trail('data', { eventSelectors: ok(basic('All', false)) })),
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('records no management events'),
    },
    {
      name: 'advanced selectors for S3 data events only',
      expected: [{ status: 'fail', resource: ACCOUNT_ARN }],
      slices: trails(trail('data', { eventSelectors: ok(advanced([field('eventCategory', { equals: ['Data'] }), field('resources.type', { equals: ['AWS::S3::Object'] })])) })),
    },
    {
      name: 'a management selector narrowed by eventName is not counted, and says so',
      expected: [{ status: 'fail', resource: ACCOUNT_ARN }],
      slices: trails(trail('audit', { eventSelectors: ok(advanced([management, field('eventName', { equals: ['ConsoleLogin'] })])) })),
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('selector "selector 1" narrows management events by eventName'),
    },
    {
      name: 'a custom-selector trail that returns no selectors records nothing',
      expected: [{ status: 'fail', resource: ACCOUNT_ARN }],
      slices: trails(trail('audit', { hasCustomEventSelectors: true, eventSelectors: ok({ basic: [], advanced: [] }) })),
    },
    {
      name: 'excluded KMS events fail at medium severity (CloudTrail.1 requires no exclusions)',
      expected: [{ status: 'fail', resource: arn('audit'), severity: 'medium' }],
      slices: trails(trail('audit', { eventSelectors: ok(basic('All', true, ['kms.amazonaws.com'])) })),
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('except those from kms.amazonaws.com'),
    },
    {
      name: 'advanced eventSource NotEquals is an exclusion too',
      expected: [{ status: 'fail', resource: arn('audit'), severity: 'medium' }],
      slices: trails(trail('audit', { eventSelectors: ok(advanced([management, field('eventSource', { notEquals: ['rdsdata.amazonaws.com'] })])) })),
    },
    {
      name: 'a qualifying trail without log file validation fails at medium severity',
      expected: [{ status: 'fail', resource: arn('audit'), severity: 'medium' }],
      slices: trails(trail('audit', { logFileValidation: false })),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('log file validation is off');
        expect(outcomes[0]?.severityReason).toBe('logging works; only the tamper evidence of delivered files is missing');
      },
    },
  ],
  unknown: [
    {
      name: 'the only multi-region trail is an organization trail this member may not read',
      expected: [{ status: 'unknown', resource: ACCOUNT_ARN }],
      slices: trails(
        trail('org-audit', {
          arn: MANAGEMENT,
          isOrganizationTrail: true,
          status: failed('CloudTrailARNInvalidException', 'cloudtrail:GetTrailStatus', 'AccountID in ARN is wrong'),
          eventSelectors: failed('CloudTrailARNInvalidException', 'cloudtrail:GetEventSelectors', 'AccountID in ARN is wrong'),
        }),
      ),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('scan the management account');
        expect(outcomes[0]?.evidence).toMatchObject({ missingAction: 'cloudtrail:GetTrailStatus', errorCode: 'CloudTrailARNInvalidException' });
      },
    },
    {
      name: 'status denied for an own trail: unknown, naming the action',
      expected: [{ status: 'unknown', resource: ACCOUNT_ARN }],
      slices: trails(trail('audit', { status: failed('AccessDeniedException', 'cloudtrail:GetTrailStatus', 'access denied: the scanning identity lacks cloudtrail:GetTrailStatus') })),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('cloudtrail:GetTrailStatus');
        expect(outcomes[0]?.message).not.toContain('management account');
      },
    },
    {
      name: 'custom selectors that cannot be read leave the verdict open',
      expected: [{ status: 'unknown', resource: ACCOUNT_ARN }],
      slices: trails(trail('audit', { eventSelectors: failed('ThrottlingException', 'cloudtrail:GetEventSelectors', 'throttled') }), trail('old', { status: stopped })),
      assert: (outcomes) => expect(outcomes[0]?.evidence.missingAction).toBe('cloudtrail:GetEventSelectors'),
    },
    {
      name: 'a multi-region trail whose selectors were never read (a hand-made snapshot) is unknown, not a failure',
      expected: [{ status: 'unknown', resource: ACCOUNT_ARN }],
      slices: trails(trail('audit', { eventSelectors: null })),
      assert: (outcomes) => expect(outcomes[0]?.evidence.missingAction).toBe('cloudtrail:GetEventSelectors'),
    },
    { name: 'slice not collected', expected: [{ status: 'unknown', resource: ACCOUNT_ARN }], slices: {} },
  ],
});
