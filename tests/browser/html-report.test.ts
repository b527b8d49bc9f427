/// <reference lib="dom" />
/**
 * The HTML report in a real browser (Debian's chromium driven by playwright-core): it loads
 * nothing but itself, logs no errors, its filters and keyboard navigation work, and hostile
 * account or catalog values stay inert text. Outside CI a missing chromium skips these tests with
 * a message; under CI=true it fails them.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { DEFAULT_EVALUATION_OPTIONS } from '../../src/checks/define.js';
import { demoInventory } from '../../src/demo/inventory.js';
import { buildReport } from '../../src/engine/report.js';
import { INCIDENTS } from '../../src/incidents/catalog.js';
import { finalizeReport } from '../../src/app/final-report.js';
import { renderHtml } from '../../src/report/html.js';
import type { Report } from '../../src/report/schema.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'artifacts');
const available = existsSync(CHROMIUM);

if (!available) {
  if (process.env['CI'] === 'true') throw new Error(`chromium is required for the HTML report tests under CI: ${CHROMIUM} is missing (.ci/run installs it).`);
  console.warn(`[browser tests skipped] ${CHROMIUM} not found: install it with 'apt-get install -y chromium' to run the HTML report tests.`);
}

function demoReport(): Report {
  return buildReport({ inventory: demoInventory('0.0.0-browser'), checks: ALL_CHECKS, catalog: INCIDENTS, options: DEFAULT_EVALUATION_OPTIONS });
}

interface Opened {
  page: Page;
  url: string;
  requests: string[];
  consoleErrors: string[];
}

describe.skipIf(!available)('HTML report in chromium', () => {
  let context: BrowserContext;
  let workDir: string;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'breachmap-html-'));
    context = await chromium.launchPersistentContext(join(workDir, 'profile'), {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1366, height: 900 },
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
  });

  async function open(html: string, name: string): Promise<Opened> {
    const file = join(workDir, name);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const page = await context.newPage();
    const requests: string[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(url, { waitUntil: 'load' });
    return { page, url, requests, consoleErrors };
  }

  it('loads nothing but itself, logs no errors, and screenshots the overview', async () => {
    const { page, url, requests, consoleErrors } = await open(renderHtml(demoReport()), 'demo.html');
    await page.waitForTimeout(200);
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([url]);
    expect(await page.locator('main h2').first().textContent()).toBe('Overview');
    expect(await page.locator('header[role=banner], header').count()).toBeGreaterThan(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'html-report-overview.png') });
    await page.close();
  });

  it('filters the cards by severity, service and root cause', async () => {
    const report = demoReport();
    const failing = report.results.filter((r) => r.status === 'fail');
    const critical = failing.filter((r) => r.severity === 'critical').length;
    expect(critical).toBeGreaterThan(0);
    expect(critical).toBeLessThan(failing.length);
    const { page } = await open(renderHtml(report), 'filters.html');
    const visible = () => page.locator('article.card:visible').count();
    expect(await visible()).toBe(failing.length);

    await page.getByRole('checkbox', { name: /^critical/ }).check();
    expect(await visible()).toBe(critical);
    await expect.poll(() => page.locator('#filter-count').textContent()).toBe(`Showing ${critical} of ${failing.length} findings`);

    // Across groups the filters combine (AND): critical S3 findings only.
    const services = new Map(report.checks.map((c) => [c.id, c.service]));
    const criticalS3 = failing.filter((r) => r.severity === 'critical' && services.get(r.checkId) === 's3').length;
    await page.getByRole('checkbox', { name: /^S3\b/ }).check();
    expect(await visible()).toBe(criticalS3);

    await page.getByRole('button', { name: 'Show all' }).click();
    await expect.poll(visible).toBe(failing.length);

    await page.getByRole('checkbox', { name: /^Publicly writable S3 bucket/ }).check();
    const causes = new Map(report.checks.map((c) => [c.id, c.rootCauses as string[]]));
    expect(await visible()).toBe(failing.filter((r) => causes.get(r.checkId)?.includes('s3-public-write')).length);
    await page.close();
  });

  it('reaches every finding card with the Tab key', async () => {
    const report = demoReport();
    const { page } = await open(renderHtml(report), 'keyboard.html');
    const cardIds = await page.locator('article.card').evaluateAll((cards) => cards.map((card) => card.id));
    expect(cardIds.length).toBe(report.results.filter((r) => r.status === 'fail').length);
    const reached = new Set<string>();
    const focusable = await page.locator('a[href], button, input, summary, [tabindex="0"]').count();
    for (let i = 0; i < focusable + 5 && reached.size < cardIds.length; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => (document.activeElement?.matches('article.card') === true ? document.activeElement.id : ''));
      if (id !== '') reached.add(id);
    }
    expect([...reached].sort()).toEqual([...cardIds].sort());
    // A focused card shows a visible focus ring.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement ?? document.body).outlineStyle);
    expect(outline).not.toBe('none');
    await page.close();
  });

  it('toggles between light and dark themes', async () => {
    const { page } = await open(renderHtml(demoReport()), 'theme.html');
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const before = await background();
    await page.getByRole('button', { name: /theme/ }).click();
    expect(await background()).not.toBe(before);
    await page.close();
  });

  it('renders hostile account and catalog values as inert text', async () => {
    const report = demoReport();
    const fail = report.results.find((r) => r.status === 'fail');
    if (fail === undefined) throw new Error('the demo has no failing result');
    const payloads = ['<script>window.__pwned = 1</script>', '"><img src=x onerror="window.__pwned=2">', "'><svg onload=window.__pwned=3>"];
    fail.resource = `arn:aws:s3:::${payloads[0]}`;
    fail.qualifier = payloads[1];
    fail.message = `message ${payloads[2]}`;
    fail.evidence = { ...fail.evidence, policyText: payloads[1] ?? '', tags: [...payloads] };
    const firstMatch = fail.incidents[0];
    const incident = report.incidents.find((i) => i.id === firstMatch?.id);
    if (incident === undefined) throw new Error('the failing result has no incident');
    incident.name = `Evil ${payloads[0]}`;
    incident.impact = payloads[1] ?? '';
    incident.links = [
      { title: 'click me', url: 'javascript:window.__pwned=4' },
      { title: 'data', url: 'data:text/html,<script>window.__pwned=5</script>' },
      { title: `"><b onmouseover=window.__pwned=6>`, url: 'https://example.com/"><script>window.__pwned=7</script>' },
    ];
    report.account.alias = payloads[0] ?? null;
    const { page, consoleErrors } = await open(renderHtml(report), 'xss.html');
    await page.locator('article.card').first().hover();
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('main img, main svg, main b').count()).toBe(0);
    expect(await page.locator('body script').count()).toBe(1);
    const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) expect(href).toMatch(/^(#|https?:\/\/)/);
    expect(hrefs.some((href) => /^javascript:/i.test(href))).toBe(false);
    const externals = await page.locator('a[href^="http"]').evaluateAll((links) => links.map((a) => a.getAttribute('rel')));
    for (const rel of externals) expect(rel).toBe('noopener noreferrer');
    // The payloads are shown, literally, as text.
    const text = await page.locator('main').innerText();
    expect(text).toContain('<script>window.__pwned = 1</script>');
    expect(text).toContain('"><img src=x onerror="window.__pwned=2">');
    expect(text).toContain('javascript:window.__pwned=4');
    expect(await page.title()).toContain('<script>');
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
  it('draws the breach paths as inline SVG: rendered, nothing loaded, account names inert', async () => {
    const inventory = demoInventory('0.0.0-browser');
    const buckets = inventory.slices.s3Buckets;
    if (buckets?.ok !== true) throw new Error('the demo has buckets');
    const hostile = '<script>window.__pwned=8</script><img src=x onerror="window.__pwned=9">';
    const first = buckets.data.buckets[0];
    if (first === undefined) throw new Error('the demo has buckets');
    first.name = hostile;
    first.arn = `arn:aws:s3:::${hostile}`;
    const report = finalizeReport(buildReport({ inventory, checks: ALL_CHECKS, catalog: INCIDENTS, options: DEFAULT_EVALUATION_OPTIONS }), { gate: { failOn: 'none', failOnUnknown: false } }, inventory);
    expect(report.paths?.paths.length).toBeGreaterThan(0);
    const { page, url, requests, consoleErrors } = await open(renderHtml(report), 'paths.html');
    const graph = page.locator('#paths svg.paths-graph');
    await graph.scrollIntoViewIfNeeded();
    const box = await graph.boundingBox();
    expect(box?.width).toBeGreaterThan(200);
    expect(box?.height).toBeGreaterThan(100);
    expect(await graph.locator('g.node').count()).toBeGreaterThan(5);
    expect(await graph.locator('g.node.entry').count()).toBeGreaterThan(0);
    expect(await graph.locator('g.node.target').count()).toBeGreaterThan(0);
    // Entry points drawn left of the stores and admin.
    const xs = async (selector: string) => graph.locator(selector).evaluateAll((nodes) => nodes.map((node) => (node as SVGGraphicsElement).getBBox().x));
    expect(Math.max(...(await xs('g.node.entry')))).toBeLessThan(Math.min(...(await xs('g.node.target'))));
    expect(await graph.locator('script, img, foreignObject, [href]').count()).toBe(0);
    expect(await graph.textContent()).toContain('<script>window.__pwned=8</script>'.slice(0, 30));
    expect(await page.locator('#paths').innerText()).toMatch(/like Capital One/);
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(requests).toEqual([url]);
    expect(consoleErrors).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.locator('#paths').screenshot({ path: join(ARTIFACTS, 'html-report-paths.png') });
    await page.close();
  });
});
