/**
 * Lambda: every function version of each region with its environment variables scanned for secrets.
 * ListFunctions returns each version's configuration, environment included, so one paginated
 * listing per region is enough and no function costs a call of its own
 * (https://docs.aws.amazon.com/lambda/latest/api/API_ListFunctions.html). The variables are scanned
 * here and dropped: only the variable names and kinds of what matched are kept.
 */
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { LambdaEnvironmentSecrets } from '../inventory/schema.js';
import { perRegion } from './ec2.js';
import { scanEnvironmentVariables } from './environment-scan.js';
import type { CollectContext, SliceCollector } from './types.js';

type ScannedFunction = Extract<LambdaEnvironmentSecrets[number]['result'], { ok: true }>['data']['functions'][number];

/** AWS error messages name keys and functions, never a variable's value; keep them short anyway. */
const MAX_ERROR_MESSAGE = 300;

/** $LATEST keeps the plain function ARN (the one users know); a published version is qualified. */
function versionArn(functionArn: string, version: string): string {
  const unqualified = functionArn.replace(/:(?:\$LATEST|\d+)$/, '');
  return version === '$LATEST' ? unqualified : `${unqualified}:${version}`;
}

export function toScannedFunction(fn: FunctionConfiguration): ScannedFunction[] {
  const name = fn.FunctionName;
  const functionArn = fn.FunctionArn;
  if (name === undefined || functionArn === undefined) return [];
  const version = fn.Version ?? '$LATEST';
  const error = fn.Environment?.Error;
  // EnvironmentResponse: Error is set, and Variables left out, when Lambda could not return the
  // variables, e.g. it may not decrypt them with the function's customer managed key for this
  // caller (https://docs.aws.amazon.com/lambda/latest/api/API_EnvironmentResponse.html).
  const environment: ScannedFunction['environment'] =
    error !== undefined && (error.ErrorCode !== undefined || error.Message !== undefined)
      ? {
          ok: false,
          error: {
            code: error.ErrorCode ?? 'EnvironmentError',
            message: `Lambda did not return the environment variables (${error.ErrorCode ?? 'EnvironmentError'}: ${(error.Message ?? 'no message').slice(0, MAX_ERROR_MESSAGE)})${fn.KMSKeyArn === undefined ? '' : `; reading them needs kms:Decrypt on ${fn.KMSKeyArn}`}`,
          },
        }
      : {
          ok: true,
          data: {
            variableCount: Object.keys(fn.Environment?.Variables ?? {}).length,
            matches: scanEnvironmentVariables(fn.Environment?.Variables ?? {}),
          },
        };
  return [
    {
      name,
      arn: versionArn(functionArn, version),
      version,
      runtime: fn.Runtime ?? null,
      kmsKeyArn: fn.KMSKeyArn === undefined || fn.KMSKeyArn === '' ? null : fn.KMSKeyArn,
      environment,
    },
  ];
}

async function listRegionFunctions(context: CollectContext, region: string): Promise<{ functions: ScannedFunction[] }> {
  const client = context.clients.lambda(region);
  const functions: ScannedFunction[] = [];
  let marker: string | undefined;
  do {
    const current = marker;
    // FunctionVersion=ALL: a published version keeps the variables it was published with, so a
    // secret removed from $LATEST may still sit in version 3.
    const page = await context.limit(() =>
      client.send(new ListFunctionsCommand({ FunctionVersion: 'ALL', ...(current === undefined ? {} : { Marker: current }) })),
    );
    for (const fn of page.Functions ?? []) functions.push(...toScannedFunction(fn));
    marker = page.NextMarker === undefined || page.NextMarker === '' ? undefined : page.NextMarker;
  } while (marker !== undefined);
  functions.sort((a, b) => a.arn.localeCompare(b.arn));
  return { functions };
}

export const lambdaEnvironmentSecretsCollector: SliceCollector<'lambdaEnvironmentSecrets'> = {
  slice: 'lambdaEnvironmentSecrets',
  collect: (context) => perRegion(context, 'lambda:ListFunctions', (region) => listRegionFunctions(context, region)),
};
