/**
 * Detection coverage against moto: would anyone notice an intruder? Three accounts:
 * - "watched": a multi-region trail, logging, default selectors, log file validation on, and a
 *   GuardDuty detector in the home region but none in the second region;
 * - "write-only": the only multi-region trail records write events only (PutEventSelectors
 *   WriteOnly), another one was stopped (StopLogging), and the home region's detector is suspended;
 * - "advanced": advanced event selectors for management events without a readOnly condition (read
 *   and write), but no log file validation.
 * Then the "watched" account again through the wire proxy, with every GetTrailStatus throttled:
 * the trail verdict is `unknown` naming cloudtrail:GetTrailStatus, never a pass.
 *
 * moto 5.2.1 implements CreateTrail, StartLogging, StopLogging, PutEventSelectors (basic and
 * advanced), GetEventSelectors, GetTrailStatus and DescribeTrails with shadow trails, and
 * GuardDuty CreateDetector, ListDetectors and GetDetector (moto/cloudtrail/responses.py,
 * moto/guardduty/responses.py). It always reports HasCustomEventSelectors false and returns no
 * selectors for a trail that never had any put; AWS returns the default selector there, which
 * the check reads the same way.
 */
import { PutEventSelectorsCommand } from '@aws-sdk/client-cloudtrail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/schema.js';
import { callsOf, cliEnvironment, e2eServer, findResult, HOME_REGION, reportOf, resultsFor, runCli, Scenario, SECOND_REGION } from './harness.js';
import { cloudtrail, createDetector, createTrail } from './provision-detection.js';
import { startWireProxy } from './proxy.js';

const server = e2eServer();
const CHECKS = 'cloudtrail-multi-region-logging,guardduty-enabled';
const REGIONS = `${HOME_REGION},${SECOND_REGION}`;

