import { expect } from 'vitest';
import check from '../../../src/checks/ec2/ec2-ami-public.js';
import type { CollectError, PublicImage } from '../../../src/inventory/schema.js';
import { checkTester, failed, ok, slices } from '../../helpers/check-tester.js';

function image(id: string, fields: Partial<PublicImage> = {}): PublicImage {
  return {
    id,
    arn: `arn:aws:ec2:us-east-1::image/${id}`,
    ownerId: '123456789012',
    name: `image-${id}`,
    state: 'available',
    creationDate: '2025-01-01T00:00:00.000Z',
    snapshotIds: [`snap-${id}`],
    ...fields,
  };
}

type BlockPublicAccess = { ok: true; data: { state: 'block-new-sharing' | 'unblocked' } } | { ok: false; error: CollectError };

const NOT_IMPLEMENTED: BlockPublicAccess = {
  ok: false,
  error: {
    code: 'NotImplemented',
    message: 'ec2:GetImageBlockPublicAccessState is not implemented by this endpoint',
    action: 'ec2:GetImageBlockPublicAccessState',
  },
};

function region(name: string, images: PublicImage[], blockPublicAccess: BlockPublicAccess = ok({ state: 'unblocked' as const })) {
  return { region: name, result: ok({ images, blockPublicAccess }) };
}

checkTester(check, {
  // No AMI of the account is public: the collector lists only public ones, so there is nothing to judge.
  pass: [],
  notApplicable: [
    {
      name: 'no public AMI in the region, image Block Public Access on',
      expected: [{ status: 'not_applicable', resource: 'arn:aws:iam::123456789012:root' }],
      slices: slices({ ec2PublicImages: [region('us-east-1', [], ok({ state: 'block-new-sharing' as const }))] }),
      assert: (outcomes) => {
        expect(outcomes).toEqual([expect.objectContaining({ resource: 'arn:aws:iam::123456789012:root', region: 'global', evidence: { regionsScanned: 1 } })]);
      },
    },
    {
      name: 'no public AMI; image Block Public Access unreadable does not make the verdict unknown',
      expected: [{ status: 'not_applicable', resource: 'arn:aws:iam::123456789012:root' }],
      slices: slices({ ec2PublicImages: [region('eu-west-1', [], NOT_IMPLEMENTED)] }),
    },
    {
      name: 'no region was scanned',
      expected: [{ status: 'not_applicable', resource: 'arn:aws:iam::123456789012:root' }],
      slices: slices({ ec2PublicImages: [] }),
      assert: (outcomes) => expect(outcomes).toEqual([expect.objectContaining({ resource: 'arn:aws:iam::123456789012:root', evidence: { regionsScanned: 0 } })]),
    },
  ],
  fail: [
    {
      name: 'a public AMI with Block Public Access off',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1::image/ami-1' }],
      slices: slices({ ec2PublicImages: [region('us-east-1', [image('ami-1')])] }),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]).toMatchObject({ status: 'fail', resource: 'arn:aws:ec2:us-east-1::image/ami-1', region: 'us-east-1' });
        expect(outcomes[0]?.evidence).toMatchObject({ imageId: 'ami-1', snapshotIds: ['snap-ami-1'], imageBlockPublicAccessState: 'unblocked' });
        expect(outcomes[0]?.message).toContain('any AWS account can launch or copy it and read its disk (snap-ami-1)');
        expect(outcomes[0]?.message).toContain('Image Block Public Access is off in us-east-1');
      },
    },
    {
      name: 'block-new-sharing leaves an existing public AMI public',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1::image/ami-2' }],
      slices: slices({ ec2PublicImages: [region('us-east-1', [image('ami-2', { name: null, snapshotIds: [] })], ok({ state: 'block-new-sharing' as const }))] }),
      assert: (outcomes) => {
        expect(outcomes[0]?.status).toBe('fail');
        expect(outcomes[0]?.message).toBe(
          'AMI ami-2 is public: any AWS account can launch or copy it. Image Block Public Access in us-east-1 is block-new-sharing, which refuses new public shares but leaves this existing one public.',
        );
      },
    },
    {
      name: 'public AMIs in one region, none in another, Block Public Access unreadable (moto)',
      expected: [
        { status: 'fail', resource: 'arn:aws:ec2:us-east-1::image/ami-3' },
        { status: 'fail', resource: 'arn:aws:ec2:us-east-1::image/ami-4' },
      ],
      slices: slices({ ec2PublicImages: [region('us-east-1', [image('ami-3'), image('ami-4')], NOT_IMPLEMENTED), region('eu-west-1', [])] }),
      assert: (outcomes) => {
        expect(outcomes.map((outcome) => [outcome.region, outcome.status])).toEqual([
          ['us-east-1', 'fail'],
          ['us-east-1', 'fail'],
        ]);
        expect(outcomes[0]?.message).toContain('could not be read (ec2:GetImageBlockPublicAccessState is not implemented by this endpoint)');
        expect(outcomes[0]?.evidence['imageBlockPublicAccessState']).toBeNull();
      },
    },
  ],
  unknown: [
    {
      name: 'the region\'s images could not be listed',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root', qualifier: 'region:us-east-1' }],
      slices: slices({ ec2PublicImages: [{ region: 'us-east-1', result: failed('UnauthorizedOperation', 'ec2:DescribeImages') }] }),
      assert: (outcomes) => {
        expect(outcomes[0]).toMatchObject({ status: 'unknown', resource: 'arn:aws:iam::123456789012:root', qualifier: 'region:us-east-1' });
        expect(outcomes[0]?.evidence['missingAction']).toBe('ec2:DescribeImages');
      },
    },
    {
      name: 'the slice was not collected at all',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }],
      slices: {},
    },
    {
      name: 'one region unreadable next to a clean one: only the unreadable one is reported',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root', qualifier: 'region:eu-west-1' }],
      slices: slices({ ec2PublicImages: [{ region: 'eu-west-1', result: failed('RequestLimitExceeded', 'ec2:DescribeImages') }, region('us-east-1', [])] }),
      assert: (outcomes) => expect(outcomes.map((outcome) => [outcome.region, outcome.status])).toEqual([['eu-west-1', 'unknown']]),
    },
  ],
});

