/**
 * A loopback HTTP proxy between the breachmap CLI and moto that makes moto look like AWS over a
 * real network on a bad day: a fixed latency per request, and per-operation faults at a chosen
 * rate (throttling in each protocol's own dialect, HTTP 500/503, connection resets, answers slower
 * than the client's timeout, truncated and malformed bodies).
 *
 * Used by the fault matrix (tests/e2e/faults.test.ts) and the benchmark (bench/run.ts). The CLI
 * points AWS_ENDPOINT_URL at `http://localhost:<proxy port>`; the Host header is forwarded as is,
 * so S3 Control's `<account>.localhost` host keeps reaching moto's S3 Control backend.
 *
 * Deterministic with a seed: whether a request is faulted depends only on the seed, the request's
 * identity (method, host without port, path, query, body; never the signature or the clock) and
 * how many times that same request was seen before. Concurrency changes the order of requests,
 * not which ones fail, so a failing run can be replayed.
 */
import { createHash } from 'node:crypto';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAULT_KINDS = ['throttle', 'server-error', 'reset', 'timeout', 'truncated', 'malformed'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** How a request reached the proxy, reduced to what AWS would call it. */
export interface WireOperation {
  /** `iam`, `sts`, `s3`, `s3control`, `ec2`, `organizations`, … (from the SigV4 scope and the path). */
  service: string;
  /** The API operation, e.g. `GetBucketAcl`, `DescribeSnapshots`. */
  operation: string;
  /** AWS's wire protocol for the service: decides the dialect of an injected error. */
  protocol: 'query' | 'ec2' | 'rest-xml' | 'json' | 'rest-json';
}

export interface FaultRule {
  kind: FaultKind;
  /** 0..1: the share of matching requests that get this fault. */
  rate: number;
  /** Only these services (default: every service). */
  services?: readonly string[];
  /** Only these operations (default: every operation of the matched services). */
  operations?: readonly string[];
}

export interface ProxyOptions {
  /** moto's endpoint, e.g. `http://localhost:5000`. */
  target: string;
  /** Added before every request is forwarded (a round trip to AWS). Default 0. */
  latencyMs?: number;
  /** First matching rule whose dice roll hits wins; later rules get no roll. */
  rules?: readonly FaultRule[];
  seed?: number;
  /** How long a `timeout` fault holds the request before forwarding it (longer than the client's timeout). */
  slowResponseMs?: number;
}

export interface ProxyCounts {
  /** Every request seen, retries included. */
  requests: number;
  /** Requests per `service:operation`, retries included. */
  byOperation: Record<string, number>;
  /** Injected faults per kind. */
  faults: Record<FaultKind, number>;
  /** Injected faults per `service:operation`. */
  faultsByOperation: Record<string, number>;
}

export interface WireProxy {
  endpoint: string;
  port: number;
  counts: () => ProxyCounts;
  /** Replaces the fault rules (e.g. between a provisioning phase and a scan). */
  setRules: (rules: readonly FaultRule[]) => void;
  close: () => Promise<void>;
}

// ---------------------------------------------------------------- naming the operation

/** The signing service of a SigV4 request: `Credential=AKID/20260101/us-east-1/<service>/aws4_request`. */
function signingService(headers: IncomingMessage['headers']): string | undefined {
  const authorization = headers['authorization'];
  const scope = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(typeof authorization === 'string' ? authorization : '');
  return scope?.[1];
}

/** The S3 bucket subresources breachmap reads, as S3 names their GET operations. */
const S3_SUBRESOURCE_OPERATIONS: Readonly<Record<string, string>> = {
  acl: 'GetBucketAcl',
  policy: 'GetBucketPolicy',
  policyStatus: 'GetBucketPolicyStatus',
  publicAccessBlock: 'GetPublicAccessBlock',
  location: 'GetBucketLocation',
};

/** The REST-JSON reads breachmap sends, by method and path; any other is named `METHOD /path`. */
const REST_JSON_OPERATIONS: readonly (readonly [string, RegExp, string])[] = [
  ['GET', /^\/2015-03-31\/functions\/?$/, 'ListFunctions'],
  ['GET', /^\/clusters\/?$/, 'ListClusters'],
  ['GET', /^\/clusters\/[^/]+\/?$/, 'DescribeCluster'],
  ['GET', /^\/logging\/modelinvocations\/?$/, 'GetModelInvocationLoggingConfiguration'],
  ['GET', /^\/detector\/?$/, 'ListDetectors'],
  ['GET', /^\/detector\/[^/]+\/?$/, 'GetDetector'],
];

function restJsonOperation(method: string, path: string): string {
  return REST_JSON_OPERATIONS.find(([verb, pattern]) => verb === method && pattern.test(path))?.[2] ?? `${method} ${path}`;
}

export function operationOfRequest(method: string, url: string, headers: IncomingMessage['headers'], body: string): WireOperation {
  const parsed = new URL(url, 'http://proxy.invalid');
  const target = headers['x-amz-target'];
  const service = signingService(headers) ?? 'unsigned';
  if (typeof target === 'string') {
    return { service, operation: target.split('.').at(-1) ?? target, protocol: 'json' };
  }
  const action = parsed.searchParams.get('Action') ?? (method === 'POST' ? new URLSearchParams(body).get('Action') : null);
  if (action !== null) return { service, operation: action, protocol: service === 'ec2' ? 'ec2' : 'query' };
  // S3 Control is REST on the s3 signing name; its paths carry the API version.
  if (parsed.pathname.startsWith('/v20180820/')) {
    const resource = parsed.pathname.split('/').at(-1) ?? '';
    const name = `${resource.charAt(0).toUpperCase()}${resource.slice(1)}`;
    return { service: 's3control', operation: `${method === 'GET' ? 'Get' : method}${name}`, protocol: 'rest-xml' };
  }
  // REST-JSON services (Lambda, EKS, Bedrock, GuardDuty) sign with their own name and say the
  // operation only through the method and path; everything else on this path is S3.
  if (service !== 's3' && service !== 'unsigned') return { service, operation: restJsonOperation(method, parsed.pathname), protocol: 'rest-json' };
  // Path-style S3: `/` lists buckets, `/bucket?sub` reads a subresource.
  if (parsed.pathname === '/' || parsed.pathname === '') return { service: 's3', operation: method === 'GET' ? 'ListBuckets' : method, protocol: 'rest-xml' };
  const subresource = [...parsed.searchParams.keys()].find((key) => key in S3_SUBRESOURCE_OPERATIONS);
  const operation = subresource === undefined ? (method === 'GET' ? 'ListObjects' : `${method}Object`) : (S3_SUBRESOURCE_OPERATIONS[subresource] ?? method);
  return { service: 's3', operation, protocol: 'rest-xml' };
}

// ---------------------------------------------------------------- deterministic dice

/** A number in [0, 1) from the seed, the request's identity and its repetition, so retries get fresh rolls. */
function roll(seed: number, identity: string, repetition: number, rule: number): number {
  const digest = createHash('sha256').update(`${seed}\0${rule}\0${repetition}\0${identity}`).digest();
  return digest.readUInt32BE(0) / 0x1_0000_0000;
}

function matches(rule: FaultRule, operation: WireOperation): boolean {
  if (rule.services !== undefined && !rule.services.includes(operation.service)) return false;
  if (rule.operations !== undefined && !rule.operations.includes(operation.operation)) return false;
  return rule.rate > 0;
}

// ---------------------------------------------------------------- the errors AWS would send

interface CannedResponse {
  status: number;
  contentType: string;
  body: string;
}

/** Throttling in each protocol's dialect: what the SDK's retry strategy must recognise. */
export function throttlingResponse(operation: WireOperation): CannedResponse {
  switch (operation.protocol) {
    case 'json':
      return { status: 400, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }) };
    case 'rest-json':
      return { status: 429, contentType: 'application/json', body: JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }) };
    case 'ec2':
      return {
        status: 503,
        contentType: 'text/xml',
        body: '<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>proxy-throttle</RequestID></Response>',
      };
    case 'rest-xml':
      return {
        status: 503,
        contentType: 'application/xml',
        body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>proxy-throttle</RequestId></Error>',
      };
    case 'query':
      return {
        status: 400,
        contentType: 'text/xml',
        body: '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>proxy-throttle</RequestId></ErrorResponse>',
      };
  }
}

