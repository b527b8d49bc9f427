/**
 * Exit codes and the one-line messages for everything that can stop a command. Only the CLI layer
 * turns errors into exit codes.
 */
export const EXIT = {
  /** Completed; nothing at or above --fail-on. */
  ok: 0,
  /** Completed; findings at or above --fail-on. */
  findings: 1,
  /** Usage or input error: bad flag, unknown profile, malformed file. */
  usage: 2,
  /** The scan could not run: no or expired credentials, nothing collected. */
  cannotRun: 3,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function usageError(message: string): CliError {
  return new CliError(message, EXIT.usage);
}

/**
 * Explains why the caller could not be identified, in the words a user can act on. The SDK's
 * errors are matched by name and message because the credential providers do not export codes.
 */
export function credentialFailure(cause: unknown, profile: string | undefined, profileFailure?: string): CliError {
  const e = cause as { name?: unknown; message?: unknown; code?: unknown };
  const name = typeof e?.name === 'string' ? e.name : '';
  const message = typeof e?.message === 'string' ? e.message : String(cause);
  const code = typeof e?.code === 'string' ? e.code : '';
  const profileHint = profile === undefined ? '' : ` --profile ${profile}`;

  // The chain's "Could not load credentials from any providers" hides the profile's own reason
  // (a missing source_profile, a failing credential_process); the SDK's words are the actionable ones.
  // Without a named profile, a default profile that is absent or holds no keys is just "no
  // credentials" (below); its source_profile or credential_process failing is still worth naming.
  const defaultUnresolved = profile === undefined && profileFailure !== undefined && /\[default\]|profile default could not be found/i.test(profileFailure);
  const ownReason = defaultUnresolved ? undefined : profileFailure;
  if (ownReason !== undefined && /could not load credentials/i.test(message)) {
    if (/sso/i.test(ownReason) && /(expired|invalid|refresh|token)/i.test(ownReason)) {
      return new CliError(`The AWS SSO session has expired or is invalid. Run 'aws sso login${profileHint}' and try again.`, EXIT.cannotRun);
    }
    return new CliError(`AWS profile '${profile ?? 'default'}' could not provide credentials: ${firstLine(ownReason)}`, EXIT.cannotRun);
  }

  if (/profile .*(could not be found|not found|does not exist)/i.test(message) || /could not find profile/i.test(message)) {
    return new CliError(`AWS profile ${profile === undefined ? '' : `'${profile}' `}not found in ~/.aws/config or ~/.aws/credentials. Check the name with 'aws configure list-profiles'.`, EXIT.usage);
  }
  if (/sso/i.test(message) && /(expired|invalid|refresh|token)/i.test(message)) {
    return new CliError(`The AWS SSO session has expired or is invalid. Run 'aws sso login${profileHint}' and try again.`, EXIT.cannotRun);
  }
  if (name === 'ExpiredToken' || name === 'ExpiredTokenException' || name === 'RequestExpired' || /expired/i.test(message)) {
    return new CliError('The AWS credentials have expired. Refresh them (e.g. a new session or role assumption) and try again.', EXIT.cannotRun);
  }
  if (/could not load credentials|credential.*(missing|not found)|unable to load credentials/i.test(message) || name === 'CredentialsProviderError') {
    return new CliError(
      "No AWS credentials found. Use --profile NAME (SSO profiles work after 'aws sso login'), set AWS_PROFILE, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
      EXIT.cannotRun,
    );
  }
  if (name === 'InvalidClientTokenId' || name === 'SignatureDoesNotMatch' || name === 'UnrecognizedClientException' || name === 'InvalidAccessKeyId') {
    return new CliError(`AWS rejected the credentials (${name}). Check the access key, secret and session token in use.`, EXIT.cannotRun);
  }
  if (name === 'AccessDenied' || name === 'AccessDeniedException') {
    return new CliError('The credentials were refused sts:GetCallerIdentity (AccessDenied). breachmap needs it to learn which account it scans.', EXIT.cannotRun);
  }
  if (['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN'].includes(code) || /ECONNREFUSED|ENOTFOUND|getaddrinfo|socket hang up/i.test(message)) {
    return new CliError(`Could not reach the AWS STS endpoint (${code === '' ? firstLine(message) : code}). Check the network, proxy, or the endpoint (--endpoint-url, AWS_ENDPOINT_URL).`, EXIT.cannotRun);
  }
  if (/region/i.test(message) && /missing|invalid/i.test(message)) {
    return new CliError(`No usable AWS region: ${firstLine(message)}. Set AWS_REGION or use a profile with a region.`, EXIT.usage);
  }
  return new CliError(`Could not identify the caller with sts:GetCallerIdentity: ${name === '' ? '' : `${name}: `}${firstLine(message)}`, EXIT.cannotRun);
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).slice(0, 300);
}
