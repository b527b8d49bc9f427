/**
 * collectInventory with AWS mocked. `--region` names are checked against DescribeRegions before anything regional is read: unknown
 * names stop the scan, regions the account has not opted in to are skipped with a warning, and a
 * refused DescribeRegions leaves the names as given (with a warning).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeRegionsCommand, EC2Client, GetSnapshotBlockPublicAccessStateCommand } from '@aws-sdk/client-ec2';
import { IAMClient, ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient, S3ControlServiceException } from '@aws-sdk/client-s3-control';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { checkRequestedRegions, type DescribedRegion } from '../../../src/collect/ec2.js';
import { collectInventory, NoEnabledRegionError, UnknownRegionError, type CollectOptions } from '../../../src/collect/index.js';
import { sliceLabel } from '../../../src/cli/progress.js';
import { SLICE_NAMES, SLICES, type SliceName } from '../../../src/inventory/schema.js';
import { ec2Error } from '../../helpers/collect-context.js';

const DESCRIBED: DescribedRegion[] = [
  { name: 'af-south-1', optInStatus: 'not-opted-in' },
  { name: 'eu-south-1', optInStatus: 'opted-in' },
  { name: 'eu-west-1', optInStatus: 'opt-in-not-required' },
  { name: 'us-east-1', optInStatus: 'opt-in-not-required' },
  { name: 'us-west-2', optInStatus: null },
];

describe('checkRequestedRegions', () => {
  it.each([
    ['enabled regions, whatever their opt-in kind', ['us-east-1', 'eu-south-1', 'us-west-2'], { regions: ['us-east-1', 'eu-south-1', 'us-west-2'], unknown: [], notOptedIn: [] }],
    ['a typo', ['us-east-9', 'us-east-1'], { regions: ['us-east-1'], unknown: ['us-east-9'], notOptedIn: [] }],
    ['a region the account has not opted in to', ['af-south-1', 'eu-west-1'], { regions: ['eu-west-1'], unknown: [], notOptedIn: ['af-south-1'] }],
    ['another partition\'s region (not listed for this one)', ['cn-north-1'], { regions: [], unknown: ['cn-north-1'], notOptedIn: [] }],
  ])('%s', (_label, requested, expected) => {
    expect(checkRequestedRegions(requested, DESCRIBED)).toEqual(expected);
  });
});

describe('collectInventory with explicit --region names', () => {
  const sts = mockClient(STSClient);
  const iam = mockClient(IAMClient);
  const ec2 = mockClient(EC2Client);
  let warnings: string[];
  let progressLines: string[];

  function options(regions: readonly string[], slices: readonly SliceName[] = ['ebsSnapshotBlockPublicAccess']): CollectOptions {
    return {
      regions,
      homeRegion: 'us-east-1',
      s3PathStyle: false,
      concurrency: 4,
      maxAttempts: 1,
      slices,
      toolVersion: 'test',
      progress: (message) => progressLines.push(message),
      warn: (message) => warnings.push(message),
      credentials: { accessKeyId: 'unit-test', secretAccessKey: 'unit-test' },
    };
  }

  beforeEach(() => {
    warnings = [];
    progressLines = [];
    sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/scanner', UserId: 'AIDASCANNER' });
    iam.on(ListAccountAliasesCommand).resolves({ AccountAliases: [] });
    // What moto and AWS answer with AllRegions: other partitions may be listed too.
    ec2.on(DescribeRegionsCommand).resolves({
      Regions: [
        { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'us-east-2', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'af-south-1', OptInStatus: 'not-opted-in' },
        { RegionName: 'cn-north-1', OptInStatus: 'opt-in-not-required' },
      ],
    });
    ec2.on(GetSnapshotBlockPublicAccessStateCommand).resolves({ State: 'block-all-sharing' });
  });

  afterEach(() => {
    sts.reset();
    iam.reset();
    ec2.reset();
  });

  it('stops on a name DescribeRegions does not list, before any regional read', async () => {
    const error = await collectInventory(options(['us-east-1', 'us-east-9'])).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UnknownRegionError);
    expect(error).toMatchObject({ unknown: ['us-east-9'], partition: 'aws', known: ['af-south-1', 'eu-west-1', 'us-east-1', 'us-east-2'] });
    expect(ec2.commandCalls(GetSnapshotBlockPublicAccessStateCommand)).toHaveLength(0);
  });

  it('treats a region of another partition as unknown', async () => {
    await expect(collectInventory(options(['cn-north-1']))).rejects.toMatchObject({ name: 'UnknownRegionError', unknown: ['cn-north-1'] });
  });

  it('skips a not-opted-in region with one warning and scans the others', async () => {
    const inventory = await collectInventory(options(['af-south-1', 'eu-west-1']));

    expect(inventory.regions).toEqual(['eu-west-1']);
    expect(warnings).toEqual(['region af-south-1 is not enabled for account 123456789012 (not-opted-in); skipping it']);
    expect(ec2.commandCalls(GetSnapshotBlockPublicAccessStateCommand)).toHaveLength(1);
  });

  it('refuses a scan whose every requested region is not opted in', async () => {
    const error = await collectInventory(options(['af-south-1'])).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NoEnabledRegionError);
    expect(error).toMatchObject({ skipped: ['af-south-1'] });
    expect(warnings).toEqual([]);
  });

  it('scans the names as given, with one warning, when DescribeRegions is refused', async () => {
    ec2.on(DescribeRegionsCommand).rejects(ec2Error('UnauthorizedOperation', 403));

    const inventory = await collectInventory(options(['eu-west-1', 'us-east-9']));

    expect(inventory.regions).toEqual(['eu-west-1', 'us-east-9']);
    expect(warnings).toEqual([
      'could not check the --region names (access denied: the scanning identity lacks ec2:DescribeRegions); scanning eu-west-1, us-east-9 as given',
    ]);
  });

  it('does not ask DescribeRegions when no selected check reads a regional slice', async () => {
    const inventory = await collectInventory(options(['us-east-9'], []));

    expect(ec2.commandCalls(DescribeRegionsCommand)).toHaveLength(0);
    // Recorded as given, as before: nothing is read there.
    expect(inventory.regions).toEqual(['us-east-9']);
    expect(warnings).toEqual([]);
  });

  it('names each slice in its progress line with the label it is given, and by its name without one', async () => {
    await collectInventory({ ...options(['eu-west-1']), sliceLabel: sliceLabel });
    expect(progressLines).toContain('EBS snapshot Block Public Access: done');

    progressLines = [];
    await collectInventory(options(['eu-west-1']));
    expect(progressLines).toContain('ebsSnapshotBlockPublicAccess: done');
  });

  it('says why a slice failed next to its label', async () => {
    const s3Control = mockClient(S3ControlClient);
    // S3 Control refusing with a bare HTTP 403: no error code in the body.
    s3Control.on(GetAccountPublicAccessBlockCommand).rejects(
      new S3ControlServiceException({ name: '403', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'UnknownError' }),
    );
    try {
      await collectInventory({ ...options([], ['s3AccountPublicAccessBlock']), sliceLabel });
    } finally {
      s3Control.restore();
    }

    expect(progressLines).toContain('S3 account Block Public Access: failed (access denied: the scanning identity lacks s3:GetAccountPublicAccessBlock)');
  });
});

describe('slice labels (SLICES[name].label)', () => {
  it('gives every slice its own label, in words rather than the slice name', () => {
    const labels = SLICE_NAMES.map((name) => SLICES[name].label);
    expect(new Set(labels).size).toBe(SLICE_NAMES.length);
    for (const name of SLICE_NAMES) {
      expect(SLICES[name].label).not.toBe(name);
      expect(SLICES[name].label).toMatch(/^[A-Z][A-Za-z0-9 ,()]+$/);
    }
  });
});
