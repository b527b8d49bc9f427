import { accountArn } from '../arn.js';
import { defineCheck } from '../define.js';
import type { CheckOutcome } from '../define.js';
import type { AdvancedFieldSelector, CloudTrail, CloudTrailTrails, CollectError, TrailEventSelectors } from '../../inventory/schema.js';

/** Which management events a trail's selectors record. */
interface Coverage {
  /** Some selector records read (readOnly=true) management events, with no event source excluded. */
  readFull: boolean;
  writeFull: boolean;
  /** Some selector records them, possibly with event sources excluded. */
  readAny: boolean;
  writeAny: boolean;
  /** Event sources a recording selector excludes (kms.amazonaws.com, rdsdata.amazonaws.com). */
  excluded: string[];
  /** Why a selector that names management events was not counted (a narrowing this check does not judge). */
  narrowed: string[];
  /** The selectors were not read but DescribeTrails says there are none of the trail's own: AWS's default applies. */
  assumedDefault: boolean;
}

const NO_COVERAGE: Coverage = { readFull: false, writeFull: false, readAny: false, writeAny: false, excluded: [], narrowed: [], assumedDefault: false };

/**
 * A trail created without event selectors of its own logs all read and write management events
 * and no data events (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html,
 * "By default, trails created without specific event selectors are configured to log all read and
 * write management events":
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_EventSelector.html).
 */
const DEFAULT_COVERAGE: Coverage = { ...NO_COVERAGE, readFull: true, writeFull: true, readAny: true, writeAny: true };

function merge(a: Coverage, b: Coverage): Coverage {
  return {
    readFull: a.readFull || b.readFull,
    writeFull: a.writeFull || b.writeFull,
    readAny: a.readAny || b.readAny,
    writeAny: a.writeAny || b.writeAny,
    excluded: [...new Set([...a.excluded, ...b.excluded])].sort(),
    narrowed: [...a.narrowed, ...b.narrowed],
    assumedDefault: a.assumedDefault || b.assumedDefault,
  };
}

function sides(read: boolean, write: boolean, excluded: readonly string[]): Coverage {
  const clean = excluded.length === 0;
  return { ...NO_COVERAGE, readAny: read, writeAny: write, readFull: read && clean, writeFull: write && clean, excluded: [...excluded] };
}

/**
 * A basic event selector: ReadWriteType (default All) and IncludeManagementEvents (default true)
 * (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_EventSelector.html). An event
 * is logged when it matches any of the trail's selectors, so a trail's coverage is the union.
 */
function basicCoverage(selector: TrailEventSelectors['basic'][number]): Coverage {
  if (selector.includeManagementEvents === false) return NO_COVERAGE;
  const type = selector.readWriteType ?? 'All';
  const read = type === 'All' || type === 'ReadOnly';
  const write = type === 'All' || type === 'WriteOnly';
  return sides(read, write, selector.excludeManagementEventSources);
}

function usesOnly(selector: AdvancedFieldSelector, operators: readonly (keyof Omit<AdvancedFieldSelector, 'field'>)[]): boolean {
  const all = ['equals', 'notEquals', 'startsWith', 'notStartsWith', 'endsWith', 'notEndsWith'] as const;
  return all.every((operator) => operators.includes(operator) || selector[operator].length === 0);
}

/**
 * An advanced event selector: its field conditions are all required (AND), and eventCategory
 * Equals Management selects management events. For management events a trail supports only
 * `readOnly` (absent: read and write; `true`: read only; `false`: write only) and `eventSource`
 * NotEquals kms.amazonaws.com / rdsdata.amazonaws.com
 * (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html,
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedEventSelector.html).
 * Any other condition narrows the selector in a way this check does not try to judge, so such a
 * selector is not counted, and the trail's verdict says so.
 */
function advancedCoverage(selector: TrailEventSelectors['advanced'][number]): Coverage {
  const label = selector.name === null ? 'an advanced event selector' : `selector "${selector.name}"`;
  const category = selector.fieldSelectors.filter((f) => f.field === 'eventCategory');
  const management = category.length > 0 && category.every((f) => usesOnly(f, ['equals']) && f.equals.includes('Management'));
  if (!management) return NO_COVERAGE;
  let read = true;
  let write = true;
  const excluded: string[] = [];
  for (const field of selector.fieldSelectors) {
    if (field.field === 'eventCategory') continue;
    if (field.field === 'readOnly' && usesOnly(field, ['equals', 'notEquals'])) {
      const allowed = (value: string) => (field.equals.length === 0 || field.equals.includes(value)) && !field.notEquals.includes(value);
      read = read && allowed('true');
      write = write && allowed('false');
    } else if (field.field === 'eventSource' && usesOnly(field, ['notEquals'])) {
      excluded.push(...field.notEquals);
    } else {
      return { ...NO_COVERAGE, narrowed: [`${label} narrows management events by ${field.field}`] };
    }
  }
  return sides(read, write, excluded);
}

