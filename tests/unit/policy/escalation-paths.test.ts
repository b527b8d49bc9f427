/**
 * The privilege-escalation catalog is reviewed data: this meta-test keeps it well-formed, keeps
 * every path the issue names at minimum, and checks each step's resource template against the
 * resource types the AWS Service Authorization Reference lists for the action. It does not run the
 * evaluator (see escalation-paths.eval.test.ts for that).
 */
import { describe, expect, it } from 'vitest';
import { ESCALATION_PATHS, TEMPLATE_PLACEHOLDERS, describeSteps, pathActions, type EscalationPath } from '../../../src/policy/escalation-paths.js';

/**
 * The resource types of each catalog action, from the Service Authorization Reference
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html,
 * "Actions defined by …" tables, September 2026): the required types, or the optional ones when an
 * action has none required. An empty list means no resource-level permissions (only `*`).
 */
const SERVICE_AUTHORIZATION_REFERENCE: Readonly<Record<string, readonly string[]>> = {
  'apprunner:CreateService': ['arn:${Partition}:apprunner:${Region}:${Account}:service/${ServiceName}/${ServiceId}'],
  'apprunner:UpdateService': ['arn:${Partition}:apprunner:${Region}:${Account}:service/${ServiceName}/${ServiceId}'],
  'autoscaling:CreateAutoScalingGroup': ['arn:${Partition}:autoscaling:${Region}:${Account}:autoScalingGroup:${GroupId}:autoScalingGroupName/${GroupFriendlyName}'],
  'autoscaling:CreateLaunchConfiguration': ['arn:${Partition}:autoscaling:${Region}:${Account}:launchConfiguration:${Id}:launchConfigurationName/${LaunchConfigurationName}'],
  'autoscaling:UpdateAutoScalingGroup': ['arn:${Partition}:autoscaling:${Region}:${Account}:autoScalingGroup:${GroupId}:autoScalingGroupName/${GroupFriendlyName}'],
  'bedrock-agentcore:CreateCodeInterpreter': [],
  'bedrock-agentcore:InvokeCodeInterpreter': ['arn:${Partition}:bedrock-agentcore:${Region}:aws:code-interpreter/${CodeInterpreterId}', 'arn:${Partition}:bedrock-agentcore:${Region}:${Account}:code-interpreter-custom/${CodeInterpreterId}'],
  'bedrock-agentcore:StartCodeInterpreterSession': ['arn:${Partition}:bedrock-agentcore:${Region}:aws:code-interpreter/${CodeInterpreterId}', 'arn:${Partition}:bedrock-agentcore:${Region}:${Account}:code-interpreter-custom/${CodeInterpreterId}'],
  'cloudformation:CreateChangeSet': ['arn:${Partition}:cloudformation:${Region}:${Account}:stack/${StackName}/${Id}'],
  'cloudformation:CreateStack': ['arn:${Partition}:cloudformation:${Region}:${Account}:stack/${StackName}/${Id}'],
  'cloudformation:CreateStackInstances': ['arn:${Partition}:cloudformation:${Region}:${Account}:stackset/${StackSetName}:${Id}'],
  'cloudformation:CreateStackSet': [],
  'cloudformation:ExecuteChangeSet': ['arn:${Partition}:cloudformation:${Region}:${Account}:stack/${StackName}/${Id}'],
  'cloudformation:UpdateStack': ['arn:${Partition}:cloudformation:${Region}:${Account}:stack/${StackName}/${Id}'],
  'cloudformation:UpdateStackSet': ['arn:${Partition}:cloudformation:${Region}:${Account}:stackset/${StackSetName}:${Id}'],
  'codebuild:CreateProject': ['arn:${Partition}:codebuild:${Region}:${Account}:project/${ProjectName}'],
  'codebuild:StartBuild': ['arn:${Partition}:codebuild:${Region}:${Account}:project/${ProjectName}'],
  'codebuild:StartBuildBatch': ['arn:${Partition}:codebuild:${Region}:${Account}:project/${ProjectName}'],
  'codebuild:UpdateProject': ['arn:${Partition}:codebuild:${Region}:${Account}:project/${ProjectName}'],
  'codestar:AssociateTeamMember': ['arn:${Partition}:codestar:${Region}:${Account}:project/${ProjectId}'],
  'codestar:CreateProject': [],
  'datapipeline:ActivatePipeline': ['arn:${Partition}:datapipeline:${Region}:${Account}:pipeline/${PipelineId}'],
  'datapipeline:CreatePipeline': [],
  'datapipeline:PutPipelineDefinition': ['arn:${Partition}:datapipeline:${Region}:${Account}:pipeline/${PipelineId}'],
  'ec2-instance-connect:SendSSHPublicKey': ['arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}'],
  'ec2:CreateLaunchTemplateVersion': ['arn:${Partition}:ec2:${Region}:${Account}:launch-template/${LaunchTemplateId}'],
  'ec2:ModifyInstanceAttribute': ['arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}'],
  'ec2:ModifyLaunchTemplate': ['arn:${Partition}:ec2:${Region}:${Account}:launch-template/${LaunchTemplateId}'],
  'ec2:RequestSpotInstances': ['arn:${Partition}:ec2:${Region}:${Account}:spot-instances-request/${SpotInstanceRequestId}'],
  'ec2:RunInstances': ['arn:${Partition}:ec2:${Region}::image/${ImageId}', 'arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}', 'arn:${Partition}:ec2:${Region}:${Account}:network-interface/${NetworkInterfaceId}', 'arn:${Partition}:ec2:${Region}:${Account}:security-group/${SecurityGroupId}', 'arn:${Partition}:ec2:${Region}:${Account}:subnet/${SubnetId}'],
  'ec2:StartInstances': ['arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}'],
  'ec2:StopInstances': ['arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}'],
  'ecs:CreateService': ['arn:${Partition}:ecs:${Region}:${Account}:service/${ClusterName}/${ServiceName}'],
  'ecs:ExecuteCommand': ['arn:${Partition}:ecs:${Region}:${Account}:cluster/${ClusterName}', 'arn:${Partition}:ecs:${Region}:${Account}:task/${ClusterName}/${TaskId}'],
  'ecs:RegisterTaskDefinition': ['arn:${Partition}:ecs:${Region}:${Account}:task-definition/${TaskDefinitionFamilyName}:${TaskDefinitionRevisionNumber}'],
  'ecs:RunTask': ['arn:${Partition}:ecs:${Region}:${Account}:task-definition/${TaskDefinitionFamilyName}:${TaskDefinitionRevisionNumber}'],
  'ecs:StartTask': ['arn:${Partition}:ecs:${Region}:${Account}:task-definition/${TaskDefinitionFamilyName}:${TaskDefinitionRevisionNumber}'],
  'ecs:UpdateService': ['arn:${Partition}:ecs:${Region}:${Account}:service/${ClusterName}/${ServiceName}'],
  'glue:CreateDevEndpoint': [],
  'glue:CreateJob': ['arn:${Partition}:glue:${Region}:${Account}:job/${JobName}'],
  'glue:CreateTrigger': ['arn:${Partition}:glue:${Region}:${Account}:trigger/${TriggerName}'],
  'glue:StartJobRun': ['arn:${Partition}:glue:${Region}:${Account}:job/${JobName}'],
  'glue:UpdateDevEndpoint': ['arn:${Partition}:glue:${Region}:${Account}:devEndpoint/${DevEndpointName}'],
  'glue:UpdateJob': ['arn:${Partition}:glue:${Region}:${Account}:job/${JobName}'],
  'iam:AddUserToGroup': ['arn:${Partition}:iam::${Account}:group/${GroupNameWithPath}'],
  'iam:AttachGroupPolicy': ['arn:${Partition}:iam::${Account}:group/${GroupNameWithPath}'],
  'iam:AttachRolePolicy': ['arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}'],
  'iam:AttachUserPolicy': ['arn:${Partition}:iam::${Account}:user/${UserNameWithPath}'],
  'iam:CreateAccessKey': ['arn:${Partition}:iam::${Account}:user/${UserNameWithPath}'],
  'iam:CreateLoginProfile': ['arn:${Partition}:iam::${Account}:user/${UserNameWithPath}'],
  'iam:CreatePolicyVersion': ['arn:${Partition}:iam::${Account}:policy/${PolicyNameWithPath}'],
  'iam:DeleteRolePermissionsBoundary': ['arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}'],
  'iam:DeleteUserPermissionsBoundary': ['arn:${Partition}:iam::${Account}:user/${UserNameWithPath}'],
  'iam:PassRole': ['arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}'],
  'iam:PutGroupPolicy': ['arn:${Partition}:iam::${Account}:group/${GroupNameWithPath}'],
  'iam:PutRolePermissionsBoundary': ['arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}'],
  'iam:PutRolePolicy': ['arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}'],
  'iam:PutUserPermissionsBoundary': ['arn:${Partition}:iam::${Account}:user/${UserNameWithPath}'],
  'iam:PutUserPolicy': ['arn:${Partition}:iam::${Account}:user/${UserNameWithPath}'],
  'iam:SetDefaultPolicyVersion': ['arn:${Partition}:iam::${Account}:policy/${PolicyNameWithPath}'],
  'iam:UpdateAssumeRolePolicy': ['arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}'],
  'iam:UpdateLoginProfile': ['arn:${Partition}:iam::${Account}:user/${UserNameWithPath}'],
  'lambda:AddPermission': ['arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}'],
  'lambda:CreateEventSourceMapping': [],
  'lambda:CreateFunction': ['arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}'],
  'lambda:InvokeFunction': ['arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}'],
  'lambda:UpdateFunctionCode': ['arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}'],
  'lambda:UpdateFunctionConfiguration': ['arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}'],
  'sagemaker:CreateNotebookInstance': ['arn:${Partition}:sagemaker:${Region}:${Account}:notebook-instance/${NotebookInstanceName}'],
  'sagemaker:CreateNotebookInstanceLifecycleConfig': ['arn:${Partition}:sagemaker:${Region}:${Account}:notebook-instance-lifecycle-config/${NotebookInstanceLifecycleConfigName}'],
  'sagemaker:CreatePresignedNotebookInstanceUrl': ['arn:${Partition}:sagemaker:${Region}:${Account}:notebook-instance/${NotebookInstanceName}'],
  'sagemaker:CreateProcessingJob': ['arn:${Partition}:sagemaker:${Region}:${Account}:processing-job/${ProcessingJobName}'],
  'sagemaker:CreateTrainingJob': ['arn:${Partition}:sagemaker:${Region}:${Account}:training-job/${TrainingJobName}'],
  'sagemaker:StartNotebookInstance': ['arn:${Partition}:sagemaker:${Region}:${Account}:notebook-instance/${NotebookInstanceName}'],
  'sagemaker:StopNotebookInstance': ['arn:${Partition}:sagemaker:${Region}:${Account}:notebook-instance/${NotebookInstanceName}'],
  'sagemaker:UpdateNotebookInstance': ['arn:${Partition}:sagemaker:${Region}:${Account}:notebook-instance/${NotebookInstanceName}'],
  'ssm:SendCommand': ['arn:${Partition}:ssm:${Region}:${Account}:document/${DocumentName}', 'arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}', 'arn:${Partition}:ssm:${Region}:${Account}:managed-instance/${InstanceId}'],
  'ssm:StartSession': ['arn:${Partition}:ssm:${Region}:${Account}:document/${DocumentName}', 'arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}', 'arn:${Partition}:ssm:${Region}:${Account}:managed-instance/${InstanceId}', 'arn:${Partition}:ecs:${Region}:${Account}:task/${TaskId}'],
  'sts:AssumeRole': ['arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}'],
};

