/**
 * Finds secret-looking values in a Lambda function's environment variables and keeps only where
 * they are: the variable's name and the kind of secret. The values never leave this module (see
 * DESIGN.md: the snapshot never holds a secret), exactly as user-data-scan.ts does for EC2.
 *
 * Each variable is scanned as the line `NAME=value` with the user-data patterns, so the name gives
 * the value its meaning (`DB_PASSWORD=…` is a password assignment, `GITHUB_TOKEN=…` a token) and the
 * same reference rules apply (`…_ARN`, `…_NAME`, `…_ID`, `…_PATH` names point at a secret, they do
 * not hold one). Two rules are specific to environment variables:
 * - a value that is an ARN (`arn:aws:secretsmanager:…`, `arn:aws:ssm:…`) is a reference, so the
 *   assignment kinds (password, token, secret) do not fire on it; a key id or a private key in the
 *   value still does;
 * - a variable whose name ends in `SECRET_ACCESS_KEY` holds an AWS secret access key whatever its
 *   value looks like (Lambda reserves `AWS_SECRET_ACCESS_KEY` itself for the execution role's
 *   temporary key, so a configured one carries a prefix, e.g. `PROD_AWS_SECRET_ACCESS_KEY`:
 *   https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
 */
import type { LambdaEnvironmentMatch, UserDataSecretKind } from '../inventory/schema.js';
import { secretKindsInLine } from './user-data-scan.js';

/** Kinds that an assignment (`NAME=value`) produces; an ARN value turns them off. */
const ASSIGNMENT_KINDS: ReadonlySet<UserDataSecretKind> = new Set(['password-assignment', 'token-assignment', 'secret-assignment']);

const ARN_VALUE = /^arn:aws[a-z-]*:/;
const SECRET_ACCESS_KEY_NAME = /SECRET_?ACCESS_?KEY$/i;

function kindsOfVariable(name: string, value: string): LambdaEnvironmentMatch[] {
  if (value.trim() === '') return [];
  const isReference = ARN_VALUE.test(value.trim());
  const found = new Map<UserDataSecretKind, LambdaEnvironmentMatch['rule']>();
  // A value may span lines (a PEM private key pasted into a variable): scan each line, the first with its name.
  value.split(/\r?\n/).forEach((line, index) => {
    for (const kind of secretKindsInLine(index === 0 ? `${name}=${line}` : line)) {
      if (isReference && ASSIGNMENT_KINDS.has(kind)) continue;
      if (!found.has(kind)) found.set(kind, 'value');
    }
  });
  if (!isReference && SECRET_ACCESS_KEY_NAME.test(name) && !found.has('aws-secret-access-key')) found.set('aws-secret-access-key', 'name');
  // The secret key's name already says "secret"; do not count it twice (as user-data-scan.ts does).
  if (found.has('aws-secret-access-key')) found.delete('secret-assignment');
  return [...found].map(([kind, rule]) => ({ variable: name, kind, rule }));
}

/** The secrets among a function's environment variables, by variable name (sorted) and kind; never a value. */
export function scanEnvironmentVariables(variables: Readonly<Record<string, string | undefined>>): LambdaEnvironmentMatch[] {
  return Object.keys(variables)
    .sort()
    .flatMap((name) => kindsOfVariable(name, variables[name] ?? ''));
}
