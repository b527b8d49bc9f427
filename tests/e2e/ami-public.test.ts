/**
 * AMIs the account made public (the Mitiga case: images shared with everyone to carry disks out)
 * next to a private AMI of the same account and another account's public AMI, which is not this
 * account's to fix. moto does not implement GetImageBlockPublicAccessState: that part is unknown,
 * with the reason, and the public-AMI verdict stands on DescribeImages alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/schema.js';
import { callsOf, e2eServer, findResult, HOME_REGION, reportOf, resultsFor, Scenario, SECOND_REGION } from './harness.js';
import { createImage } from './provision-hosts.js';

const server = e2eServer();
const CHECK = 'ec2-ami-public';

describe.skipIf(!server.available)('EC2: AMIs made public', () => {
  let scenario: Scenario;
  let other: Scenario;
  let report: Report;
  const images = { public: '', private: '', foreign: '' };

  beforeAll(async () => {
    [scenario, other] = await Promise.all([Scenario.create(server.endpoint, 'ami-public'), Scenario.create(server.endpoint, 'ami-public-other')]);
    const ec2 = scenario.ec2(HOME_REGION);
    [images.public, images.private, images.foreign] = await Promise.all([
      createImage(ec2, 'build-agent-golden', 'public'),
      createImage(ec2, 'build-agent-private', 'private'),
      createImage(other.ec2(HOME_REGION), 'someone-elses-community-image', 'public'),
    ]);
    report = reportOf(await scenario.scan(['--region', `${HOME_REGION},${SECOND_REGION}`, '--checks', CHECK]));
  });
  afterAll(() => {
    scenario?.destroy();
    other?.destroy();
  });

  it('fails the account\'s public AMI, naming its snapshot, with Block Public Access unknown and the reason', () => {
    const result = findResult(report, CHECK, `arn:aws:ec2:${HOME_REGION}::image/${images.public}`);
    expect(result.status).toBe('fail');
    expect(result.severity).toBe('critical');
    expect(result.evidence).toMatchObject({ imageId: images.public, imageName: 'build-agent-golden', imageBlockPublicAccessState: null, imageBlockPublicAccessAction: 'ec2:GetImageBlockPublicAccessState' });
    expect(result.evidence['imageBlockPublicAccessUnknown']).toMatch(/GetImageBlockPublicAccessState/);
    expect(result.evidence['snapshotIds']).toEqual([expect.stringMatching(/^snap-/)]);
    expect(result.message).toContain('could not be read');
  });

  it('reports neither the private AMI nor another account\'s public one', () => {
    const resources = resultsFor(report, CHECK).map((result) => result.resource);
    expect(resources.filter((resource) => resource.includes(images.private) || resource.includes(images.foreign))).toEqual([]);
    expect(resultsFor(report, CHECK).filter((result) => result.status === 'fail')).toHaveLength(1);
  });

  it('says nothing about the region without public AMIs, even though its Block Public Access cannot be read', () => {
    expect(resultsFor(report, CHECK).filter((result) => result.region === SECOND_REGION)).toEqual([]);
  });

  it('lists images once per region and asks each region for its Block Public Access once, answered at once', () => {
    expect(callsOf(report, 'ec2', 'DescribeImages')).toBe(2);
    expect(callsOf(report, 'ec2', 'GetImageBlockPublicAccessState')).toBe(2);
    const stat = report.stats.calls.find((call) => call.operation === 'GetImageBlockPublicAccessState');
    expect(stat?.throttled).toBe(0);
  });
});