/**
 * AWS-owned SSM documents carry no account in their ARN ("The account ID shouldn't be specified in
 * the ARN for AWS owned public documents",
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-setup-identity-based-policies.html).
 */
const AWS_OWNED_FORMS: Readonly<Record<string, readonly string[]>> = {
  'ssm:SendCommand': ['arn:${Partition}:ssm:${Region}::document/${DocumentName}'],
};

/**
 * The paths issue 12 requires at minimum, as action sets: each must be detectable, i.e. some path
 * needs nothing outside the set. The set is what an attacker holding exactly those actions has.
 */
const REQUIRED: readonly (readonly string[])[] = [
  ['sts:AssumeRole'],
  ['lambda:UpdateFunctionCode'],
  ['lambda:UpdateFunctionConfiguration'],
  ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'],
  ['iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping'],
  ['iam:PassRole', 'lambda:CreateFunction', 'lambda:AddPermission'],
  ['iam:PassRole', 'glue:CreateDevEndpoint'],
  ['iam:PassRole', 'glue:CreateJob', 'glue:StartJobRun'],
  ['glue:UpdateDevEndpoint'],
  ['iam:PassRole', 'cloudformation:CreateStack'],
  ['iam:PassRole', 'cloudformation:UpdateStack'],
  ['iam:PassRole', 'datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition', 'datapipeline:ActivatePipeline'],
  ['iam:PassRole', 'codebuild:CreateProject', 'codebuild:StartBuild'],
  ['iam:PassRole', 'sagemaker:CreateNotebookInstance', 'sagemaker:CreatePresignedNotebookInstanceUrl'],
  ['iam:PassRole', 'sagemaker:CreateTrainingJob'],
  ['iam:PassRole', 'sagemaker:CreateProcessingJob'],
  ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:RunTask'],
  ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:CreateService'],
  ['iam:PassRole', 'autoscaling:CreateLaunchConfiguration', 'autoscaling:CreateAutoScalingGroup'],
  // An Auto Scaling group built from a launch template also needs ec2:RunInstances (and PassRole):
  // https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-api-permissions.html
  ['iam:PassRole', 'ec2:CreateLaunchTemplate', 'autoscaling:CreateAutoScalingGroup', 'ec2:RunInstances'],
  ['iam:PassRole', 'ec2:RunInstances'],
  ['ssm:SendCommand'],
  ['ssm:StartSession'],
  ['ec2-instance-connect:SendSSHPublicKey'],
  ['ec2:ModifyInstanceAttribute', 'ec2:StopInstances', 'ec2:StartInstances'],
  ['iam:DeleteRolePermissionsBoundary'],
  ['iam:DeleteUserPermissionsBoundary'],
  ['iam:PutRolePermissionsBoundary'],
  ['iam:PutUserPermissionsBoundary'],
  ['iam:CreateLoginProfile'],
  ['iam:UpdateLoginProfile'],
  ['iam:CreateAccessKey'],
  ['iam:AddUserToGroup'],
  ['iam:AttachUserPolicy'],
  ['iam:AttachGroupPolicy'],
  ['iam:AttachRolePolicy'],
  ['iam:PutUserPolicy'],
  ['iam:PutGroupPolicy'],
  ['iam:PutRolePolicy'],
  ['iam:CreatePolicyVersion'],
  ['iam:SetDefaultPolicyVersion'],
  ['iam:UpdateAssumeRolePolicy'],
];

