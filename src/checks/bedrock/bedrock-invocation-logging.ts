import { accountArn } from '../arn.js';
import { defineCheck } from '../define.js';
import type { CheckOutcome } from '../define.js';
import { forEachRegion } from '../outcomes.js';
import type { AuthorizationDetails, BedrockInvocationLogging } from '../../inventory/schema.js';
import { describeGaps, identityAllows, identityGaps, rolePolicies, userPolicies, type IdentityPolicies, type PolicyGap } from '../../policy/iam.js';
import type { EscalationStep } from '../../policy/escalation-paths.js';

type RegionLogging = Extract<BedrockInvocationLogging[number]['result'], { ok: true }>['data'];

/**
 * "Invoke any model" in one region: bedrock:InvokeModel or bedrock:InvokeModelWithResponseStream
 * (Converse and ConverseStream are authorized by the same two actions) on every foundation model
 * of the region, whose ARNs have no account: arn:aws:bedrock:REGION::foundation-model/MODEL
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/security_iam_id-based-policy-examples.html).
 * `Resource: "*"`, `arn:aws:bedrock:*::foundation-model/*` and `bedrock:Invoke*` all reach it; a
 * policy naming a few models does not. The IAM evaluator (src/policy/iam.ts) applies Denies,
 * permissions boundaries, NotAction/NotResource and conditions exactly as for the other checks.
 */
function invokeAnyModel(partition: string, region: string): EscalationStep {
  return { anyOf: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], on: `arn:${partition}:bedrock:${region}::foundation-model/*` };
}

interface Principal {
  arn: string;
  identity: IdentityPolicies;
}

/** Users (with their groups' policies) and roles; service-linked roles cannot be assumed by anyone but their service. */
function principalsOf(details: AuthorizationDetails): Principal[] {
  return [
    ...details.users.map((user) => ({ arn: user.arn, identity: userPolicies(user, details) })),
    ...details.roles.filter((role) => !role.path.startsWith('/aws-service-role/')).map((role) => ({ arn: role.arn, identity: rolePolicies(role, details) })),
  ];
}

interface RegionInvokers {
  /** Principals allowed to invoke every model outright. */
  invokers: string[];
  /** Principals allowed only under a condition the inventory cannot decide (source IP, MFA, tags). */
  conditional: string[];
  /** Principals whose policies could not all be read: nothing about them is proven. */
  gaps: PolicyGap[];
}

function invokersIn(principals: readonly Principal[], partition: string, region: string): RegionInvokers {
  const step = invokeAnyModel(partition, region);
  const result: RegionInvokers = { invokers: [], conditional: [], gaps: [] };
  for (const { arn, identity } of principals) {
    const allowed = identityAllows(identity, step);
    if (allowed === 'unconditional') result.invokers.push(arn);
    else if (allowed === 'conditional') result.conditional.push(arn);
    const gaps = identityGaps(identity);
    result.gaps.push(...gaps.blocking, ...gaps.other);
  }
  return result;
}

/** At most this many principal ARNs in a message; the evidence lists them all. */
const NAMED_IN_MESSAGE = 3;

function named(arns: readonly string[]): string {
  const shown = arns.slice(0, NAMED_IN_MESSAGE).join(', ');
  return arns.length > NAMED_IN_MESSAGE ? `${shown} and ${arns.length - NAMED_IN_MESSAGE} more` : shown;
}

