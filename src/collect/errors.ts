import type { Collected, CollectError } from '../inventory/schema.js';
import { actionOf } from './readonly.js';
import { isThrottlingCode } from './recorder.js';
import { sdkErrorShape } from './sdk-error.js';

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError', 'Forbidden']);

/**
 * Turns anything a collector caught into a one-line, secret-free reason. The action named is the
 * one the failing request needed when the client middleware tagged it, else the caller's guess.
 */
export function toCollectError(error: unknown, fallbackAction: string): CollectError {
  const action = actionOf(error) ?? fallbackAction;
  const e = sdkErrorShape(error);
  const status = e.httpStatusCode;
  const named = e.name !== undefined && e.name !== 'Error' ? e.name : (e.code ?? 'UnknownError');
  // A REST-XML service (S3 Control, S3) that refuses a request with a bare HTTP 403 and no error
  // body leaves the SDK nothing to name: it uses the status ("403") or "UnknownError". A 403
  // with a real code (SignatureDoesNotMatch, ExpiredToken, …) keeps that code.
  const code = status === 403 && (named === 'UnknownError' || /^\d+$/.test(named)) ? 'AccessDenied' : named;
  const raw = e.message !== undefined && e.message.length > 0 ? e.message : String(error);
  const firstLine = raw.split('\n')[0] ?? raw;
  let message: string;
  if (ACCESS_DENIED.has(code)) message = `access denied: the scanning identity lacks ${action}`;
  else if (isThrottlingCode(code)) message = `throttled by AWS after all retries (${action})`;
  else if (status === 501 || code === 'NotImplemented' || /not implemented/i.test(firstLine)) message = `${action} is not implemented by this endpoint`;
  else message = `${action} failed: ${firstLine.slice(0, 300)}`;
  return { code, message, action };
}

/** Runs one AWS read and captures its failure as data instead of letting it abort the scan. */
export async function settle<T>(action: string, read: () => Promise<T>): Promise<Collected<T>> {
  try {
    return { ok: true, data: await read() };
  } catch (error) {
    return { ok: false, error: toCollectError(error, action) };
  }
}
