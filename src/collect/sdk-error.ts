/**
 * The one probe of what an AWS SDK client threw. The SDK throws `ServiceException`s carrying
 * `name` (the AWS error code), `message` and `$metadata` (HTTP status, attempts); an error the SDK
 * did not model (S3's XML answers, some emulators) may carry the code in `Code` instead. Anything
 * else (a string, a TypeError from a bug) yields an empty shape, never a crash.
 */
export interface SdkErrorShape {
  name: string | undefined;
  /** The `Code` of an unmodelled error document (S3). */
  code: string | undefined;
  message: string | undefined;
  httpStatusCode: number | undefined;
  attempts: number | undefined;
}

export function sdkErrorShape(error: unknown): SdkErrorShape {
  if (typeof error !== 'object' || error === null) {
    return { name: undefined, code: undefined, message: undefined, httpStatusCode: undefined, attempts: undefined };
  }
  const e = error as { name?: unknown; Code?: unknown; message?: unknown; $metadata?: { httpStatusCode?: unknown; attempts?: unknown } };
  const metadata = typeof e.$metadata === 'object' && e.$metadata !== null ? e.$metadata : {};
  return {
    name: typeof e.name === 'string' ? e.name : undefined,
    code: typeof e.Code === 'string' ? e.Code : undefined,
    message: typeof e.message === 'string' ? e.message : undefined,
    httpStatusCode: typeof metadata.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined,
    attempts: typeof metadata.attempts === 'number' ? metadata.attempts : undefined,
  };
}
