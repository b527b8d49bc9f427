/**
 * The IAM privilege-escalation catalog as data: one entry per published path. The evaluator
 * (`analyzePrivileges` in ./iam.ts) reports a path when every step is effectively allowed on the
 * resources the step names; the entry's id is what findings, `explain` and README show.
 *
 * Resource templates use `{partition}`, `{account}` (the scanned account) and `{region}` (any
 * region: instantiated as `*`). A statement's Resource pattern satisfies a step when it covers the
 * instantiated template under IAM's glob rules (whole-ARN match, `*` and `?`, case-sensitive), so
 * `*`, `arn:aws:iam::*:role/*` and the short `arn:aws:iam:*` all cover `arn:aws:iam::123…:role/*`,
 * while `arn:aws:iam::*:role/*` does not cover `arn:aws:iam::123…:user/*`.
 */

export interface EscalationStep {
  /** Any one of these actions satisfies the step (exact IAM action names, no wildcards). */
  anyOf: readonly [string, ...string[]];
  /**
   * The resource the action must be allowed on, as an ARN template (see the file comment). A step
   * whose action supports no resource-level permissions uses `*`.
   */
  on: string;
}

export interface EscalationPath {
  /** kebab-case, stable: it appears in findings, fingerprints of evidence and README. */
  id: string;
  /** Every step is needed (steps are ANDed; the actions inside one step are ORed). */
  steps: readonly [EscalationStep, ...EscalationStep[]];
  /** One line: how the attacker turns the steps into more privilege. */
  how: string;
  /** Public write-ups of the path (Rhino Security Labs, PMapper, pathfinding.cloud, AWS docs …). */
  references: readonly [string, ...string[]];
}

const RHINO = 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/';

const ANY_ROLE = 'arn:{partition}:iam::{account}:role/*';
const ANY_USER = 'arn:{partition}:iam::{account}:user/*';
const ANY_GROUP = 'arn:{partition}:iam::{account}:group/*';
const ANY_POLICY = 'arn:{partition}:iam::{account}:policy/*';

export const ESCALATION_PATHS: readonly EscalationPath[] = [
  {
    id: 'passrole-ec2',
    steps: [
      { anyOf: ['iam:PassRole'], on: ANY_ROLE },
      { anyOf: ['ec2:RunInstances'], on: 'arn:{partition}:ec2:{region}:{account}:instance/*' },
    ],
    how: 'launch an instance with any role and read its credentials',
    references: [RHINO],
  },
  {
    id: 'passrole-lambda-invoke',
    steps: [
      { anyOf: ['iam:PassRole'], on: ANY_ROLE },
      { anyOf: ['lambda:CreateFunction'], on: 'arn:{partition}:lambda:{region}:{account}:function:*' },
      { anyOf: ['lambda:InvokeFunction'], on: 'arn:{partition}:lambda:{region}:{account}:function:*' },
    ],
    how: 'create and run a function as any role',
    references: [RHINO],
  },
  {
    id: 'passrole-lambda-event-source',
    steps: [
      { anyOf: ['iam:PassRole'], on: ANY_ROLE },
      { anyOf: ['lambda:CreateFunction'], on: 'arn:{partition}:lambda:{region}:{account}:function:*' },
      { anyOf: ['lambda:CreateEventSourceMapping'], on: '*' },
    ],
    how: 'create a function as any role and trigger it from a stream',
    references: [RHINO],
  },
  {
    id: 'passrole-cloudformation',
    steps: [
      { anyOf: ['iam:PassRole'], on: ANY_ROLE },
      { anyOf: ['cloudformation:CreateStack'], on: 'arn:{partition}:cloudformation:{region}:{account}:stack/*' },
    ],
    how: 'deploy a stack that acts as any role',
    references: [RHINO],
  },
  {
    id: 'passrole-glue',
    steps: [
      { anyOf: ['iam:PassRole'], on: ANY_ROLE },
      { anyOf: ['glue:CreateDevEndpoint'], on: 'arn:{partition}:glue:{region}:{account}:devEndpoint/*' },
    ],
    how: 'open a Glue dev endpoint running as any role',
    references: [RHINO],
  },
  { id: 'attach-user-policy', steps: [{ anyOf: ['iam:AttachUserPolicy'], on: ANY_USER }], how: 'attach AdministratorAccess to a user', references: [RHINO] },
  { id: 'attach-group-policy', steps: [{ anyOf: ['iam:AttachGroupPolicy'], on: ANY_GROUP }], how: 'attach AdministratorAccess to a group', references: [RHINO] },
  { id: 'attach-role-policy', steps: [{ anyOf: ['iam:AttachRolePolicy'], on: ANY_ROLE }], how: 'attach AdministratorAccess to a role', references: [RHINO] },
  { id: 'put-user-policy', steps: [{ anyOf: ['iam:PutUserPolicy'], on: ANY_USER }], how: 'write an inline admin policy on a user', references: [RHINO] },
  { id: 'put-group-policy', steps: [{ anyOf: ['iam:PutGroupPolicy'], on: ANY_GROUP }], how: 'write an inline admin policy on a group', references: [RHINO] },
  { id: 'put-role-policy', steps: [{ anyOf: ['iam:PutRolePolicy'], on: ANY_ROLE }], how: 'write an inline admin policy on a role', references: [RHINO] },
  {
    id: 'create-policy-version',
    steps: [{ anyOf: ['iam:CreatePolicyVersion'], on: ANY_POLICY }],
    how: 'publish an admin version of an attached managed policy',
    references: [RHINO],
  },
  {
    id: 'set-default-policy-version',
    steps: [{ anyOf: ['iam:SetDefaultPolicyVersion'], on: ANY_POLICY }],
    how: 'switch a managed policy back to a broader old version',
    references: [RHINO],
  },
  { id: 'create-access-key', steps: [{ anyOf: ['iam:CreateAccessKey'], on: ANY_USER }], how: 'mint long-lived keys for a more privileged user', references: [RHINO] },
  { id: 'create-login-profile', steps: [{ anyOf: ['iam:CreateLoginProfile'], on: ANY_USER }], how: 'give a privileged user a console password', references: [RHINO] },
  { id: 'update-login-profile', steps: [{ anyOf: ['iam:UpdateLoginProfile'], on: ANY_USER }], how: "reset a privileged user's console password", references: [RHINO] },
  { id: 'update-assume-role-policy', steps: [{ anyOf: ['iam:UpdateAssumeRolePolicy'], on: ANY_ROLE }], how: 'let itself assume any role', references: [RHINO] },
  { id: 'add-user-to-group', steps: [{ anyOf: ['iam:AddUserToGroup'], on: ANY_GROUP }], how: 'join a privileged group', references: [RHINO] },
];
