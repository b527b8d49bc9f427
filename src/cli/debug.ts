/**
 * `--debug`: one stderr line per AWS command. It is built only from the call recorder's fields
 * (service, operation, region, duration, attempts, outcome, error code), never from the request or
 * the error message, so credentials, session tokens and request signatures cannot reach it.
 */
import type { CallRecord } from '../collect/recorder.js';
import { sanitizeInline } from '../report/sanitize.js';

export function debugLine(record: CallRecord): string {
  const retries = Math.max(0, record.attempts - 1);
  const outcome = record.outcome === 'ok' ? 'ok' : `error ${sanitizeInline(record.errorCode ?? 'unknown')}`;
  return `breachmap: debug: ${record.service} ${record.operation} ${record.region} ${Math.round(record.durationMs)}ms ${outcome} attempts=${record.attempts} retries=${retries}\n`;
}