/** HTTP 500 InternalError or 503 ServiceUnavailable (alternating by the roll), in the protocol's dialect. */
export function serverErrorResponse(operation: WireOperation, unavailable: boolean): CannedResponse {
  const status = unavailable ? 503 : 500;
  const code = unavailable ? 'ServiceUnavailable' : 'InternalError';
  const message = unavailable ? 'Service is unavailable, please try again' : 'We encountered an internal error. Please try again.';
  switch (operation.protocol) {
    case 'json':
      return { status, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: code, message }) };
    case 'rest-json':
      return { status, contentType: 'application/json', body: JSON.stringify({ __type: code, message }) };
    case 'ec2':
      return { status, contentType: 'text/xml', body: `<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>proxy-5xx</RequestID></Response>` };
    case 'rest-xml':
      return { status, contentType: 'application/xml', body: `<Error><Code>${code}</Code><Message>${message}</Message><RequestId>proxy-5xx</RequestId></Error>` };
    case 'query':
      return { status, contentType: 'text/xml', body: `<ErrorResponse><Error><Type>Receiver</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>proxy-5xx</RequestId></ErrorResponse>` };
  }
}

/** The first part of a real answer, cut mid-document (at least one byte short, never empty). */
export function truncateBody(body: Buffer): Buffer {
  if (body.length <= 1) return Buffer.alloc(0);
  return body.subarray(0, Math.max(1, Math.floor(body.length * 0.6)));
}

/** A real answer made invalid: an unclosed tag and a stray `&` in the middle of the document. */
export function malformBody(body: Buffer): Buffer {
  const text = body.toString('utf8');
  const middle = Math.floor(text.length / 2);
  return Buffer.from(`${text.slice(0, middle)}<unclosed attr="&><&${text.slice(middle)}`, 'utf8');
}

