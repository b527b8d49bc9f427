import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { pathGraph } from '../../../src/report/paths-graph.js';
import type { BreachPaths } from '../../../src/report/paths-schema.js';
import { renderPathsSvg } from '../../../src/report/paths-svg.js';
import { renderPathsDot } from '../../../src/report/paths-text.js';
import { demoReport } from '../../helpers/demo-report.js';

const HOSTILE = '<script>alert("x")</script>\\';

function pathsTo(storeCount: number, name = (i: number) => `bucket-${i}`): BreachPaths {
  const stores = Array.from({ length: storeCount }, (_, i) => ({ kind: 's3-bucket' as const, arn: `arn:aws:s3:::${name(i)}`, name: name(i), region: 'us-east-1', access: ['read' as const] }));
  const userArn = 'arn:aws:iam::111122223333:user/alice';
  return {
    limits: { maxHops: 4, maxPaths: 500 },
    found: 1,
    truncated: false,
    entryPoints: [{ resource: userArn, kind: 'access-key', name: 'alice', region: 'global', detail: '1 active access key', checks: ['iam-access-key-rotation'] }],
    paths: [{ id: 'x', entry: userArn, hops: [{ principal: userArn, principalKind: 'user', name: 'alice', via: 'key' }], target: { kind: 'data', reach: userArn, stores: storeCount, access: ['read'] }, length: 2, story: 'story' }],
    reach: [{ key: userArn, stores, atLeast: [] }],
    notes: [],
  };
}

describe('the path graph', () => {
  it('puts entries left, principals in the middle, stores right, with the open findings on the entry edge', () => {
    const graph = pathGraph(pathsTo(2));
    expect(graph.nodes.map((node) => [node.column, node.name])).toEqual([
      ['entry', 'alice'],
      ['principal', 'alice'],
      ['target', 'bucket-0'],
      ['target', 'bucket-1'],
    ]);
    expect(graph.edges[0]?.label).toBe('iam-access-key-rotation');
  });

  it('collapses many stores into one node per kind with a count', () => {
    const graph = pathGraph(pathsTo(300));
    expect(graph.nodes.filter((node) => node.column === 'target').map((node) => `${node.kind}: ${node.name}`)).toEqual(['S3 buckets: 300 reached']);
    expect(graph.collapsed).toEqual(['300 data stores shown as one node per kind']);
    expect(renderPathsSvg(pathsTo(300)).length).toBeLessThan(20_000);
  });

  it('SVG: escapes every account-supplied label and holds no script or external reference', () => {
    const svg = renderPathsSvg(pathsTo(1, () => HOSTILE));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&#60;script&#62;');
    expect(svg).not.toMatch(/href=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('DOT: quotes and backslashes escaped, entries ranked first and targets last', () => {
    const dot = renderPathsDot({ account: { id: '111122223333', alias: null }, summary: { entryPoints: 1, paths: 1, principalsReachingAdmin: 0, principals: 1, bucketsReachable: 1, bucketsKnown: 1 }, paths: pathsTo(1, () => HOSTILE), filtered: false });
    expect(dot).toContain('\\"x\\")</script>\\\\');
    expect(dot).toMatch(/\{ rank=min; "entry:[^"]+"; \}/);
    expect(dot).toMatch(/\{ rank=max; "store:/);
    // Every double quote inside a label is escaped: the quoted strings pair up.
    for (const line of dot.split('\n')) expect((line.replace(/\\\\/g, '').replace(/\\"/g, '').match(/"/g) ?? []).length % 2, line).toBe(0);
  });
});

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'breachmap', ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stdoutIsTty: false, env: {} });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('breachmap paths', () => {
  it('--demo tells the Capital One, leaked-key and cross-account paths', async () => {
    const { code, stdout } = await cli(['paths', '--demo']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/like Capital One: internet → i-0demowebfront0001 \(IMDSv1\) → role web-app-role → s3:GetObject, s3:PutObject, s3:PutBucketPolicy on 6 buckets/);
    expect(stdout).toMatch(/leaked key → user jordan\.lee → s3:GetObject/);
    expect(stdout).toMatch(/account 210987654321 → role vendor-support-role → assume role ops-break-glass-role → admin/);
    expect(stdout).toMatch(/\d+ of \d+ principals can reach admin; \d+ of \d+ buckets reachable from an entry point/);
  });

  it('--to, --from and --format json', async () => {
    const { stdout } = await cli(['paths', '--demo', '--format', 'json', '--to', 'admin', '--from', 'vendor-support-role']);
    const parsed = JSON.parse(stdout) as BreachPaths & { filtered: boolean };
    expect(parsed.filtered).toBe(true);
    // Once iam-role-trust-external judges the role, its top incident prefixes the story ("like …: ").
    expect(parsed.paths.map((path) => path.story)).toEqual([expect.stringMatching(/(^|: )account 210987654321 → role vendor-support-role → assume role ops-break-glass-role → admin$/)]);
    expect(parsed.entryPoints.map((entry) => entry.name)).toEqual(['vendor-support-role']);
  });

  it('reads the paths a JSON report carries; refuses a report without them and bad flag combinations', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'breachmap-paths-'));
    const withPaths = join(dir, 'report.json');
    await cli(['demo', '--format', 'json', '--output', withPaths, '--quiet']);
    const fromReport = await cli(['paths', withPaths, '--format', 'dot']);
    expect(fromReport.code).toBe(0);
    expect(fromReport.stdout).toMatch(/^digraph breachmap_paths \{/);
    const without = join(dir, 'old.json');
    writeFileSync(without, JSON.stringify(demoReport()));
    const refused = await cli(['paths', without]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/carries no breach paths/);
    expect((await cli(['paths'])).stderr).toMatch(/give one input/);
    expect((await cli(['paths', withPaths, '--demo'])).stderr).toMatch(/give one input/);
    expect((await cli(['paths', withPaths, '--max-hops', '2'])).stderr).toMatch(/apply when paths are computed/);
  });
});
