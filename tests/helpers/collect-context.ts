/**
 * A real ClientFactory and CollectContext for collector tests. Pair it with aws-sdk-client-mock
 * (which replaces `send`) or with a fake `requestHandler` (which keeps the whole SDK stack,
 * retries included, and only replaces the wire).
 */
import { EC2ServiceException } from '@aws-sdk/client-ec2';
import pLimit from 'p-limit';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import { ClientFactory } from '../../src/collect/clients.js';
import { CallRecorder } from '../../src/collect/recorder.js';
import { DEFAULT_CALL_BUDGETS, onceCache, type CallBudgets, type CollectContext } from '../../src/collect/types.js';
import type { Collected, Regional } from '../../src/inventory/schema.js';

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

/** An EC2 service error as the SDK throws it (after its own retries: `attempts`). */
export function ec2Error(name: string, httpStatusCode = 400, attempts = 1, message = name): EC2ServiceException {
  return new EC2ServiceException({ name, $fault: httpStatusCode >= 500 ? 'server' : 'client', $metadata: { httpStatusCode, attempts }, message });
}

/** One region's result of a regional slice; a missing region fails the test. */
export function regionResult<T>(regional: Regional<T>, region: string): Collected<T> {
  const entry = regional.find((r) => r.region === region);
  if (entry === undefined) throw new Error(`region ${region} missing`);
  return entry.result;
}

/** The data of a collected result; a failure fails the test with its error. */
export function okData<T>(collected: Collected<T>): T {
  if (!collected.ok) throw new Error(`expected ok, got ${JSON.stringify(collected.error)}`);
  return collected.data;
}