function coverageOf(trail: CloudTrail): { coverage: Coverage } | { unknown: CollectError } {
  const selectors = trail.eventSelectors;
  // The collector reads the selectors of every multi-region trail; a snapshot without them cannot be judged.
  if (selectors === null) return { unknown: { code: 'NotCollected', message: 'its event selectors were not read', action: 'cloudtrail:GetEventSelectors' } };
  if (!selectors.ok) {
    // DescribeTrails already said the trail has no selectors of its own: AWS's default holds
    // (see DEFAULT_COVERAGE), whether or not this account may read them (an organization trail
    // seen from a member account).
    if (trail.hasCustomEventSelectors === false) return { coverage: { ...DEFAULT_COVERAGE, assumedDefault: true } };
    return { unknown: selectors.error };
  }
  const { basic, advanced } = selectors.data;
  // AWS always returns a trail's selectors, the default one included; an endpoint that returns
  // none for a trail without custom selectors (moto) means that default.
  if (basic.length === 0 && advanced.length === 0 && trail.hasCustomEventSelectors !== true) return { coverage: DEFAULT_COVERAGE };
  return { coverage: [...basic.map(basicCoverage), ...advanced.map(advancedCoverage)].reduce(merge, NO_COVERAGE) };
}

type TrailVerdict =
  | { kind: 'satisfies'; trail: CloudTrail; coverage: Coverage }
  | { kind: 'excludes-sources'; trail: CloudTrail; coverage: Coverage }
  | { kind: 'fails'; trail: CloudTrail; why: string }
  | { kind: 'unknown'; trail: CloudTrail; error: CollectError; action: string };

function ownerOf(trail: CloudTrail): string {
  return trail.arn.split(':')[4] ?? '';
}

/** How one multi-region trail stands; a known failing fact wins over an unreadable one. */
function judgeTrail(trail: CloudTrail): TrailVerdict {
  const status = trail.status;
  if (status !== null && status.ok && !status.data.isLogging) {
    const since = status.data.stopLoggingTime === null ? '' : ` since ${status.data.stopLoggingTime.slice(0, 10)}`;
    return { kind: 'fails', trail, why: `is not logging (stopped${since})` };
  }
  const selectors = coverageOf(trail);
  if ('coverage' in selectors) {
    const { coverage } = selectors;
    const narrowed = coverage.narrowed.length === 0 ? '' : ` (${coverage.narrowed.join('; ')})`;
    if (!coverage.readAny && !coverage.writeAny) return { kind: 'fails', trail, why: `records no management events${narrowed}` };
    // A write-only trail keeps changes but not reads: the attacker's reconnaissance (List*,
    // Describe*, GetCallerIdentity) and reads of data and secrets (GetSecretValue, GetObject's
    // control-plane cousins) leave no record, which is why CloudTrail.1 asks for read and write.
    if (!coverage.readAny) return { kind: 'fails', trail, why: `records only write management events: reads (reconnaissance, GetSecretValue, ListBuckets) leave no record${narrowed}` };
    if (!coverage.writeAny) return { kind: 'fails', trail, why: `records only read management events: changes (StopLogging, CreateUser, RunInstances) leave no record${narrowed}` };
  }
  if (status === null || !status.ok) {
    const error = status?.error ?? { code: 'NotCollected', message: 'the trail status was not read' };
    return { kind: 'unknown', trail, error, action: error.action ?? 'cloudtrail:GetTrailStatus' };
  }
  if ('unknown' in selectors) return { kind: 'unknown', trail, error: selectors.unknown, action: selectors.unknown.action ?? 'cloudtrail:GetEventSelectors' };
  const { coverage } = selectors;
  if (coverage.readFull && coverage.writeFull) return { kind: 'satisfies', trail, coverage };
  return { kind: 'excludes-sources', trail, coverage };
}

