/**
 * The IAM privilege-escalation catalog as data: one entry per published path. The evaluator
 * (`analyzePrivileges` in ./iam.ts) reports a path when every step is effectively allowed on the
 * resources the step names; the entry's id is what findings, `explain` and README show.
 *
 * Resource templates use `{partition}`, `{account}` (the identity's own account) and `{region}`.
 * A template with `{region}` is judged one region at a time (every region of the partition and any
 * literal region the policies name), so a grant on every resource of one region counts: that is
 * everything the attacker can reach there. A statement's Resource pattern satisfies a step when it
 * covers the instantiated template under IAM's glob rules (whole-ARN match, `*` and `?`, case-sensitive), so
 * `*`, `arn:aws:iam::*:role/*` and the short `arn:aws:iam:*` all cover `arn:aws:iam::123…:role/*`,
 * while `arn:aws:iam::*:role/*` does not cover `arn:aws:iam::123…:user/*`. A template of `*` is for
 * an action without resource-level permissions: IAM only grants it through `"Resource": "*"`.
 *
 * Which resource a step names follows the Service Authorization Reference ("Actions, resources,
 * and condition keys for <service>",
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html):
 * the action's required resource type; for an action with several, the one the attacker must be
 * able to name for the path to work (said in a comment where it is not obvious).
 *
 * Sources reviewed (every path below is in at least one of them):
 * - Rhino Security Labs' 21 methods, their part 2 and the CodeStar write-up, as listed in
 *   https://github.com/RhinoSecurityLabs/AWS-IAM-Privilege-Escalation (28 methods);
 * - NCC Group PMapper's edge checkers (principalmapper/graphing/*_edges.py);
 * - DataDog's pathfinding.cloud catalog (data/paths/*), each path cited by its page;
 * - Bishop Fox's iam-vulnerable (modules/free-resources/privesc-paths/*.tf).
 * Variants whose actions are a superset of a listed path's are covered by that path and not listed
 * again: `iam:AttachRolePolicy` + `sts:AssumeRole` (pathfinding iam-014 … iam-021) is reported as
 * attach-role-policy; `iam:CreateAccessKey` + `iam:DeleteAccessKey` as create-access-key;
 * `lambda:UpdateFunctionCode` + `lambda:InvokeFunction` / `lambda:AddPermission` (and PMapper's
 * `UpdateFunctionConfiguration` + `iam:PassRole` role swap) as lambda-update-function-code; ECS paths
 * that also create a cluster (pathfinding ecs-001/002) as the ECS paths below; PMapper's
 * `ec2:RunInstances` + `ec2:AssociateIamInstanceProfile` / `iam:AddRoleToInstanceProfile` and an
 * Auto Scaling group built from a launch template (which needs `ec2:RunInstances` and
 * `iam:PassRole`, https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-api-permissions.html)
 * as passrole-ec2. `codestar:CreateProjectFromTemplate` (Rhino #23) is not an IAM action in the
 * Service Authorization Reference, so no policy can name it but through a wildcard; CodeStar's two
 * documented paths are listed.
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

/** The placeholders a resource template may use; `{region}` stands for every region. */
export const TEMPLATE_PLACEHOLDERS = ['partition', 'account', 'region'] as const;

// ---------------------------------------------------------------- references

const RHINO = 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/';
const RHINO_PART_2 = 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation-part-2/';
const RHINO_CODESTAR = 'https://rhinosecuritylabs.com/aws/escalating-aws-iam-privileges-undocumented-codestar-api/';
const RHINO_LIST = 'https://github.com/RhinoSecurityLabs/AWS-IAM-Privilege-Escalation';

function pathfinding(id: string): string {
  return `https://pathfinding.cloud/paths/${id}`;
}

function pmapper(service: string): string {
  return `https://github.com/nccgroup/PMapper/blob/master/principalmapper/graphing/${service}_edges.py`;
}

function iamVulnerable(scenario: string): string {
  return `https://github.com/BishopFox/iam-vulnerable/blob/main/modules/free-resources/privesc-paths/${scenario}.tf`;
}

function hacktricks(page: string, anchor?: string): string {
  const base = `https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/${page}/index.html`;
  return anchor === undefined ? base : `${base}#${anchor}`;
}

function hackingTheCloud(anchor: string): string {
  return `https://hackingthe.cloud/aws/exploitation/iam_privilege_escalation/#${anchor}`;
}

// ---------------------------------------------------------------- resource templates