/** Ids that findings and reports already carry: they must never change. */
const STABLE_IDS = [
  'passrole-ec2',
  'passrole-lambda-invoke',
  'passrole-lambda-event-source',
  'passrole-cloudformation',
  'passrole-glue',
  'attach-user-policy',
  'attach-group-policy',
  'attach-role-policy',
  'put-user-policy',
  'put-group-policy',
  'put-role-policy',
  'create-policy-version',
  'set-default-policy-version',
  'create-access-key',
  'create-login-profile',
  'update-login-profile',
  'update-assume-role-policy',
  'add-user-to-group',
];

const ACTION = /^[a-z0-9]+(?:-[a-z0-9]+)*:[A-Z][A-Za-z0-9]*$/;
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Escapes a literal for a RegExp. */
function literal(text: string): string {
  return text.replace(/[.+^${}()|[\]\\/?*-]/g, '\\$&');
}

/** Whether the template, read as an IAM glob (`*` any run; `{…}` literal), matches `text` in full. */
function templateMatches(template: string, text: string): boolean {
  const source = template.split('*').map(literal).join('.*');
  return new RegExp(`^${source}$`).test(text);
}

/** A resource of the reference's format with the template placeholders in place and sample names. */
function sampleOf(format: string): string {
  return format
    .replace(/\$\{Partition\}/g, '{partition}')
    .replace(/\$\{Region\}/g, '{region}')
    .replace(/\$\{Account\}/g, '{account}')
    .replace(/\$\{[A-Za-z]+\}/g, 'example');
}