function describeTrail(verdict: TrailVerdict): string {
  const { trail } = verdict;
  const where = [trail.homeRegion, trail.isOrganizationTrail ? `organization trail of ${ownerOf(trail)}` : null].filter((part) => part !== null).join(', ');
  const head = `${trail.name} (${where})`;
  switch (verdict.kind) {
    case 'satisfies': {
      // Shown, not judged: AWS keeps the last S3 delivery error, which may be transient
      // (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html).
      const error = trail.status?.ok === true ? trail.status.data.latestDeliveryError : null;
      const delivery = error === null ? '' : `, last delivery error: ${error}`;
      return `${head}: logging read and write management events${verdict.coverage.assumedDefault ? ' (default selectors)' : ''}, log file validation ${trail.logFileValidation ? 'on' : 'off'}${delivery}`;
    }
    case 'excludes-sources':
      return `${head}: logging read and write management events except from ${verdict.coverage.excluded.join(', ')}`;
    case 'fails':
      return `${head}: ${verdict.why}`;
    case 'unknown':
      return `${head}: could not be read (${verdict.error.message})`;
  }
}

function byPreference(a: CloudTrail, b: CloudTrail): number {
  return Number(b.logFileValidation) - Number(a.logFileValidation) || a.arn.localeCompare(b.arn);
}

export default defineCheck({
  id: 'cloudtrail-multi-region-logging',
  title: 'A multi-region CloudTrail trail records read and write management events, with log file validation',
  service: 'cloudtrail',
  severity: 'high',
  rootCauses: ['unknown'],
  limitsAftermath: true,
  needs: ['cloudTrailTrails'],
  description:
    'Fails when no multi-region trail of the account (its own or its organization\'s) is logging and records both read and write management events. A trail that logs everything but excludes some event sources (KMS, RDS Data API) fails at medium severity, and so does a qualifying trail without log file validation.',
  rationale:
    'CloudTrail is the account\'s memory: which key called what, from where, and when. Without a multi-region trail an attacker works in a region nobody logs, and an intruder who finds a trail can stop or delete it (StopLogging, DeleteTrail), so the answer to "how did they get in, and what did they touch?" is gone. Event history keeps only the last 90 days of management events in each region, and breaches are often noticed later than that. A write-only trail misses the attacker\'s reconnaissance and every read of data and secrets. Log file validation lets you prove that delivered log files were not altered or deleted afterwards.',
  remediation: {
    summary:
      'Create (or fix) one multi-region trail that is logging, records all read and write management events and has log file validation on; in an organization, an organization trail created in the management account covers every member account.',
    console: [
      'Open the CloudTrail console and choose Trails > Create trail (in an organization, from the management account, and select "Enable for all accounts in my organization").',
      'Choose an S3 bucket the workload accounts cannot write to or delete, and turn on "Log file validation".',
      'Under "Management events", select both Read and Write and no exclusions; save. Trails created in the console apply to all regions.',
      'For an existing trail, choose "Start logging" if it is stopped, and edit its management events to include Read and Write.',
    ],
    cli: [
      'aws cloudtrail create-trail --name account-audit --s3-bucket-name <log-bucket> --is-multi-region-trail --enable-log-file-validation',
      'aws cloudtrail put-event-selectors --trail-name account-audit --event-selectors \'[{"ReadWriteType":"All","IncludeManagementEvents":true}]\'',
      'aws cloudtrail start-logging --name account-audit',
    ].join('\n'),
    terraform: [
      'resource "aws_cloudtrail" "audit" {',
      '  name                          = "account-audit"',
      '  s3_bucket_name                = aws_s3_bucket.audit_logs.id',
      '  is_multi_region_trail         = true',
      '  include_global_service_events = true',
      '  enable_log_file_validation    = true',
      '  enable_logging                = true',
      '  # is_organization_trail       = true  # from the organization\'s management account',
      '  event_selector {',
      '    read_write_type           = "All"',
      '    include_management_events = true',
      '  }',
      '}',
    ].join('\n'),
    docs: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-a-trail.html',
  },
  attackSteps: [
    'Use stolen credentials in a region the account never logs, or check whether a trail exists at all (cloudtrail:DescribeTrails, GetTrailStatus).',
    'Call StopLogging or DeleteTrail, or rely on a write-only trail that never records the reconnaissance calls.',
    'Enumerate IAM, S3 and secrets, create backdoor users or keys and take the data, leaving no record the victim can search later.',
    'When the breach is noticed weeks or months on, the investigation cannot say how the attacker got in or what they touched.',
  ],
  frameworks: {
    'cis-aws-1.2': ['2.1', '2.2'],
    'cis-aws-1.4': ['3.1', '3.2'],
    'cis-aws-3.0': ['3.1', '3.2'],
    'cis-aws-5.0': ['3.1', '3.2'],
    'aws-security-hub': ['CloudTrail.1', 'CloudTrail.4'],
  },
  patterns: ['trail-tampering', 'long-dwell'],
  incidents: [],
  evaluate({ data, accountId, partition }) {
    return [judgeAccount(data.cloudTrailTrails, accountId, accountArn(partition, accountId))];
  },
});

