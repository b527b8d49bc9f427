import { defineCheck } from '../define.js';
import { forEachRegion } from '../outcomes.js';
import { INSTANCE_LISTING, isLive } from '../instances.js';
import type { CheckOutcome } from '../define.js';
import type { Instance } from '../../inventory/schema.js';

export default defineCheck({
  id: 'ec2-imdsv1-enabled',
  title: 'EC2 instances require IMDSv2',
  service: 'ec2',
  severity: 'medium',
  rootCauses: ['imds-ssrf'],
  needs: ['ec2Instances'],
  reportsReach: 'computed',
  description:
    'Fails for each EC2 instance (not terminated or shutting down) whose instance metadata service is enabled and does not require session tokens (HttpTokens is not "required"), so IMDSv1 answers plain GET requests.',
  rationale:
    'With IMDSv1 a single server-side request forgery (a proxy, a WAF, an image fetcher, a PDF renderer) can GET http://169.254.169.254/latest/meta-data/iam/security-credentials/ and walk away with the instance role\'s temporary keys, then use them from anywhere. That is how Capital One lost 100 million credit applications, Unit 42 describes the same path in a 2023 case, and AWS names it as one possible way into an S3 ransomware event. IMDSv2 needs a PUT with a token header first, which SSRF primitives almost never can send. A hop limit above 1 also lets containers on the host reach the credentials.',
  remediation: {
    summary:
      'Require IMDSv2 on every instance (after checking the MetadataNoToken metric shows no IMDSv1 callers), keep the hop limit at 1 unless containers need it, and make IMDSv2 the default for new launches.',
    console: [
      'Open the EC2 console, choose "Instances" and select the instance.',
      'Choose Actions > "Instance settings" > "Modify instance metadata options".',
      'Keep "Instance metadata service" enabled (or disable it if unused), set "IMDSv2" to "Required" and save.',
    ],
    cli: 'aws ec2 modify-instance-metadata-options --instance-id INSTANCE_ID --http-tokens required --http-endpoint enabled',
    terraform: [
      'resource "aws_instance" "example" {',
      '  # ...',
      '  metadata_options {',
      '    http_tokens                 = "required"',
      '    http_put_response_hop_limit = 1',
      '  }',
      '}',
    ].join('\n'),
    docs: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html',
  },
  attackSteps: [
    'Find a server-side request forgery in anything running on the instance: a URL preview, an image fetcher, a PDF renderer, a reverse proxy or WAF.',
    'Make the server GET http://169.254.169.254/latest/meta-data/iam/security-credentials/ to learn the role name, then GET that path for its keys: IMDSv1 needs no token.',
    'Use the stolen AccessKeyId, SecretAccessKey and Token from the attacker\'s own machine until they expire, and fetch fresh ones through the same SSRF.',
    'Do whatever the instance role may do: read buckets, decrypt secrets, launch miners, as at Capital One.',
  ],
  frameworks: {
    'cis-aws-3.0': ['5.6'],
    'cis-aws-5.0': ['5.7'],
    'aws-security-hub': ['EC2.8'],
  },
  incidents: [
    {
      incident: 'capital-one-2019-04',
      kind: 'precondition',
      why: 'The CSA analysis says the SSRF made the server request the role\'s credentials from the instance metadata service, which then answered plain GET requests (IMDSv1).',
      source: 'https://cloudsecurityalliance.org/blog/2019/08/09/a-technical-analysis-of-the-capital-one-cloud-misconfiguration-breach',
    },
    {
      incident: 'unit-42-ssrf-2023-04',
      kind: 'precondition',
      why: 'Unit 42 reports an SSRF through a known CVE against an instance that still answered IMDSv1, which handed over the role\'s credentials.',
      source: 'https://www.paloaltonetworks.com/content/dam/pan/en_US/assets/pdf/reports/unit42-cloud-threat-report-volume7.pdf',
    },
    {
      incident: 'aws-2023-02',
      kind: 'related',
      why: 'AWS names SSRF as one of two possible ways in for an S3 ransomware case without saying which metadata service version answered it.',
      source: 'https://aws.amazon.com/blogs/security/anatomy-of-a-ransomware-event-targeting-data-in-amazon-s3/',
    },
  ],
  evaluate({ data, accountId, partition }) {
    return forEachRegion({ partition, accountId }, data.ec2Instances, {
      ...INSTANCE_LISTING,
      judge: ({ instances }, region) => instances.filter(isLive).map((instance) => judgeInstance(instance, region)),
    });
  },
});

function judgeInstance(instance: Instance, region: string): CheckOutcome {
  const { httpTokens, httpEndpoint, httpPutResponseHopLimit } = instance.metadataOptions;
  const evidence = {
    instanceId: instance.id,
    instanceName: instance.name,
    state: instance.state,
    httpTokens,
    httpEndpoint,
    // A missing HttpEndpoint (moto drops it after a modification) means the AWS default: enabled.
    metadataServiceEnabled: httpEndpoint !== 'disabled',
    httpPutResponseHopLimit,
    containersCanReachCredentials: httpPutResponseHopLimit !== null && httpPutResponseHopLimit > 1,
    instanceProfileArn: instance.instanceProfileArn,
    publicIp: instance.publicIp,
  };
  const base = { resource: instance.arn, region };
  if (httpEndpoint === 'disabled') {
    return { ...base, status: 'pass', message: `Instance ${instance.id} has its metadata service disabled.`, evidence };
  }
  if (httpTokens === 'required') {
    return { ...base, status: 'pass', message: `Instance ${instance.id} requires IMDSv2 session tokens.`, evidence };
  }
  const exposure = instance.instanceProfileArn === null ? '' : ' and serves its instance role credentials to any SSRF';
  const reach = instance.publicIp === null ? '' : ` The instance has a public IP (${instance.publicIp}).`;
  return {
    ...base,
    status: 'fail',
    message: `Instance ${instance.id} answers IMDSv1 requests (HttpTokens ${httpTokens ?? 'not reported'})${exposure}.${reach}`,
    evidence,
    ...(instance.instanceProfileArn === null ? {} : { severity: 'high' as const, severityReason: 'the instance has a role, whose credentials IMDSv1 hands to any SSRF' }),
  };
}