/** The reference's format as a RegExp over templates: each name (`${RoleNameWithPath}`) any text. */
function formatRegex(format: string): RegExp {
  const source = sampleOf(format).split('example').map(literal).join('.+');
  return new RegExp(`^${source}$`);
}

/**
 * A template fits a format when it is that resource type either with wildcards for the names
 * (`stack/*`) or with one named resource (`document/AWS-RunShellScript`).
 */
function fits(template: string, format: string): boolean {
  return templateMatches(template, sampleOf(format)) || formatRegex(format).test(template);
}

function stepKey(path: EscalationPath): string {
  return path.steps
    .map((step) => `${[...step.anyOf].sort().join('|')}@${step.on}`)
    .sort()
    .join(' & ');
}

describe('the privilege-escalation catalog', () => {
  it('has unique kebab-case ids, and keeps every id reports already carry', () => {
    const ids = ESCALATION_PATHS.map((path) => path.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id, id).toMatch(KEBAB);
    for (const id of STABLE_IDS) expect(ids, id).toContain(id);
  });

  it('names exact IAM actions (service:Action, no wildcard), each once per step', () => {
    for (const path of ESCALATION_PATHS) {
      for (const step of path.steps) {
        expect(new Set(step.anyOf).size, path.id).toBe(step.anyOf.length);
        for (const action of step.anyOf) expect(action, `${path.id}: ${action}`).toMatch(ACTION);
      }
    }
  });

  it('uses resource templates that are * or an ARN with only the known placeholders', () => {
    const known = new Set<string>(TEMPLATE_PLACEHOLDERS);
    for (const path of ESCALATION_PATHS) {
      for (const { on } of path.steps) {
        if (on === '*') continue;
        const where = `${path.id}: ${on}`;
        expect(on, where).toMatch(/^arn:\{partition\}:[a-z0-9-]+:(?:\{region\})?:(?:\{account\})?:\S+$/);
        for (const match of on.matchAll(/\{([^}]*)\}/g)) expect(known.has(match[1] ?? ''), where).toBe(true);
        // Braces only as placeholders, `?` never: a template is a resource shape, not a pattern.
        expect(on.replace(/\{(?:partition|account|region)\}/g, ''), where).not.toMatch(/[{}?]/);
      }
    }
  });

  it('names, for every action, a resource type the Service Authorization Reference lists for it', () => {
    const actions = new Set(ESCALATION_PATHS.flatMap(pathActions));
    expect([...actions].filter((action) => !(action in SERVICE_AUTHORIZATION_REFERENCE))).toEqual([]);
    for (const path of ESCALATION_PATHS) {
      for (const step of path.steps) {
        for (const action of step.anyOf) {
          const formats = [...(SERVICE_AUTHORIZATION_REFERENCE[action] ?? []), ...(AWS_OWNED_FORMS[action] ?? [])];
          const where = `${path.id}: ${action} on ${step.on}`;
          if (formats.length === 0) {
            // No resource-level permissions: only "Resource": "*" grants it, so the step must say *.
            expect(step.on, where).toBe('*');
          } else {
            // With resource types, `*` would demand a Resource of * where a narrower one grants it.
            expect(step.on, where).not.toBe('*');
            expect(formats.some((format) => fits(step.on, format)), where).toBe(true);
          }
        }
      }
    }
  });

  it('gives every path a how and public https references, each distinct', () => {
    for (const path of ESCALATION_PATHS) {
      expect(path.how.length, path.id).toBeGreaterThan(10);
      expect(path.how, path.id).not.toMatch(/\n/);
      expect(new Set(path.references).size, path.id).toBe(path.references.length);
      for (const reference of path.references) {
        const url = new URL(reference);
        expect(url.protocol, `${path.id}: ${reference}`).toBe('https:');
        expect(url.hostname, `${path.id}: ${reference}`).toMatch(/\.[a-z]{2,}$/);
      }
    }
  });

  it('has no two paths with the same steps', () => {
    const keys = ESCALATION_PATHS.map(stepKey);
    const duplicates = keys.filter((key, index) => keys.indexOf(key) !== index);
    expect(duplicates).toEqual([]);
  });

  it.each(REQUIRED.map((actions) => [actions.join(' + '), actions] as const))('detects %s', (_name, actions) => {
    const held = new Set(actions);
    const covering = ESCALATION_PATHS.filter((path) => path.steps.every((step) => step.anyOf.some((action) => held.has(action))));
    expect(covering.map((path) => path.id)).not.toEqual([]);
  });

  it('describes steps in one line: ANDed with +, ORed in parentheses, repeated actions once', () => {
    const byId = (id: string): EscalationPath => {
      const path = ESCALATION_PATHS.find((candidate) => candidate.id === id);
      if (path === undefined) throw new Error(id);
      return path;
    };
    expect(describeSteps(byId('passrole-ec2'))).toBe('iam:PassRole + ec2:RunInstances');
    expect(describeSteps(byId('passrole-codebuild'))).toBe(
      'iam:PassRole + (codebuild:CreateProject | codebuild:UpdateProject) + (codebuild:StartBuild | codebuild:StartBuildBatch)',
    );
    expect(describeSteps(byId('ssm-send-command'))).toBe('ssm:SendCommand');
    expect(pathActions(byId('ssm-send-command'))).toEqual(['ssm:SendCommand']);
  });
});
