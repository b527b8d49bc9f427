import type { CallStat, CollectionStats } from '../inventory/schema.js';

export interface CallRecord {
  service: string;
  operation: string;
  region: string;
  durationMs: number;
  attempts: number;
  outcome: 'ok' | 'error';
  errorCode?: string;
}

const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'SlowDown',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
]);

export function isThrottlingCode(code: string | undefined): boolean {
  return code !== undefined && THROTTLING_CODES.has(code);
}

/** Collects one record per AWS command sent (retries are counted in `attempts`). */
export class CallRecorder {
  readonly records: CallRecord[] = [];
  private readonly listeners: ((record: CallRecord) => void)[] = [];

  record(record: CallRecord): void {
    this.records.push(record);
    for (const listener of this.listeners) listener(record);
  }

  onRecord(listener: (record: CallRecord) => void): void {
    this.listeners.push(listener);
  }

  stats(durationMs: number): CollectionStats {
    const byOperation = new Map<string, CallStat>();
    for (const r of this.records) {
      const key = `${r.service}:${r.operation}`;
      const stat = byOperation.get(key) ?? { service: r.service, operation: r.operation, calls: 0, errors: 0, throttled: 0, totalMs: 0 };
      stat.calls += 1;
      if (r.outcome === 'error') stat.errors += 1;
      // Every attempt beyond the first was a retry; the SDK retries throttling and transient errors.
      stat.throttled += Math.max(0, r.attempts - 1) + (isThrottlingCode(r.errorCode) ? 1 : 0);
      stat.totalMs += r.durationMs;
      byOperation.set(key, stat);
    }
    const calls = [...byOperation.values()]
      .map((s) => ({ ...s, totalMs: Math.round(s.totalMs) }))
      .sort((a, b) => `${a.service}:${a.operation}`.localeCompare(`${b.service}:${b.operation}`));
    return { durationMs: Math.round(durationMs), totalCalls: this.records.length, calls };
  }
}
