/**
 * Provisioning helpers shared by the e2e scenarios: each one sets up a breach precondition (or
 * its safe look-alike) in a scenario's account with the AWS SDK.
 */
import { CreateSnapshotCommand, CreateVolumeCommand, ModifySnapshotAttributeCommand, RunInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import {
  AddRoleToInstanceProfileCommand,
  AttachRolePolicyCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateBucketCommand, GetBucketAclCommand, PutBucketAclCommand, type BucketLocationConstraint, type S3Client } from '@aws-sdk/client-s3';
import type { Scenario } from './harness.js';

export async function createBucket(s3: S3Client, name: string, region: string): Promise<void> {
  await s3.send(
    new CreateBucketCommand(
      region === 'us-east-1' ? { Bucket: name } : { Bucket: name, CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } },
    ),
  );
}

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';

/** moto keeps only the first grant of a canned ACL, so the public grant is set explicitly. */
export async function grantAllUsers(s3: S3Client, bucket: string, permission: 'WRITE' | 'READ'): Promise<void> {
  const acl = await s3.send(new GetBucketAclCommand({ Bucket: bucket }));
  const owner = acl.Owner?.ID ?? '';
  await s3.send(
    new PutBucketAclCommand({
      Bucket: bucket,
      AccessControlPolicy: {
        Owner: { ID: owner },
        Grants: [
          { Grantee: { Type: 'CanonicalUser', ID: owner }, Permission: 'FULL_CONTROL' },
          { Grantee: { Type: 'Group', URI: ALL_USERS }, Permission: permission },
        ],
      },
    }),
  );
}

/** A bucket policy letting `*` s3:PutObject, optionally under a condition. */
export function putObjectPolicy(bucket: string, condition?: object): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Uploads', Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: `arn:aws:s3:::${bucket}/*`, ...(condition === undefined ? {} : { Condition: condition }) },
    ],
  });
}

/** A volume and a snapshot of it, shared with everyone or with one account when asked. */
export async function createSnapshot(ec2: EC2Client, zone: string, share?: { group: 'all' } | { userId: string }): Promise<string> {
  const volume = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: zone, Size: 8 }));
  const snapshot = await ec2.send(new CreateSnapshotCommand({ VolumeId: volume.VolumeId ?? '', Description: 'e2e' }));
  const id = snapshot.SnapshotId ?? '';
  if (share !== undefined) {
    await ec2.send(
      new ModifySnapshotAttributeCommand({
        SnapshotId: id,
        Attribute: 'createVolumePermission',
        OperationType: 'add',
        ...('group' in share ? { GroupNames: ['all'] } : { UserIds: [share.userId] }),
      }),
    );
  }
  return id;
}


export const EC2_TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

export interface InstanceRoleSpec {
  name: string;
  managed?: string[];
  inline?: object[];
  /** ARN of a managed policy set as the role's permissions boundary. */
  boundary?: string;
  httpTokens: 'optional' | 'required';
}

/** A role (managed and inline policies), its instance profile, and an instance that uses it. Returns the instance id. */
export async function launchWithRole(scenario: Scenario, region: string, spec: InstanceRoleSpec): Promise<string> {
  await scenario.iam.send(
    new CreateRoleCommand({ RoleName: spec.name, AssumeRolePolicyDocument: EC2_TRUST_POLICY, ...(spec.boundary === undefined ? {} : { PermissionsBoundary: spec.boundary }) }),
  );
  for (const arn of spec.managed ?? []) await scenario.iam.send(new AttachRolePolicyCommand({ RoleName: spec.name, PolicyArn: arn }));
  if (spec.inline !== undefined) {
    await scenario.iam.send(
      new PutRolePolicyCommand({ RoleName: spec.name, PolicyName: `${spec.name}-inline`, PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: spec.inline }) }),
    );
  }
  await scenario.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: spec.name }));
  await scenario.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: spec.name, RoleName: spec.name }));
  return launchInstance(scenario.ec2(region), spec.httpTokens, spec.name);
}

/** An instance (any AMI id: the server runs without default AMIs), optionally with an instance profile. */
export async function launchInstance(ec2: EC2Client, httpTokens: 'optional' | 'required', instanceProfile?: string): Promise<string> {
  const run = await ec2.send(
    new RunInstancesCommand({
      ImageId: 'ami-12c6146b',
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      ...(instanceProfile === undefined ? {} : { IamInstanceProfile: { Name: instanceProfile } }),
      MetadataOptions: { HttpTokens: httpTokens, HttpEndpoint: 'enabled' },
    }),
  );
  return run.Instances?.[0]?.InstanceId ?? '';
}