function judgeAccount(slice: CloudTrailTrails, accountId: string, account: string): CheckOutcome {
  const multi = slice.trails.filter((trail) => trail.isMultiRegion);
  const single = slice.trails.filter((trail) => !trail.isMultiRegion);
  const verdicts = multi.map(judgeTrail);
  const evidence = {
    describedIn: slice.describedIn,
    multiRegionTrails: verdicts.map(describeTrail),
    singleRegionTrails: single.map((trail) => `${trail.name} (${trail.homeRegion})`),
  };
  const satisfying = verdicts.flatMap((v) => (v.kind === 'satisfies' ? [v.trail] : [])).sort(byPreference);
  const best = satisfying[0];
  if (best !== undefined) {
    const label = `${best.isOrganizationTrail ? 'Organization trail' : 'Trail'} ${best.name}`;
    // Log file validation: digest files signed by CloudTrail show whether a delivered log file was
    // changed or deleted afterwards (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html).
    if (best.logFileValidation) {
      return { status: 'pass', resource: best.arn, region: 'global', message: `${label} is multi-region, logging, records read and write management events, and validates its log files.`, evidence };
    }
    return {
      status: 'fail',
      resource: best.arn,
      region: 'global',
      severity: 'medium',
      severityReason: 'logging works; only the tamper evidence of delivered files is missing',
      message: `${label} logs read and write management events in every region, but log file validation is off: a log file changed or deleted after delivery cannot be detected.`,
      evidence,
    };
  }
  const unknown = verdicts.flatMap((v) => (v.kind === 'unknown' ? [v] : []));
  if (unknown.length > 0) {
    const actions = [...new Set(unknown.map((v) => v.action))];
    const foreign = unknown.some((v) => ownerOf(v.trail) !== accountId);
    const hint = foreign ? ' An organization trail is judged in the account that owns it: scan the management account (or its delegated administrator).' : '';
    return {
      status: 'unknown',
      resource: account,
      region: 'global',
      message: `No readable multi-region trail records read and write management events, and ${unknown.map(describeTrail).join('; ')}.${hint}`,
      evidence: { ...evidence, missingAction: actions.join(', '), errorCode: unknown[0]?.error.code ?? null },
    };
  }
  const partial = verdicts.flatMap((v) => (v.kind === 'excludes-sources' ? [v] : []));
  const firstPartial = partial[0];
  if (firstPartial !== undefined) {
    // The AWS Config rule behind CloudTrail.1 is non-compliant when management event sources are
    // excluded (https://docs.aws.amazon.com/config/latest/developerguide/multi-region-cloudtrail-enabled.html).
    return {
      status: 'fail',
      resource: firstPartial.trail.arn,
      region: 'global',
      severity: 'medium',
      severityReason: 'most management events are logged; some event sources are excluded',
      message: `Trail ${firstPartial.trail.name} logs read and write management events in every region except those from ${firstPartial.coverage.excluded.join(', ')}: calls to those services leave no record.`,
      evidence,
    };
  }
  let why: string;
  if (slice.trails.length === 0) why = 'The account has no CloudTrail trail';
  else if (multi.length === 0) why = `The account has only single-region trails (${evidence.singleRegionTrails.join(', ')}), so the other regions are not logged`;
  else why = `No multi-region trail records read and write management events: ${verdicts.map(describeTrail).join('; ')}`;
  return {
    status: 'fail',
    resource: account,
    region: 'global',
    message: `${why}. Beyond the last 90 days of event history, nobody could tell what an intruder did.`,
    evidence,
  };
}