describe.skipIf(!server.available)('detection: CloudTrail multi-region logging and GuardDuty, against moto', () => {
  const accountArn = (scenario: Scenario) => `arn:aws:iam::${scenario.accountId}:root`;
  let watched: Scenario;
  let writeOnly: Scenario;
  let advanced: Scenario;
  let watchedReport: Report;
  let writeOnlyReport: Report;
  let advancedReport: Report;
  const arns = { watchedTrail: '', watchedDetector: '', suspendedDetector: '', advancedTrail: '' };

  beforeAll(async () => {
    [watched, writeOnly, advanced] = await Promise.all([
      Scenario.create(server.endpoint, 'detection-watched'),
      Scenario.create(server.endpoint, 'detection-write-only'),
      Scenario.create(server.endpoint, 'detection-advanced'),
    ]);

    // "watched": the trail lives in the second region; DescribeTrails in the home region must still list it.
    arns.watchedTrail = await createTrail(watched, { name: 'account-audit', region: SECOND_REGION, multiRegion: true, validation: true, logging: 'started' });
    const watchedDetector = await createDetector(watched, HOME_REGION, true);
    arns.watchedDetector = `arn:aws:guardduty:${HOME_REGION}:${watched.accountId}:detector/${watchedDetector}`;

    // "write-only": a logging multi-region trail that records writes only, a stopped one, a single-region one.
    await createTrail(writeOnly, { name: 'writes-only', region: HOME_REGION, multiRegion: true, validation: true, logging: 'started' });
    const client = cloudtrail(writeOnly, HOME_REGION);
    await client.send(new PutEventSelectorsCommand({ TrailName: 'writes-only', EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }] }));
    client.destroy();
    await createTrail(writeOnly, { name: 'stopped-audit', region: HOME_REGION, multiRegion: true, validation: true, logging: 'stopped' });
    await createTrail(writeOnly, { name: 'home-only', region: HOME_REGION, multiRegion: false, validation: true, logging: 'started' });
    const suspended = await createDetector(writeOnly, HOME_REGION, false);
    arns.suspendedDetector = `arn:aws:guardduty:${HOME_REGION}:${writeOnly.accountId}:detector/${suspended}`;

    // "advanced": management events through an advanced selector, no validation.
    arns.advancedTrail = await createTrail(advanced, { name: 'advanced-audit', region: HOME_REGION, multiRegion: true, validation: false, logging: 'started' });
    const advancedClient = cloudtrail(advanced, HOME_REGION);
    await advancedClient.send(
      new PutEventSelectorsCommand({ TrailName: 'advanced-audit', AdvancedEventSelectors: [{ Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }] }),
    );
    advancedClient.destroy();

    const scan = async (scenario: Scenario) => reportOf(await scenario.scan(['--region', REGIONS, '--checks', CHECKS]));
    [watchedReport, writeOnlyReport, advancedReport] = await Promise.all([scan(watched), scan(writeOnly), scan(advanced)]);
  });
  afterAll(() => {
    for (const scenario of [watched, writeOnly, advanced]) scenario?.destroy();
  });

  it('passes a logging multi-region trail with validation, found from another region', () => {
    const result = findResult(watchedReport, 'cloudtrail-multi-region-logging', arns.watchedTrail);
    expect(result.status).toBe('pass');
    expect(result.evidence['describedIn']).toBe(HOME_REGION);
    expect(resultsFor(watchedReport, 'cloudtrail-multi-region-logging')).toHaveLength(1);
  });

  it('fails the account whose only multi-region trails are write-only or stopped, saying why for each', () => {
    const result = findResult(writeOnlyReport, 'cloudtrail-multi-region-logging', accountArn(writeOnly));
    expect(result.status).toBe('fail');
    expect(result.severity).toBe('high');
    expect(result.message).toContain('writes-only (us-east-1): records only write management events');
    expect(result.message).toContain('stopped-audit (us-east-1): is not logging');
    expect(result.evidence['singleRegionTrails']).toEqual(['home-only (us-east-1)']);
  });

  it('reads advanced selectors as read and write, and fails the missing log file validation at medium', () => {
    const result = findResult(advancedReport, 'cloudtrail-multi-region-logging', arns.advancedTrail);
    expect(result.status).toBe('fail');
    expect(result.severity).toBe('medium');
    expect(result.message).toContain('log file validation is off');
  });

  it('passes the region with an enabled detector, with its protection plan, and fails the region without one', () => {
    const home = findResult(watchedReport, 'guardduty-enabled', arns.watchedDetector);
    expect(home.status).toBe('pass');
    expect(home.evidence['featuresEnabled']).toEqual(['S3_DATA_EVENTS']);
    const second = findResult(watchedReport, 'guardduty-enabled', `arn:aws:guardduty:${SECOND_REGION}:${watched.accountId}:detector`);
    expect(second.status).toBe('fail');
    expect(second.region).toBe(SECOND_REGION);
  });

  it('fails a suspended detector', () => {
    const result = findResult(writeOnlyReport, 'guardduty-enabled', arns.suspendedDetector);
    expect(result.status).toBe('fail');
    expect(result.message).toContain('DISABLED (suspended)');
  });

  it('reads the trail set once per account and status and selectors only for multi-region trails; detectors once per region', () => {
    expect(callsOf(watchedReport, 'cloudtrail', 'DescribeTrails')).toBe(1);
    expect(callsOf(watchedReport, 'cloudtrail', 'GetTrailStatus')).toBe(1);
    expect(callsOf(watchedReport, 'cloudtrail', 'GetEventSelectors')).toBe(1);
    expect(callsOf(watchedReport, 'guardduty', 'ListDetectors')).toBe(2);
    expect(callsOf(watchedReport, 'guardduty', 'GetDetector')).toBe(1);
    // Three trails, two of them multi-region: the single-region one costs nothing beyond the listing.
    expect(callsOf(writeOnlyReport, 'cloudtrail', 'DescribeTrails')).toBe(1);
    expect(callsOf(writeOnlyReport, 'cloudtrail', 'GetTrailStatus')).toBe(2);
    expect(callsOf(writeOnlyReport, 'cloudtrail', 'GetEventSelectors')).toBe(2);
  });

  it('with GetTrailStatus throttled past every retry, the verdict is unknown and names the action', async () => {
    const proxy = await startWireProxy({ target: server.endpoint, rules: [{ kind: 'throttle', rate: 1, services: ['cloudtrail'], operations: ['GetTrailStatus'] }] });
    try {
      const outcome = await runCli(['scan', '--format', 'json', '--quiet', '--region', HOME_REGION, '--checks', 'cloudtrail-multi-region-logging'], cliEnvironment(proxy.endpoint, watched.credentials));
      const report = reportOf(outcome);
      const result = findResult(report, 'cloudtrail-multi-region-logging', accountArn(watched));
      expect(result.status).toBe('unknown');
      expect(result.message).toContain('cloudtrail:GetTrailStatus');
      expect(result.evidence['missingAction']).toBe('cloudtrail:GetTrailStatus');
      expect(proxy.counts().faultsByOperation['cloudtrail:GetTrailStatus']).toBeGreaterThan(1);
    } finally {
      await proxy.close();
    }
  });
});