const ROLE = 'arn:{partition}:iam::{account}:role/*';
const USER = 'arn:{partition}:iam::{account}:user/*';
const GROUP = 'arn:{partition}:iam::{account}:group/*';
const POLICY = 'arn:{partition}:iam::{account}:policy/*';

const EC2_INSTANCE = 'arn:{partition}:ec2:{region}:{account}:instance/*';
const EC2_LAUNCH_TEMPLATE = 'arn:{partition}:ec2:{region}:{account}:launch-template/*';
const EC2_SPOT_REQUEST = 'arn:{partition}:ec2:{region}:{account}:spot-instances-request/*';
const AUTOSCALING_GROUP = 'arn:{partition}:autoscaling:{region}:{account}:autoScalingGroup:*';
const AUTOSCALING_LAUNCH_CONFIGURATION = 'arn:{partition}:autoscaling:{region}:{account}:launchConfiguration:*';
const LAMBDA_FUNCTION = 'arn:{partition}:lambda:{region}:{account}:function:*';
const CLOUDFORMATION_STACK = 'arn:{partition}:cloudformation:{region}:{account}:stack/*';
const CLOUDFORMATION_STACK_SET = 'arn:{partition}:cloudformation:{region}:{account}:stackset/*';
const GLUE_DEV_ENDPOINT = 'arn:{partition}:glue:{region}:{account}:devEndpoint/*';
const GLUE_JOB = 'arn:{partition}:glue:{region}:{account}:job/*';
const GLUE_TRIGGER = 'arn:{partition}:glue:{region}:{account}:trigger/*';
const DATA_PIPELINE = 'arn:{partition}:datapipeline:{region}:{account}:pipeline/*';
const CODEBUILD_PROJECT = 'arn:{partition}:codebuild:{region}:{account}:project/*';
const SAGEMAKER_NOTEBOOK = 'arn:{partition}:sagemaker:{region}:{account}:notebook-instance/*';
const SAGEMAKER_LIFECYCLE_CONFIG = 'arn:{partition}:sagemaker:{region}:{account}:notebook-instance-lifecycle-config/*';
const SAGEMAKER_TRAINING_JOB = 'arn:{partition}:sagemaker:{region}:{account}:training-job/*';
const SAGEMAKER_PROCESSING_JOB = 'arn:{partition}:sagemaker:{region}:{account}:processing-job/*';
const ECS_TASK_DEFINITION = 'arn:{partition}:ecs:{region}:{account}:task-definition/*';
const ECS_SERVICE = 'arn:{partition}:ecs:{region}:{account}:service/*';
const ECS_CLUSTER = 'arn:{partition}:ecs:{region}:{account}:cluster/*';
const ECS_TASK = 'arn:{partition}:ecs:{region}:{account}:task/*';
const APPRUNNER_SERVICE = 'arn:{partition}:apprunner:{region}:{account}:service/*';
const AGENTCORE_CODE_INTERPRETER = 'arn:{partition}:bedrock-agentcore:{region}:{account}:code-interpreter-custom/*';
const CODESTAR_PROJECT = 'arn:{partition}:codestar:{region}:{account}:project/*';
/**
 * AWS-owned SSM documents have no account in their ARN ("The account ID shouldn't be specified in
 * the ARN for AWS owned public documents",
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-setup-identity-based-policies.html).
 */
const SSM_RUN_SHELL_SCRIPT = 'arn:{partition}:ssm:{region}::document/AWS-RunShellScript';

/** No resource-level permissions: only `"Resource": "*"` grants the action. */
const ANY = '*';

const PASS_ROLE: EscalationStep = { anyOf: ['iam:PassRole'], on: ROLE };

