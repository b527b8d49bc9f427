import { expect } from 'vitest';
import check from '../../../src/checks/eks/eks-cluster-endpoint-public.js';
import type { Collected, EksClusterEndpoint } from '../../../src/inventory/schema.js';
import { checkTester, failed, ok, slices, TEST_ACCOUNT } from '../../helpers/check-tester.js';

const arnOf = (name: string, region = 'us-east-1') => `arn:aws:eks:${region}:${TEST_ACCOUNT}:cluster/${name}`;

function cluster(name: string, access: Partial<EksClusterEndpoint> | Collected<EksClusterEndpoint>, region = 'us-east-1') {
  const endpoint: Collected<EksClusterEndpoint> =
    'ok' in access
      ? access
      : ok({ arn: arnOf(name, region), version: '1.31', status: 'ACTIVE', endpointPublicAccess: true, endpointPrivateAccess: false, publicAccessCidrs: ['0.0.0.0/0'], ...access });
  return { name, endpoint };
}

function region(name: string, clusters: ReturnType<typeof cluster>[]) {
  return { region: name, result: ok({ clusters }) };
}

const one = (c: ReturnType<typeof cluster>) => slices({ eksClusters: [region('us-east-1', [c])] });

checkTester(check, {
  pass: [
    {
      name: 'a private endpoint',
      expected: [{ status: 'pass', resource: arnOf('prod') }],
      slices: one(cluster('prod', { endpointPublicAccess: false, endpointPrivateAccess: true })),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('no public API endpoint');
        expect(outcomes[0]?.evidence).toMatchObject({ endpointPublicAccess: false, publicAccessCidrs: [] });
      },
    },
    {
      name: 'a public endpoint restricted to an office and a VPN range',
      expected: [{ status: 'pass', resource: arnOf('staging') }],
      slices: one(cluster('staging', { endpointPrivateAccess: true, publicAccessCidrs: ['203.0.113.10/32', '198.51.100.0/24', '2001:db8:1::/48'] })),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('restricted to 203.0.113.10/32, 198.51.100.0/24');
        expect(outcomes[0]?.message).toContain('EKS.1');
        expect(outcomes[0]?.evidence).toMatchObject({ openToInternet: [], broadCidrs: [] });
      },
    },
    {
      name: 'a /8 of internet addresses is narrow enough by the AWS threshold',
      expected: [{ status: 'pass', resource: arnOf('corp') }],
      slices: one(cluster('corp', { publicAccessCidrs: ['52.0.0.0/8'] })),
    },
  ],
  fail: [
    {
      name: 'the default: public and open to 0.0.0.0/0',
      expected: [{ status: 'fail', resource: arnOf('prod') }],
      slices: one(cluster('prod', {})),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('admits every IPv4 internet address');
        expect(outcomes[0]?.evidence).toMatchObject({ openToInternet: ['IPv4'], publicAccessCidrs: ['0.0.0.0/0'] });
      },
    },
    {
      name: 'an answer without endpointPublicAccess or an allowlist takes the AWS defaults (public, 0.0.0.0/0)',
      expected: [{ status: 'fail', resource: arnOf('legacy') }],
      slices: one(cluster('legacy', { endpointPublicAccess: null, endpointPrivateAccess: null, publicAccessCidrs: [] })),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence).toMatchObject({ endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0'] });
      },
    },
    {
      name: 'the internet split in two halves is still the internet',
      expected: [{ status: 'fail', resource: arnOf('split') }],
      slices: one(cluster('split', { publicAccessCidrs: ['0.0.0.0/1', '128.0.0.0/1'] })),
    },
    {
      name: 'every IPv6 internet address on a dual-stack cluster, with IPv4 restricted',
      expected: [{ status: 'fail', resource: arnOf('dual') }],
      slices: one(cluster('dual', { publicAccessCidrs: ['203.0.113.10/32', '::/0'] })),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence).toMatchObject({ openToInternet: ['IPv6'] });
      },
    },
    {
      name: 'a broad block short of the whole internet is a medium finding',
      expected: [{ status: 'fail', resource: arnOf('half'), severity: 'medium' }],
      slices: one(cluster('half', { publicAccessCidrs: ['0.0.0.0/1', '203.0.113.10/32'] })),
      assert: (outcomes) => {
        expect(outcomes[0]?.severityReason).toContain('0.0.0.0/1');
        expect(outcomes[0]?.evidence).toMatchObject({ broadCidrs: ['0.0.0.0/1'] });
      },
    },
  ],
  unknown: [
    {
      name: 'DescribeCluster refused for one cluster, the other judged',
      expected: [
        { status: 'unknown', resource: arnOf('locked') },
        { status: 'pass', resource: arnOf('open-but-private') },
      ],
      slices: slices({
        eksClusters: [
          region('us-east-1', [
            cluster('locked', { ok: false, error: { code: 'AccessDeniedException', message: 'access denied: the scanning identity lacks eks:DescribeCluster', action: 'eks:DescribeCluster' } }),
            cluster('open-but-private', { endpointPublicAccess: false }),
          ]),
        ],
      }),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('eks:DescribeCluster');
        expect(outcomes[0]?.evidence).toMatchObject({ missingAction: 'eks:DescribeCluster' });
      },
    },
    {
      name: 'a region whose ListClusters was refused',
      expected: [
        { status: 'unknown', resource: `arn:aws:iam::${TEST_ACCOUNT}:root`, qualifier: 'region:eu-west-1' },
        { status: 'fail', resource: arnOf('prod') },
      ],
      slices: slices({ eksClusters: [{ region: 'eu-west-1', result: failed('AccessDeniedException', 'eks:ListClusters') }, region('us-east-1', [cluster('prod', {})])] }),
    },
  ],
  notApplicable: [
    {
      name: 'no cluster anywhere',
      expected: [{ status: 'not_applicable', resource: `arn:aws:iam::${TEST_ACCOUNT}:root` }],
      slices: slices({ eksClusters: [region('us-east-1', []), region('eu-west-1', [])] }),
    },
  ],
});
