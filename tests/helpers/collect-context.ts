/**
 * A real ClientFactory and CollectContext for collector tests. Pair it with aws-sdk-client-mock
 * (which replaces `send`) or with a fake `requestHandler` (which keeps the whole SDK stack,
 * retries included, and only replaces the wire).
 */
import pLimit from 'p-limit';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import { ClientFactory } from '../../src/collect/clients.js';
import { CallRecorder } from '../../src/collect/recorder.js';
import { DEFAULT_CALL_BUDGETS, onceCache, type CallBudgets, type CollectContext } from '../../src/collect/types.js';

export const TEST_ACCOUNT_ID = '123456789012';

export interface TestCollectContextOptions {
  regions?: readonly string[];
  homeRegion?: string;
  maxAttempts?: number;
  concurrency?: number;
  budgets?: Partial<CallBudgets>;
  /** Any object with `handle(request)`; see `fakeWire` in the tests that use it. */
  requestHandler?: { handle: (...args: any[]) => Promise<{ response: unknown }>; destroy?: () => void };
}

export interface TestCollectContext {
  context: CollectContext;
  recorder: CallRecorder;
  clients: ClientFactory;
  progressLines: string[];
}

export function buildCollectContext(options: TestCollectContextOptions = {}): TestCollectContext {
  const recorder = new CallRecorder();
  const homeRegion = options.homeRegion ?? 'us-east-1';
  const clients = new ClientFactory({
    credentials: { accessKeyId: 'unit-test', secretAccessKey: 'unit-test' },
    s3PathStyle: true,
    maxAttempts: options.maxAttempts ?? 3,
    homeRegion,
    recorder,
    ...(options.requestHandler === undefined
      ? {}
      : { requestHandler: { destroy: () => undefined, ...options.requestHandler } as unknown as NodeHttpHandler }),
  });
  const progressLines: string[] = [];
  const context: CollectContext = {
    accountId: TEST_ACCOUNT_ID,
    partition: 'aws',
    regions: options.regions ?? [homeRegion],
    clients,
    limit: pLimit(options.concurrency ?? 4),
    progress: (message) => progressLines.push(message),
    budgets: { ...DEFAULT_CALL_BUDGETS, ...options.budgets },
    once: onceCache(),
  };
  return { context, recorder, clients, progressLines };
}
