import { defineCheck } from '../define.js';
import type { CheckOutcome } from '../define.js';
import { forEachRegion } from '../outcomes.js';
import type { LambdaEnvironmentMatch, LambdaEnvironmentSecrets, UserDataSecretKind } from '../../inventory/schema.js';

type ScannedFunction = Extract<LambdaEnvironmentSecrets[number]['result'], { ok: true }>['data']['functions'][number];

/** Credentials that work anywhere on their own are critical, as in user data; a password or token needs its service too. */
const CRITICAL_KINDS: ReadonlySet<UserDataSecretKind> = new Set(['aws-access-key-id', 'aws-secret-access-key', 'private-key']);

function location(match: LambdaEnvironmentMatch): string {
  return `${match.kind} in ${match.variable}${match.rule === 'name' ? ' (by its name)' : ''}`;
}

export default defineCheck({
  id: 'lambda-environment-secrets',
  title: 'Lambda environment variables hold no secrets',
  service: 'lambda',
  severity: 'high',
  rootCauses: ['secrets-compute'],
  needs: ['lambdaEnvironmentSecrets'],
  description:
    'Fails for each Lambda function version whose environment variables hold an AWS access key id, an AWS secret access key (by pattern, or any value in a variable whose name says it is a secret access key), a private key block, or a password, token or secret with a literal value. Variables that point at a secret (names ending in _ARN, _NAME, _ID, _PATH…, or values that are ARNs) do not count. Only the variable name and the kind of secret are collected and shown, never the value.',
  rationale:
    'Environment variables are configuration, not a secret store: anyone allowed lambda:ListFunctions or lambda:GetFunctionConfiguration (every read-only and audit role) reads them in clear text, and so does any code running in the function, including an attacker who gets code execution through the function\'s own input. Sysdig\'s SCARLETEEL case went from a Kubernetes foothold to IAM credentials kept in Lambda environment variables.',
  remediation: {
    summary:
      'Rotate every credential found (it has been readable all along), remove it from the function configuration and every published version, and have the function read it at run time from Secrets Manager or SSM Parameter Store with its execution role; use the execution role itself instead of AWS keys.',
    console: [
      'Rotate the exposed credential first: deactivate and replace the access key, the password or the token.',
      'Open the function, Configuration > Environment variables > Edit, remove the variable and keep only a reference (e.g. DB_PASSWORD_SECRET_ARN); publish a new version and delete old versions that still hold it.',
      'Grant the execution role secretsmanager:GetSecretValue on that one secret, or use the AWS Parameters and Secrets Lambda Extension to read and cache it.',
    ],
    cli: 'aws lambda list-functions --function-version ALL --query "Functions[].{fn:FunctionArn,vars:keys(Environment.Variables || `{}`)}"',
    terraform: [
      'resource "aws_lambda_function" "app" {',
      '  # ...',
      '  environment {',
      '    variables = {',
      '      DB_PASSWORD_SECRET_ARN = aws_secretsmanager_secret.db.arn # a reference, read at run time',
      '    }',
      '  }',
      '}',
    ].join('\n'),
    docs: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html',
  },
  attackSteps: [
    'Get a foothold that can read function configuration: any read-only IAM identity (lambda:ListFunctions returns every function\'s variables), or code execution inside the function through a bug in its input handling.',
    'Collect the access keys, database passwords and API tokens kept in the variables, from the current code and from every published version.',
    'Use them from anywhere: long-lived AWS keys outlive the function and reach whatever their user may do, far beyond the execution role.',
  ],
  // No CIS or Security Hub control covers secrets in Lambda environment variables (Security Hub's
  // Lambda.1–Lambda.7 cover resource policies, runtimes, VPC, AZs and tags).
  frameworks: {},
  // Not palo-alto-unit-42-2022-12: Unit 42's attacker read the execution role's temporary keys,
  // which Lambda injects into the runtime environment and ListFunctions never shows; the write-up
  // names no secret stored in the function's configuration, and the catalog rightly gives that
  // incident no secrets-compute cause.
  incidents: [
    {
      incident: 'sysdig-2023-02',
      kind: 'precondition',
      why: 'Sysdig reports that the SCARLETEEL attacker, once in through an exposed Kubernetes service, found IAM credentials stored in Lambda environment variables.',
      source: 'https://sysdig.com/blog/cloud-breach-terraform-data-theft/',
    },
  ],
  evaluate({ data, accountId, partition }) {
    return forEachRegion({ partition, accountId }, data.lambdaEnvironmentSecrets, {
      what: 'Lambda functions',
      action: 'lambda:ListFunctions',
      nothing: 'No Lambda function was found.',
      judge: ({ functions }, region) => functions.map((fn) => judgeFunction(fn, region)),
    });
  },
});

function judgeFunction(fn: ScannedFunction, region: string): CheckOutcome {
  const base = { resource: fn.arn, region };
  const label = fn.version === '$LATEST' ? `function ${fn.name}` : `function ${fn.name} version ${fn.version}`;
  const facts = { functionName: fn.name, version: fn.version, runtime: fn.runtime, kmsKeyArn: fn.kmsKeyArn };
  if (!fn.environment.ok) {
    return {
      ...base,
      status: 'unknown',
      message: `The environment variables of ${label} could not be read: ${fn.environment.error.message}`,
      evidence: { ...facts, errorCode: fn.environment.error.code, missingAction: fn.environment.error.action ?? null },
    };
  }
  const { variableCount, matches } = fn.environment.data;
  const kinds = [...new Set(matches.map((match) => match.kind))];
  const evidence = { ...facts, variableCount, secretKinds: kinds, secretVariables: [...new Set(matches.map((match) => match.variable))], secretLocations: matches.map(location) };
  if (matches.length === 0) {
    return {
      ...base,
      status: 'pass',
      message: variableCount === 0 ? `${capitalise(label)} has no environment variables.` : `No secret pattern was found in the ${variableCount} environment variable${variableCount === 1 ? '' : 's'} of ${label}.`,
      evidence,
    };
  }
  const critical = kinds.filter((kind) => CRITICAL_KINDS.has(kind));
  return {
    ...base,
    status: 'fail',
    ...(critical.length > 0 ? { severity: 'critical' as const, severityReason: `it holds ${critical.join(', ')}, usable from anywhere without the function` } : {}),
    message: `The environment variables of ${label} hold ${matches.length === 1 ? 'a secret' : `${matches.length} secrets`} (${matches.map(location).join(', ')}), readable in clear text by anyone with lambda:ListFunctions and by any code the function runs.`,
    evidence,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
