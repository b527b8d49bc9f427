/**
 * breachmap is read-only by construction: this is the complete list of operation shapes it may
 * ever send to AWS. A middleware on every client refuses anything else before it is signed, and a
 * test checks every SDK command the source imports against the same rule.
 */
const ALLOWED_EXACT = new Set(['GenerateCredentialReport', 'GetCallerIdentity', 'AssumeRole']);
const ALLOWED_PREFIXES = ['Get', 'List', 'Describe'];

export function isReadOnlyOperation(operation: string): boolean {
  const name = operation.endsWith('Command') ? operation.slice(0, -'Command'.length) : operation;
  return ALLOWED_EXACT.has(name) || ALLOWED_PREFIXES.some((prefix) => name.startsWith(prefix));
}

export class MutatingOperationError extends Error {
  constructor(operation: string) {
    super(`breachmap refused to send ${operation}: only read-only operations are allowed`);
    this.name = 'MutatingOperationError';
  }
}

/**
 * The IAM action that authorizes an API operation. Mostly `service:Operation`; S3 names a few
 * differently, and S3 Control's account-level operations are authorized as `s3:` actions.
 */
export function iamActionFor(service: string, operation: string): string {
  if (service === 's3') {
    if (operation === 'ListBuckets') return 's3:ListAllMyBuckets';
    if (operation === 'GetPublicAccessBlock') return 's3:GetBucketPublicAccessBlock';
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
    if (operation === 'GetObjectLockConfiguration') return 's3:GetBucketObjectLockConfiguration';
    if (operation === 'GetBucketLifecycleConfiguration') return 's3:GetLifecycleConfiguration';
    return `s3:${operation}`;
  }
  if (service === 's3control') {
    if (operation === 'GetPublicAccessBlock') return 's3:GetAccountPublicAccessBlock';
    return `s3:${operation}`;
  }
  return `${service}:${operation}`;
}

/** Set on errors by the client middleware so a failure names the action that was refused. */
export const ACTION_PROPERTY = 'breachmapAction';

export function actionOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = (error as Record<string, unknown>)[ACTION_PROPERTY];
  return typeof value === 'string' ? value : undefined;
}