export const ESCALATION_PATHS: readonly EscalationPath[] = [
  // ------------------------------------------------------------ IAM: rewrite one's own (or another's) permissions
  {
    id: 'create-policy-version',
    steps: [{ anyOf: ['iam:CreatePolicyVersion'], on: POLICY }],
    how: 'publish an admin version of an attached managed policy and make it the default in the same call',
    references: [RHINO, pathfinding('iam-001'), iamVulnerable('privesc1-CreateNewPolicyVersion')],
  },
  {
    id: 'set-default-policy-version',
    steps: [{ anyOf: ['iam:SetDefaultPolicyVersion'], on: POLICY }],
    how: 'switch an attached managed policy back to a broader old version',
    references: [RHINO, iamVulnerable('privesc2-SetExistingDefaultPolicyVersion'), hackingTheCloud('iamsetdefaultpolicyversion')],
  },
  {
    id: 'attach-user-policy',
    steps: [{ anyOf: ['iam:AttachUserPolicy'], on: USER }],
    how: 'attach AdministratorAccess to itself or to a user whose keys it holds',
    references: [RHINO, pathfinding('iam-008'), iamVulnerable('privesc7-AttachUserPolicy')],
  },
  {
    id: 'attach-group-policy',
    steps: [{ anyOf: ['iam:AttachGroupPolicy'], on: GROUP }],
    how: 'attach AdministratorAccess to a group it belongs to',
    references: [RHINO, pathfinding('iam-010'), iamVulnerable('privesc8-AttachGroupPolicy')],
  },
  {
    id: 'attach-role-policy',
    steps: [{ anyOf: ['iam:AttachRolePolicy'], on: ROLE }],
    how: 'attach AdministratorAccess to its own role or to a role it can assume',
    references: [RHINO, pathfinding('iam-009'), iamVulnerable('privesc9-AttachRolePolicy')],
  },
  {
    id: 'put-user-policy',
    steps: [{ anyOf: ['iam:PutUserPolicy'], on: USER }],
    how: 'write an inline admin policy on itself or on a user whose keys it holds',
    references: [RHINO, pathfinding('iam-007'), iamVulnerable('privesc10-PutUserPolicy')],
  },
  {
    id: 'put-group-policy',
    steps: [{ anyOf: ['iam:PutGroupPolicy'], on: GROUP }],
    how: 'write an inline admin policy on a group it belongs to',
    references: [RHINO, pathfinding('iam-011'), iamVulnerable('privesc11-PutGroupPolicy')],
  },
  {
    id: 'put-role-policy',
    steps: [{ anyOf: ['iam:PutRolePolicy'], on: ROLE }],
    how: 'write an inline admin policy on its own role or on a role it can assume',
    references: [RHINO, pathfinding('iam-005'), iamVulnerable('privesc12-PutRolePolicy')],
  },
  {
    id: 'add-user-to-group',
    steps: [{ anyOf: ['iam:AddUserToGroup'], on: GROUP }],
    how: 'add itself to a privileged group',
    references: [RHINO, pathfinding('iam-013'), iamVulnerable('privesc13-AddUserToGroup')],
  },
  {
    id: 'delete-user-permissions-boundary',
    steps: [{ anyOf: ['iam:DeleteUserPermissionsBoundary'], on: USER }],
    how: "remove the permissions boundary that caps a user's (its own) policies",
    references: [hackingTheCloud('iamdeleteuserpermissionsboundary'), 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html'],
  },
  {
    id: 'delete-role-permissions-boundary',
    steps: [{ anyOf: ['iam:DeleteRolePermissionsBoundary'], on: ROLE }],
    how: "remove the permissions boundary that caps a role's (its own) policies",
    references: [hackingTheCloud('iamdeleterolepermissionsboundary'), 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html'],
  },
  {
    id: 'put-user-permissions-boundary',
    steps: [{ anyOf: ['iam:PutUserPermissionsBoundary'], on: USER }],
    how: "replace a user's restrictive permissions boundary with a permissive one",
    references: [hackingTheCloud('iamputuserpermissionsboundary'), hacktricks('aws-iam-privesc', 'iamputuserpermissionsboundary')],
  },
  {
    id: 'put-role-permissions-boundary',
    steps: [{ anyOf: ['iam:PutRolePermissionsBoundary'], on: ROLE }],
    how: "replace a role's restrictive permissions boundary with a permissive one",
    references: [hackingTheCloud('iamputrolepermissionsboundary'), hacktricks('aws-iam-privesc', 'iamputrolepermissionsboundary')],
  },

  // ------------------------------------------------------------ IAM and STS: become another principal
  {
    id: 'create-access-key',
    steps: [{ anyOf: ['iam:CreateAccessKey'], on: USER }],
    how: 'mint long-lived keys for a more privileged user',
    references: [RHINO, pathfinding('iam-002'), pmapper('iam'), iamVulnerable('privesc4-CreateAccessKey')],
  },
  {
    id: 'create-login-profile',
    steps: [{ anyOf: ['iam:CreateLoginProfile'], on: USER }],
    how: 'give a privileged user without a password a console password it chooses',
    references: [RHINO, pathfinding('iam-004'), pmapper('iam'), iamVulnerable('privesc5-CreateLoginProfile')],
  },
  {
    id: 'update-login-profile',
    steps: [{ anyOf: ['iam:UpdateLoginProfile'], on: USER }],
    how: "reset a privileged user's console password",
    references: [RHINO, pathfinding('iam-006'), pmapper('iam'), iamVulnerable('privesc6-UpdateLoginProfile')],
  },
  {
    // Listed with the update alone, as pathfinding.cloud iam-012 does: in the same account a trust
    // policy that names the attacker's own ARN is enough to assume the role, with no sts:AssumeRole
    // in its identity policies (Rhino's write-up pairs it with sts:AssumeRole, a superset).
    id: 'update-assume-role-policy',
    steps: [{ anyOf: ['iam:UpdateAssumeRolePolicy'], on: ROLE }],
    how: "rewrite a privileged role's trust policy to trust itself, then assume the role",
    references: [RHINO, pathfinding('iam-012'), pmapper('iam'), iamVulnerable('privesc14-UpdatingAssumeRolePolicy')],
  },
  {
    id: 'assume-role',
    steps: [{ anyOf: ['sts:AssumeRole'], on: ROLE }],
    how: 'assume any role of the account whose trust policy trusts the account or this principal',
    references: [pathfinding('sts-001'), pmapper('sts'), iamVulnerable('privesc-AssumeRole')],
  },

  // ------------------------------------------------------------ EC2 and Auto Scaling
  {
    // RunInstances also needs image, subnet, security-group and network-interface permissions, but a
    // policy that narrows those still lets the attacker launch with its own user data; the instance
    // is the one resource every launch creates.
    id: 'passrole-ec2',
    steps: [PASS_ROLE, { anyOf: ['ec2:RunInstances'], on: EC2_INSTANCE }],
    how: 'launch an instance with any instance profile and read its role credentials from user data or IMDS',
    references: [RHINO, pathfinding('ec2-001'), pmapper('ec2'), iamVulnerable('privesc3-CreateEC2WithExistingIP')],
  },
  {
    id: 'passrole-ec2-spot-instances',
    steps: [PASS_ROLE, { anyOf: ['ec2:RequestSpotInstances'], on: EC2_SPOT_REQUEST }],
    how: 'request a Spot Instance with any instance profile and read its role credentials',
    references: [pathfinding('ec2-003'), hacktricks('aws-ec2-privesc', 'ec2requestspotinstancesiampassrole')],
  },
  {
    id: 'ec2-user-data-restart',
    steps: [
      { anyOf: ['ec2:ModifyInstanceAttribute'], on: EC2_INSTANCE },
      { anyOf: ['ec2:StopInstances'], on: EC2_INSTANCE },
      { anyOf: ['ec2:StartInstances'], on: EC2_INSTANCE },
    ],
    how: "stop an instance, replace its user data with a script that runs on boot, start it, and act as the instance's role",
    references: [pathfinding('ec2-002'), hacktricks('aws-ec2-privesc', 'ec2modifyinstanceattribute')],
  },
  {
    id: 'ec2-instance-connect',
    steps: [{ anyOf: ['ec2-instance-connect:SendSSHPublicKey'], on: EC2_INSTANCE }],
    how: "push a temporary SSH key to an instance, log in, and use the instance's role",
    references: [pathfinding('ec2instanceconnect-003'), iamVulnerable('privesc-ec2InstanceConnect')],
  },
  {
    id: 'ec2-launch-template-new-version',
    steps: [
      { anyOf: ['ec2:CreateLaunchTemplateVersion'], on: EC2_LAUNCH_TEMPLATE },
      { anyOf: ['ec2:ModifyLaunchTemplate'], on: EC2_LAUNCH_TEMPLATE },
    ],
    how: 'add a default version with its own user data to a launch template that carries a privileged instance profile; the next scale-out runs it',
    references: [pathfinding('ec2-004'), hacktricks('aws-ec2-privesc')],
  },
  {
    // A group built from a launch configuration launches through the Auto Scaling service-linked
    // role: unlike a launch template it needs no ec2:RunInstances of the caller.
    id: 'passrole-autoscaling-launch-configuration',
    steps: [
      PASS_ROLE,
      { anyOf: ['autoscaling:CreateLaunchConfiguration'], on: AUTOSCALING_LAUNCH_CONFIGURATION },
      { anyOf: ['autoscaling:CreateAutoScalingGroup', 'autoscaling:UpdateAutoScalingGroup'], on: AUTOSCALING_GROUP },
    ],
    how: 'create a launch configuration with any instance profile and its own user data, then have an Auto Scaling group launch it',
    references: [
      pmapper('autoscaling'),
      hackingTheCloud('iampassrole-autoscalingcreateautoscalinggroup-or-autoscalingupdateautoscalinggroup-autoscalingcreatelaunchconfiguration'),
    ],
  },

  // ------------------------------------------------------------ Systems Manager
  {
    // SendCommand is authorized against the document and the target instance: both must be allowed.
    id: 'ssm-send-command',
    steps: [
      { anyOf: ['ssm:SendCommand'], on: EC2_INSTANCE },
      { anyOf: ['ssm:SendCommand'], on: SSM_RUN_SHELL_SCRIPT },
    ],
    how: "run shell commands on a managed instance and use the instance's role",
    references: [pmapper('ssm'), pathfinding('ssm-002'), iamVulnerable('privesc-ssmSendCommand')],
  },
  {
    id: 'ssm-start-session',
    steps: [{ anyOf: ['ssm:StartSession'], on: EC2_INSTANCE }],
    how: "open a Session Manager shell on a managed instance and use the instance's role",
    references: [pmapper('ssm'), pathfinding('ssm-001'), iamVulnerable('privesc-ssmStartSession')],
  },

  // ------------------------------------------------------------ Lambda
  {
    id: 'passrole-lambda-invoke',
    steps: [PASS_ROLE, { anyOf: ['lambda:CreateFunction'], on: LAMBDA_FUNCTION }, { anyOf: ['lambda:InvokeFunction'], on: LAMBDA_FUNCTION }],
    how: 'create a function with any execution role and invoke it',
    references: [RHINO, pathfinding('lambda-001'), iamVulnerable('privesc15-PassExistingRoleToNewLambdaThenInvoke')],
  },
  {
    id: 'passrole-lambda-event-source',
    steps: [PASS_ROLE, { anyOf: ['lambda:CreateFunction'], on: LAMBDA_FUNCTION }, { anyOf: ['lambda:CreateEventSourceMapping'], on: ANY }],
    how: 'create a function with any execution role and have a stream or queue trigger it',
    references: [RHINO, pathfinding('lambda-002'), iamVulnerable('privesc16-PassRoleToNewLambdaThenTriggerWithNewDynamo')],
  },
  {
    id: 'passrole-lambda-add-permission',
    steps: [PASS_ROLE, { anyOf: ['lambda:CreateFunction'], on: LAMBDA_FUNCTION }, { anyOf: ['lambda:AddPermission'], on: LAMBDA_FUNCTION }],
    how: "create a function with any execution role and grant itself (or another account) invoke rights in the function's policy",
    references: [RHINO_LIST, pathfinding('lambda-006'), hackingTheCloud('iampassrole-lambdaaddpermission-lambdacreatefunction')],
  },
  {
    id: 'lambda-update-function-code',
    steps: [{ anyOf: ['lambda:UpdateFunctionCode'], on: LAMBDA_FUNCTION }],
    how: "replace an existing function's code and act as its execution role when it next runs",
    references: [RHINO, pathfinding('lambda-003'), pmapper('lambda'), iamVulnerable('privesc17-EditExistingLambdaFunctionWithRole')],
  },
  {
    id: 'lambda-update-function-configuration',
    steps: [{ anyOf: ['lambda:UpdateFunctionConfiguration'], on: LAMBDA_FUNCTION }],
    how: "attach a malicious layer to an existing function so its code runs with the function's execution role",
    references: [RHINO_PART_2, hackingTheCloud('lambdaupdatefunctionconfiguration'), hacktricks('aws-lambda-privesc', 'lambdaupdatefunctionconfiguration')],
  },

  // ------------------------------------------------------------ Glue
  {
    id: 'passrole-glue',
    steps: [PASS_ROLE, { anyOf: ['glue:CreateDevEndpoint'], on: ANY }],
    how: 'open a Glue development endpoint with any role and SSH into it',
    references: [RHINO, pathfinding('glue-001'), iamVulnerable('privesc18-PassExistingRoleToNewGlueDevEndpoint')],
  },
  {
    id: 'glue-update-dev-endpoint',
    steps: [{ anyOf: ['glue:UpdateDevEndpoint'], on: GLUE_DEV_ENDPOINT }],
    how: "add its SSH key to an existing Glue development endpoint and use the endpoint's role",
    references: [RHINO, pathfinding('glue-002'), iamVulnerable('privesc19-UpdateExistingGlueDevEndpoint')],
  },
  {
    id: 'passrole-glue-job',
    steps: [PASS_ROLE, { anyOf: ['glue:CreateJob', 'glue:UpdateJob'], on: GLUE_JOB }, { anyOf: ['glue:StartJobRun'], on: GLUE_JOB }],
    how: 'create (or repoint) a Glue job with any role and its own script, then run it',
    references: [pathfinding('glue-003'), pathfinding('glue-005'), hackingTheCloud('iampassrole-gluecreatejob'), hackingTheCloud('iampassrole-glueupdatejob')],
  },
  {
    id: 'passrole-glue-job-trigger',
    steps: [PASS_ROLE, { anyOf: ['glue:CreateJob', 'glue:UpdateJob'], on: GLUE_JOB }, { anyOf: ['glue:CreateTrigger'], on: GLUE_TRIGGER }],
    how: 'create (or repoint) a Glue job with any role and its own script, then schedule it with a trigger',
    references: [pathfinding('glue-004'), pathfinding('glue-006')],
  },

  // ------------------------------------------------------------ CloudFormation
  {
    id: 'passrole-cloudformation',
    steps: [PASS_ROLE, { anyOf: ['cloudformation:CreateStack', 'cloudformation:UpdateStack'], on: CLOUDFORMATION_STACK }],
    how: 'deploy (or update) a stack with any service role, whose template creates what it wants as that role',
    references: [RHINO, pathfinding('cloudformation-001'), iamVulnerable('privesc20-PassExistingRoleToCloudFormation')],
  },
  {
    id: 'cloudformation-update-stack',
    steps: [{ anyOf: ['cloudformation:UpdateStack'], on: CLOUDFORMATION_STACK }],
    how: 'update an existing stack that has a privileged service role with a template of its own',
    references: [pmapper('cloudformation'), pathfinding('cloudformation-002'), iamVulnerable('privesc-cloudFormationUpdateStack')],
  },
  {
    id: 'cloudformation-change-set',
    steps: [
      { anyOf: ['cloudformation:CreateChangeSet'], on: CLOUDFORMATION_STACK },
      { anyOf: ['cloudformation:ExecuteChangeSet'], on: CLOUDFORMATION_STACK },
    ],
    how: 'create and execute a change set on a stack that has a privileged service role',
    references: [pmapper('cloudformation'), pathfinding('cloudformation-005')],
  },
  {
    // CreateStackSet has no resource-level permissions; CreateStackInstances needs the stack set.
    id: 'passrole-cloudformation-stack-set',
    steps: [
      PASS_ROLE,
      { anyOf: ['cloudformation:CreateStackSet'], on: ANY },
      { anyOf: ['cloudformation:CreateStackInstances'], on: CLOUDFORMATION_STACK_SET },
    ],
    how: 'create a self-managed stack set with a privileged administration role and deploy its template',
    references: [pathfinding('cloudformation-003'), hacktricks('aws-cloudformation-privesc')],
  },
  {
    id: 'passrole-cloudformation-update-stack-set',
    steps: [PASS_ROLE, { anyOf: ['cloudformation:UpdateStackSet'], on: CLOUDFORMATION_STACK_SET }],
    how: 'update a stack set to use a privileged role and a template of its own',
    references: [pathfinding('cloudformation-004'), hacktricks('aws-cloudformation-privesc')],
  },

  // ------------------------------------------------------------ Data Pipeline
  {
    // CreatePipeline has no resource-level permissions; the other two act on the new pipeline.
    id: 'passrole-data-pipeline',
    steps: [
      PASS_ROLE,
      { anyOf: ['datapipeline:CreatePipeline'], on: ANY },
      { anyOf: ['datapipeline:PutPipelineDefinition'], on: DATA_PIPELINE },
      { anyOf: ['datapipeline:ActivatePipeline'], on: DATA_PIPELINE },
    ],
    how: 'create and activate a pipeline whose activity runs its shell command as any role',
    references: [RHINO, pathfinding('datapipeline-001'), iamVulnerable('privesc21-PassExistingRoleToNewDataPipeline')],
  },

  // ------------------------------------------------------------ CodeBuild
  {
    id: 'passrole-codebuild',
    steps: [
      PASS_ROLE,
      { anyOf: ['codebuild:CreateProject', 'codebuild:UpdateProject'], on: CODEBUILD_PROJECT },
      { anyOf: ['codebuild:StartBuild', 'codebuild:StartBuildBatch'], on: CODEBUILD_PROJECT },
    ],
    how: 'create (or repoint) a build project with any service role and a buildspec of its own, then start a build',
    references: [pmapper('codebuild'), pathfinding('codebuild-001'), pathfinding('codebuild-004'), iamVulnerable('privesc-codeBuildCreateProjectPassRole')],
  },
  {
    id: 'codebuild-start-build',
    steps: [{ anyOf: ['codebuild:StartBuild', 'codebuild:StartBuildBatch'], on: CODEBUILD_PROJECT }],
    how: "start a build of an existing project with a buildspec override and act as the project's service role",
    references: [pmapper('codebuild'), pathfinding('codebuild-002'), pathfinding('codebuild-003')],
  },

  // ------------------------------------------------------------ SageMaker
  {
    id: 'passrole-sagemaker-notebook',
    steps: [
      PASS_ROLE,
      { anyOf: ['sagemaker:CreateNotebookInstance'], on: SAGEMAKER_NOTEBOOK },
      { anyOf: ['sagemaker:CreatePresignedNotebookInstanceUrl'], on: SAGEMAKER_NOTEBOOK },
    ],
    how: 'create a notebook instance with any execution role and open its Jupyter terminal through a presigned URL',
    references: [RHINO_PART_2, pathfinding('sagemaker-001'), iamVulnerable('privesc-sageMakerCreateNotebookPassRole')],
  },
  {
    id: 'sagemaker-presigned-notebook-url',
    steps: [{ anyOf: ['sagemaker:CreatePresignedNotebookInstanceUrl'], on: SAGEMAKER_NOTEBOOK }],
    how: "open an existing notebook instance through a presigned URL and act as its execution role",
    references: [RHINO_PART_2, pathfinding('sagemaker-004'), iamVulnerable('privesc-sageMakerCreatePresignedNotebookURL')],
  },
  {
    id: 'sagemaker-notebook-lifecycle-config',
    steps: [
      { anyOf: ['sagemaker:CreateNotebookInstanceLifecycleConfig'], on: SAGEMAKER_LIFECYCLE_CONFIG },
      { anyOf: ['sagemaker:StopNotebookInstance'], on: SAGEMAKER_NOTEBOOK },
      { anyOf: ['sagemaker:UpdateNotebookInstance'], on: SAGEMAKER_NOTEBOOK },
      { anyOf: ['sagemaker:StartNotebookInstance'], on: SAGEMAKER_NOTEBOOK },
    ],
    how: "attach a lifecycle script to an existing notebook instance and restart it, so the script runs as the notebook's role",
    references: [pathfinding('sagemaker-005'), 'https://www.plerion.com/blog/privilege-escalation-with-sagemaker-and-execution-roles'],
  },
  {
    id: 'passrole-sagemaker-training-job',
    steps: [PASS_ROLE, { anyOf: ['sagemaker:CreateTrainingJob'], on: SAGEMAKER_TRAINING_JOB }],
    how: 'run a training job whose container is its own code with any execution role',
    references: [pmapper('sagemaker'), pathfinding('sagemaker-002'), iamVulnerable('privesc-sageMakerCreateTrainingJob')],
  },
  {
    id: 'passrole-sagemaker-processing-job',
    steps: [PASS_ROLE, { anyOf: ['sagemaker:CreateProcessingJob'], on: SAGEMAKER_PROCESSING_JOB }],
    how: 'run a processing job whose container is its own code with any execution role',
    references: [pmapper('sagemaker'), pathfinding('sagemaker-003'), iamVulnerable('privesc-sageMakerCreateProcessingJob')],
  },

  // ------------------------------------------------------------ ECS
  {
    id: 'passrole-ecs-run-task',
    steps: [
      PASS_ROLE,
      { anyOf: ['ecs:RegisterTaskDefinition'], on: ECS_TASK_DEFINITION },
      { anyOf: ['ecs:RunTask', 'ecs:StartTask'], on: ECS_TASK_DEFINITION },
    ],
    how: 'register a task definition with any task role and a command of its own, then run the task',
    references: [
      'https://rhinosecuritylabs.com/aws/weaponizing-ecs-task-definitions-steal-credentials-running-containers/',
      pathfinding('ecs-004'),
      pathfinding('ecs-005'),
    ],
  },
  {
    id: 'passrole-ecs-service',
    steps: [
      PASS_ROLE,
      { anyOf: ['ecs:RegisterTaskDefinition'], on: ECS_TASK_DEFINITION },
      { anyOf: ['ecs:CreateService', 'ecs:UpdateService'], on: ECS_SERVICE },
    ],
    how: 'register a task definition with any task role and a command of its own, then have a service run it',
    references: [pathfinding('ecs-003'), hacktricks('aws-ecs-privesc', 'iampassrole-ecsregistertaskdefinition-ecsupdateserviceecscreateservice')],
  },
  {
    // ExecuteCommand is authorized against both the cluster and the task.
    id: 'ecs-execute-command',
    steps: [
      { anyOf: ['ecs:ExecuteCommand'], on: ECS_CLUSTER },
      { anyOf: ['ecs:ExecuteCommand'], on: ECS_TASK },
    ],
    how: "open a shell in a running container with ECS Exec enabled and use the task's role",
    references: [hacktricks('aws-ecs-privesc'), 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html'],
  },

  // ------------------------------------------------------------ App Runner, Bedrock AgentCore, CodeStar
  {
    id: 'passrole-apprunner',
    steps: [PASS_ROLE, { anyOf: ['apprunner:CreateService'], on: APPRUNNER_SERVICE }],
    how: 'create an App Runner service with any instance role whose start command is its own',
    references: [pathfinding('apprunner-001'), 'https://blog.appsecco.com/getting-shell-and-data-access-in-aws-app-runner-3632e844bc77'],
  },
  {
    id: 'apprunner-update-service',
    steps: [{ anyOf: ['apprunner:UpdateService'], on: APPRUNNER_SERVICE }],
    how: "change an existing App Runner service's image or start command and act as its instance role",
    references: [pathfinding('apprunner-002'), 'https://blog.appsecco.com/getting-shell-and-data-access-in-aws-app-runner-3632e844bc77'],
  },
  {
    // CreateCodeInterpreter has no resource-level permissions; the session and the invocation act
    // on the custom interpreter it creates.
    id: 'passrole-bedrock-code-interpreter',
    steps: [
      PASS_ROLE,
      { anyOf: ['bedrock-agentcore:CreateCodeInterpreter'], on: ANY },
      { anyOf: ['bedrock-agentcore:StartCodeInterpreterSession'], on: AGENTCORE_CODE_INTERPRETER },
      { anyOf: ['bedrock-agentcore:InvokeCodeInterpreter'], on: AGENTCORE_CODE_INTERPRETER },
    ],
    how: 'create a Bedrock AgentCore code interpreter with any execution role and run its own code in it',
    references: [
      pathfinding('bedrock-001'),
      hackingTheCloud('iampassrole-bedrock-agentcorecreatecodeinterpreter-bedrock-agentcoreinvokecodeinterpreter'),
      'https://sonraisecurity.com/blog/aws-agentcore-privilege-escalation-bedrock-scp-fix/',
    ],
  },
  {
    id: 'bedrock-code-interpreter-session',
    steps: [
      { anyOf: ['bedrock-agentcore:StartCodeInterpreterSession'], on: AGENTCORE_CODE_INTERPRETER },
      { anyOf: ['bedrock-agentcore:InvokeCodeInterpreter'], on: AGENTCORE_CODE_INTERPRETER },
    ],
    how: "run its own code in an existing code interpreter and act as the interpreter's execution role",
    references: [pathfinding('bedrock-002'), hacktricks('aws-bedrock-privesc')],
  },
  {
    // CodeStar accepts no new projects since July 2024, but the actions still grant what they did.
    id: 'passrole-codestar',
    steps: [PASS_ROLE, { anyOf: ['codestar:CreateProject'], on: ANY }],
    how: 'create a CodeStar project with a privileged service role whose template creates what it wants',
    references: [RHINO_CODESTAR, hackingTheCloud('iampassrole-codestarcreateproject')],
  },
  {
    id: 'codestar-associate-team-member',
    steps: [
      { anyOf: ['codestar:CreateProject'], on: ANY },
      { anyOf: ['codestar:AssociateTeamMember'], on: CODESTAR_PROJECT },
    ],
    how: "create a CodeStar project and make itself its owner, which attaches the project's IAM policy to it",
    references: [RHINO_CODESTAR, hackingTheCloud('codestarcreateproject-codestarassociateteammember')],
  },
];

/** Every action a path names, in step order, without duplicates. */
export function pathActions(path: EscalationPath): string[] {
  return [...new Set(path.steps.flatMap((step) => step.anyOf))];
}

/** `iam:PassRole + lambda:CreateFunction + (a | b)`: the steps in one line, for tables and messages. */
export function describeSteps(path: EscalationPath): string {
  // A step repeated on another resource (ssm:SendCommand on the instance and on the document) is
  // one action to the reader: the resources are in `explain`.
  const parts = path.steps.map((step) => (step.anyOf.length === 1 ? step.anyOf[0] : `(${step.anyOf.join(' | ')})`));
  return [...new Set(parts)].join(' + ');
}
