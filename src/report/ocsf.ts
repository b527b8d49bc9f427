/**
 * OCSF Detection Finding events (class 2004, OCSF 1.3.0): the format AWS Security Lake, Prowler and
 * most SIEMs ingest. One event per failing result, as a JSON array; suppressed results are kept,
 * with the OCSF finding status "Suppressed", so nothing accepted disappears from a SIEM's view.
 *
 * Field meanings follow the OCSF schema browser for 1.3.0 (https://schema.ocsf.io/1.3.0/classes/detection_finding):
 * - `type_uid` = class_uid × 100 + activity_id; activity 1 is "Create".
 * - `severity_id`: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical.
 * - `status_id` (the finding's workflow status): 1 New, 3 Suppressed.
 * - `time` is epoch milliseconds: the report's collectedAt, so a snapshot renders identically forever.
 */
import type { Severity } from '../model.js';
import { escapeJsonInvisibles } from './sanitize.js';
import type { CheckSummary, Report, ReportIncident, Result } from './schema.js';

export const OCSF_VERSION = '1.3.0';
export const DETECTION_FINDING_CLASS_UID = 2004;
export const FINDINGS_CATEGORY_UID = 2;
const CREATE_ACTIVITY_ID = 1;

export const OCSF_SEVERITY_ID: Readonly<Record<Severity, number>> = { info: 1, low: 2, medium: 3, high: 4, critical: 5 };
const OCSF_SEVERITY_NAME: Readonly<Record<Severity, string>> = { info: 'Informational', low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };

export function renderOcsf(report: Report): string {
  const checks = new Map(report.checks.map((check) => [check.id, check]));
  const incidents = new Map(report.incidents.map((incident) => [incident.id, incident]));
  const events = report.results.filter((result) => result.status === 'fail').map((result) => toEvent(report, result, checks.get(result.checkId), incidents));
  return escapeJsonInvisibles(JSON.stringify(events, null, 2)) + '\n';
}

function toEvent(report: Report, result: Result, check: CheckSummary | undefined, incidents: Map<string, ReportIncident>): Record<string, unknown> {
  const accountId = result.account ?? report.account.id;
  const suppressed = result.suppression !== undefined;
  const time = Date.parse(report.collectedAt);
  const region = result.region === 'global' ? undefined : result.region;
  const resemble = result.incidents.flatMap((match) => {
    const incident = incidents.get(match.id);
    return incident === undefined ? [] : [{ id: incident.id, name: incident.name, date: incident.date, link: match.match, reason: match.reason }];
  });
  const event: Record<string, unknown> = {
    activity_id: CREATE_ACTIVITY_ID,
    activity_name: 'Create',
    category_uid: FINDINGS_CATEGORY_UID,
    category_name: 'Findings',
    class_uid: DETECTION_FINDING_CLASS_UID,
    class_name: 'Detection Finding',
    type_uid: DETECTION_FINDING_CLASS_UID * 100 + CREATE_ACTIVITY_ID,
    type_name: 'Detection Finding: Create',
    time,
    severity_id: OCSF_SEVERITY_ID[result.severity],
    severity: OCSF_SEVERITY_NAME[result.severity],
    status_id: suppressed ? 3 : 1,
    status: suppressed ? 'Suppressed' : 'New',
    message: result.message,
    metadata: {
      version: OCSF_VERSION,
      product: { name: 'breachmap', vendor_name: 'breachmap', version: report.tool.version, uid: 'breachmap' },
      event_code: result.checkId,
    },
    finding_info: {
      uid: result.fingerprint,
      title: check?.title ?? result.title,
      desc: check?.description ?? result.message,
      types: [result.checkId, ...(check?.rootCauses ?? [])],
      created_time: time,
    },
    cloud: { provider: 'AWS', account: { uid: accountId, type: 'AWS Account', type_id: 10 }, ...(region === undefined ? {} : { region }) },
    resources: [{ uid: result.resource, ...(region === undefined ? {} : { region }), cloud_partition: report.account.partition, ...(result.qualifier === undefined ? {} : { name: result.qualifier }) }],
    unmapped: {
      check_id: result.checkId,
      evidence: result.evidence,
      resembles: resemble,
      ...(result.suppression === undefined ? {} : { suppression: result.suppression }),
      ...(result.baseline === undefined ? {} : { baseline: result.baseline }),
      ...(result.reach === undefined ? {} : { reach: result.reach }),
    },
  };
  if (check !== undefined) event['remediation'] = { desc: check.remediation.summary, references: [check.remediation.docs] };
  return event;
}
