/**
 * The fault-injecting proxy itself (tests/e2e/proxy.ts), against a stub upstream: it names
 * operations the way AWS does, injects each fault in the right dialect, and is deterministic.
 * No moto needed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationOfRequest, startWireProxy, type FaultRule } from './proxy.js';

const signed = (service: string) => ({ authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=abc` });
const UPSTREAM_BODY = '<GetAccountSummaryResponse><GetAccountSummaryResult><SummaryMap></SummaryMap></GetAccountSummaryResult></GetAccountSummaryResponse>';

describe('naming the operation of a request', () => {
  it('reads query Action from the body, EC2 apart, JSON targets, S3 Control paths and S3 subresources', () => {
    expect(operationOfRequest('POST', '/', signed('iam'), 'Action=GetAccountSummary&Version=2010-05-08')).toEqual({ service: 'iam', operation: 'GetAccountSummary', protocol: 'query' });
    expect(operationOfRequest('POST', '/', signed('ec2'), 'Action=DescribeSnapshots&Version=2016-11-15')).toEqual({ service: 'ec2', operation: 'DescribeSnapshots', protocol: 'ec2' });
    expect(operationOfRequest('POST', '/', { ...signed('organizations'), 'x-amz-target': 'AWSOrganizationsV20161128.ListAccounts' }, '{}')).toEqual({
      service: 'organizations',
      operation: 'ListAccounts',
      protocol: 'json',
    });
    expect(operationOfRequest('GET', '/detector', signed('guardduty'), '')).toEqual({ service: 'guardduty', operation: 'ListDetectors', protocol: 'rest-json' });
    expect(operationOfRequest('GET', '/detector/abc123', signed('guardduty'), '').operation).toBe('GetDetector');
    expect(operationOfRequest('GET', '/detector/abc123', signed('guardduty'), '').service).not.toBe('s3');
    expect(operationOfRequest('GET', '/v20180820/configuration/publicAccessBlock', signed('s3'), '').operation).toBe('GetPublicAccessBlock');
    expect(operationOfRequest('GET', '/v20180820/configuration/publicAccessBlock', signed('s3'), '').service).toBe('s3control');
    expect(operationOfRequest('GET', '/?max-buckets=1000', signed('s3'), '').operation).toBe('ListBuckets');
    expect(operationOfRequest('GET', '/my-bucket?acl', signed('s3'), '').operation).toBe('GetBucketAcl');
    expect(operationOfRequest('GET', '/2015-03-31/functions/?FunctionVersion=ALL', signed('lambda'), '')).toEqual({ service: 'lambda', operation: 'ListFunctions', protocol: 'rest-json' });
    expect(operationOfRequest('GET', '/clusters/prod', signed('eks'), '')).toEqual({ service: 'eks', operation: 'DescribeCluster', protocol: 'rest-json' });
    expect(operationOfRequest('GET', '/logging/modelinvocations', signed('bedrock'), '').operation).toBe('GetModelInvocationLoggingConfiguration');
    expect(operationOfRequest('GET', '/my-bucket?policyStatus', signed('s3'), '').operation).toBe('GetBucketPolicyStatus');
    expect(operationOfRequest('GET', '/my-bucket?publicAccessBlock=', signed('s3'), '').operation).toBe('GetPublicAccessBlock');
  });
});

describe('the proxy against a stub upstream', () => {
  let upstream: Server;
  let target: string;

  beforeAll(async () => {
    upstream = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.end(UPSTREAM_BODY);
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    target = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

  type Answer = { status: number; text: string } | 'reset';

  async function send(endpoint: string, body: string, service = 'iam'): Promise<Answer> {
    try {
      const response = await fetch(endpoint, { method: 'POST', body, headers: { ...signed(service), 'content-type': 'application/x-www-form-urlencoded' } });
      return { status: response.status, text: await response.text() };
    } catch {
      return 'reset';
    }
  }

  async function outcomes(rules: readonly FaultRule[], seed: number, requests = 40) {
    const proxy = await startWireProxy({ target, rules, seed });
    try {
      const results: Answer[] = [];
      for (let i = 0; i < requests; i += 1) results.push(await send(proxy.endpoint, `Action=GetAccountSummary&Id=${i}`));
      return { results, counts: proxy.counts() };
    } finally {
      await proxy.close();
    }
  }

  it('passes requests through untouched without rules, and counts them per operation', async () => {
    const { results, counts } = await outcomes([], 1, 5);
    expect(results).toEqual(Array.from({ length: 5 }, () => ({ status: 200, text: UPSTREAM_BODY })));
    expect(counts.requests).toBe(5);
    expect(counts.byOperation).toEqual({ 'iam:GetAccountSummary': 5 });
    expect(Object.values(counts.faults).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('faults about the asked share of requests, the same ones for the same seed, other ones for another', async () => {
    const rules: FaultRule[] = [{ kind: 'throttle', rate: 0.3 }];
    const first = await outcomes(rules, 11);
    const again = await outcomes(rules, 11);
    const other = await outcomes(rules, 12);
    expect(again.results).toEqual(first.results);
    expect(other.results).not.toEqual(first.results);
    expect(first.counts.faults.throttle).toBeGreaterThanOrEqual(4);
    expect(first.counts.faults.throttle).toBeLessThanOrEqual(20);
    const throttled = first.results.filter((result) => result !== 'reset' && result.status === 400);
    expect(throttled).toHaveLength(first.counts.faults.throttle);
    expect(throttled[0]).toMatchObject({ text: expect.stringContaining('<Code>Throttling</Code>') });
  });

  it('speaks each service dialect, resets connections, and cuts or breaks real bodies', async () => {
    const proxy = await startWireProxy({ target, rules: [{ kind: 'throttle', rate: 1, services: ['ec2'] }, { kind: 'reset', rate: 1, services: ['sts'] }, { kind: 'truncated', rate: 1, services: ['iam'] }, { kind: 'malformed', rate: 1, services: ['s3'] }] });
    try {
      expect(await send(proxy.endpoint, 'Action=DescribeSnapshots', 'ec2')).toMatchObject({ status: 503, text: expect.stringContaining('<Code>RequestLimitExceeded</Code>') });
      expect(await send(proxy.endpoint, 'Action=GetCallerIdentity', 'sts')).toBe('reset');
      const truncated = await send(proxy.endpoint, 'Action=GetAccountSummary', 'iam');
      expect(truncated).not.toBe('reset');
      if (truncated === 'reset') return;
      expect(truncated.status).toBe(200);
      expect(UPSTREAM_BODY.startsWith(truncated.text) && truncated.text.length < UPSTREAM_BODY.length && truncated.text.length > 0).toBe(true);
      const malformed = await send(`${proxy.endpoint}/bucket?acl`, '', 's3');
      expect(malformed).toMatchObject({ status: 200, text: expect.stringContaining('<unclosed') });
      expect(proxy.counts().faults).toMatchObject({ throttle: 1, reset: 1, truncated: 1, malformed: 1 });
    } finally {
      await proxy.close();
    }
  });

  it('holds a request past the slow-response time, then answers', async () => {
    const proxy = await startWireProxy({ target, rules: [{ kind: 'timeout', rate: 1 }], slowResponseMs: 300 });
    try {
      const started = performance.now();
      expect(await send(proxy.endpoint, 'Action=GetAccountSummary')).toMatchObject({ status: 200 });
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
      expect(proxy.counts().faults.timeout).toBe(1);
    } finally {
      await proxy.close();
    }
  });
});