export default defineCheck({
  id: 'bedrock-invocation-logging',
  title: 'Bedrock model invocation logging is on wherever principals may invoke any model',
  service: 'bedrock',
  severity: 'medium',
  rootCauses: ['creds-unspecified'],
  limitsAftermath: true,
  needs: ['bedrockInvocationLogging', 'authorizationDetails'],
  description:
    'Fails for each region where Bedrock model invocation logging is off (no logging configuration, or one without a CloudWatch Logs or S3 destination) while some IAM user or role may call bedrock:InvokeModel or InvokeModelWithResponseStream on every foundation model of the region. Passes where logging is on, or where no principal holds that right; a region without a Bedrock endpoint is not applicable.',
  rationale:
    'LLMjacking turns any stolen credential that may invoke models into a bill of thousands of dollars a day, and the first thing defenders want is the prompts, models and identities involved. Model invocation logging is disabled by default; without it Bedrock calls leave only CloudTrail management events, which do not show what was asked or how much was generated. Stolen credentials spent on hosted models are reported by Sysdig, Lacework, Permiso and Wiz.',
  remediation: {
    summary:
      'Turn on model invocation logging in every region where Bedrock can be used, to a CloudWatch Logs group or S3 bucket in that region, and narrow bedrock:InvokeModel* grants to the models and principals that need them.',
    console: [
      'Open the Amazon Bedrock console in the region, then Settings (Bedrock configurations) > Model invocation logging.',
      'Turn logging on, choose the data to include (text at least), and a CloudWatch Logs group or S3 bucket in the same region with a service role that may write to it.',
      'Repeat in every region listed by this check, and replace `"Resource": "*"` grants of bedrock:InvokeModel with the model ARNs in use.',
    ],
    cli: 'aws bedrock put-model-invocation-logging-configuration --region REGION --logging-config \'{"cloudWatchConfig":{"logGroupName":"/bedrock/invocations","roleArn":"arn:aws:iam::ACCOUNT:role/BedrockLogging"},"textDataDeliveryEnabled":true}\'',
    terraform: [
      'resource "aws_bedrock_model_invocation_logging_configuration" "main" {',
      '  logging_config {',
      '    text_data_delivery_enabled = true',
      '    cloudwatch_config {',
      '      log_group_name = aws_cloudwatch_log_group.bedrock.name',
      '      role_arn       = aws_iam_role.bedrock_logging.arn',
      '    }',
      '  }',
      '}',
    ].join('\n'),
    docs: 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html',
  },
  attackSteps: [
    'Obtain any credential of a user or role whose policy allows bedrock:InvokeModel on `*` (leaked keys, an exploited application, a stolen session).',
    'Check whether invocation logging is on (bedrock:GetModelInvocationLoggingConfiguration), then call or resell access to the most expensive models in regions where it is off.',
    'Run up model usage that the account sees only as a bill: without invocation logs nobody can tell which prompts were sent, by whom, or stop it quickly.',
  ],
  // No CIS or Security Hub control covers Bedrock model invocation logging.
  frameworks: {},
  incidents: [
    {
      incident: 'lacework-2024-06',
      kind: 'related',
      why: 'Lacework describes compromised credentials used to hijack access to cloud-hosted AI models, the abuse that invocation logs would show.',
      source: 'https://www.lacework.com/blog/detecting-ai-resource-hijacking-with-composite-alerts',
    },
    {
      incident: 'permiso-2024-10',
      kind: 'related',
      why: 'Permiso describes stolen cloud credentials spent on invoking hosted models, the abuse that invocation logs would show.',
      source: 'https://permiso.io/blog/exploiting-hosted-models',
    },
    {
      incident: 'wiz-2024-12',
      kind: 'related',
      why: 'Wiz describes compromised AWS credentials used to invoke Bedrock models (LLM hijacking), the abuse that invocation logs would show.',
      source: 'https://www.wiz.io/blog/jinx-2401-llm-hijacking-aws',
    },
  ],
  patterns: ['llmjacking'],
  evaluate({ data, accountId, partition }) {
    const principals = principalsOf(data.authorizationDetails);
    return forEachRegion({ partition, accountId }, data.bedrockInvocationLogging, {
      what: 'the Bedrock invocation logging configuration',
      action: 'bedrock:GetModelInvocationLoggingConfiguration',
      nothing: 'No region was scanned.',
      judge: (logging, region) => [judgeRegion(logging, region, principals, partition, accountId)],
    });
  },
});

function judgeRegion(logging: RegionLogging, region: string, principals: readonly Principal[], partition: string, accountId: string): CheckOutcome {
  // One result per region for the account: the logging configuration is a per-region account setting.
  const base = { resource: accountArn(partition, accountId), qualifier: `region:${region}`, region };
  if (logging.notOffered !== null) {
    return { ...base, status: 'not_applicable', message: `Bedrock is not offered in ${region}: ${logging.notOffered}.`, evidence: { bedrockOffered: false, reason: logging.notOffered } };
  }
  if (logging.logging !== null) {
    const { cloudWatchLogGroup, s3Destination, dataDelivery } = logging.logging;
    const where = [cloudWatchLogGroup === null ? null : `CloudWatch Logs ${cloudWatchLogGroup}`, s3Destination === null ? null : `S3 ${s3Destination}`].filter((item) => item !== null).join(' and ');
    return {
      ...base,
      status: 'pass',
      message: `Bedrock model invocation logging is on in ${region}, to ${where}.`,
      evidence: { loggingEnabled: true, cloudWatchLogGroup, s3Destination, dataDelivery },
    };
  }
  const found = invokersIn(principals, partition, region);
  const evidence = {
    loggingEnabled: false,
    principalsInvokingAnyModel: found.invokers,
    principalsInvokingAnyModelUnderCondition: found.conditional,
    unreadablePolicies: found.gaps.map((gap) => gap.source),
  };
  if (found.invokers.length > 0 || found.conditional.length > 0) {
    const all = [...found.invokers, ...found.conditional];
    const onlyConditional = found.invokers.length === 0;
    return {
      ...base,
      status: 'fail',
      ...(onlyConditional ? { severity: 'low' as const, severityReason: 'every grant holds only under a condition' } : {}),
      message: `Bedrock model invocation logging is off in ${region}, where ${all.length} principal${all.length === 1 ? '' : 's'} may invoke every foundation model (${named(all)}): model abuse there would leave no invocation log.`,
      evidence,
    };
  }
  if (found.gaps.length > 0) {
    return {
      ...base,
      status: 'unknown',
      message: `Bedrock model invocation logging is off in ${region}, and whether any principal may invoke every model there is unknown: some policies could not be read (${describeGaps(found.gaps.slice(0, NAMED_IN_MESSAGE))}).`,
      evidence: { ...evidence, missingAction: 'iam:GetAccountAuthorizationDetails' },
    };
  }
  return {
    ...base,
    status: 'pass',
    message: `Bedrock model invocation logging is off in ${region}, but no IAM user or role may invoke every foundation model there; turn logging on before granting such access.`,
    evidence,
  };
}