// ---------------------------------------------------------------- the server

function emptyCounts(): ProxyCounts {
  return { requests: 0, byOperation: {}, faults: { throttle: 0, 'server-error': 0, reset: 0, timeout: 0, truncated: 0, malformed: 0 }, faultsByOperation: {} };
}

function readBody(message: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.once('end', () => resolve(Buffer.concat(chunks)));
    message.once('error', reject);
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startWireProxy(options: ProxyOptions): Promise<WireProxy> {
  const target = new URL(options.target);
  const latencyMs = options.latencyMs ?? 0;
  const seed = options.seed ?? 1;
  const slowResponseMs = options.slowResponseMs ?? 5_000;
  let rules: readonly FaultRule[] = options.rules ?? [];
  const counts = emptyCounts();
  const repetitions = new Map<string, number>();
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const pending = new Set<ServerResponse>();

  function forward(request: IncomingMessage, body: Buffer): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const headers = { ...request.headers };
      // Bodies are rewritten by some faults: ask moto for plain bytes.
      delete headers['accept-encoding'];
      const upstream = httpRequest(
        { host: target.hostname === 'localhost' ? '127.0.0.1' : target.hostname, port: target.port, method: request.method, path: request.url, headers, agent },
        (response) => {
          readBody(response).then((responseBody) => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: responseBody }), reject);
        },
      );
      upstream.once('error', reject);
      upstream.end(body);
    });
  }

  function send(response: ServerResponse, status: number, headers: IncomingMessage['headers'], body: Buffer): void {
    if (response.destroyed || response.writableEnded) return;
    const outgoing: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || name === 'content-length' || name === 'transfer-encoding' || name === 'connection' || name === 'keep-alive') continue;
      outgoing[name] = value;
    }
    outgoing['content-length'] = String(body.length);
    response.writeHead(status, outgoing);
    response.end(body);
  }

  function sendCanned(response: ServerResponse, canned: CannedResponse): void {
    send(response, canned.status, { 'content-type': canned.contentType, 'x-amzn-requestid': 'proxy' }, Buffer.from(canned.body, 'utf8'));
  }

  function chooseFault(identity: string, operation: WireOperation): { kind: FaultKind; roll: number; rate: number } | undefined {
    const repetition = repetitions.get(identity) ?? 0;
    repetitions.set(identity, repetition + 1);
    for (const [index, rule] of rules.entries()) {
      if (!matches(rule, operation)) continue;
      const value = roll(seed, identity, repetition, index);
      if (value < rule.rate) return { kind: rule.kind, roll: value, rate: rule.rate };
    }
    return undefined;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const method = request.method ?? 'GET';
    const url = request.url ?? '/';
    const operation = operationOfRequest(method, url, request.headers, body.toString('utf8'));
    const key = `${operation.service}:${operation.operation}`;
    counts.requests += 1;
    counts.byOperation[key] = (counts.byOperation[key] ?? 0) + 1;
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    const fault = chooseFault(`${method} ${host} ${url} ${body.toString('utf8')}`, operation);
    if (fault !== undefined) {
      counts.faults[fault.kind] += 1;
      counts.faultsByOperation[key] = (counts.faultsByOperation[key] ?? 0) + 1;
    }
    if (latencyMs > 0) await sleep(latencyMs);

    switch (fault?.kind) {
      case 'throttle':
        sendCanned(response, throttlingResponse(operation));
        return;
      case 'server-error':
        // The roll is below the rate; its lower half answers 500, the upper half 503.
        sendCanned(response, serverErrorResponse(operation, fault.roll * 2 >= fault.rate));
        return;
      case 'reset':
        // A TCP RST, as from a load balancer dropping the connection mid-request.
        request.socket.resetAndDestroy();
        return;
      case 'timeout':
        // Held past the client's timeout; the client gives up and closes the connection first.
        await sleep(slowResponseMs);
        break;
      default:
        break;
    }
    if (response.destroyed) return;
    const upstream = await forward(request, body);
    if (fault?.kind === 'truncated' && upstream.status < 300) {
      send(response, upstream.status, upstream.headers, truncateBody(upstream.body));
    } else if (fault?.kind === 'malformed' && upstream.status < 300) {
      send(response, upstream.status, upstream.headers, malformBody(upstream.body));
    } else {
      send(response, upstream.status, upstream.headers, upstream.body);
    }
  }

  const server: Server = createServer((request, response) => {
    pending.add(response);
    response.once('close', () => pending.delete(response));
    handle(request, response).catch((error: unknown) => {
      // moto unreachable or the client gone: answer like a broken gateway would.
      const message = error instanceof Error ? error.message : String(error);
      send(response, 502, { 'content-type': 'text/plain' }, Buffer.from(`proxy: ${message}`, 'utf8'));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    endpoint: `http://localhost:${port}`,
    port,
    counts: () => structuredClone(counts),
    setRules: (next) => {
      rules = next;
    },
    close: async () => {
      for (const response of pending) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
