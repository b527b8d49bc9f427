/**
 * AWS Security Finding Format (ASFF) for `aws securityhub batch-import-findings --findings
 * file://breachmap.asff.json`: a JSON array, one finding per failing result. breachmap never calls
 * Security Hub; writing the file is the feature.
 *
 * Follows the Security Hub user guide's required top-level attributes
 * (https://docs.aws.amazon.com/securityhub/latest/userguide/asff-required-attributes.html) and the
 * partner mapping guidelines (https://docs.aws.amazon.com/securityhub/latest/partnerguide/guidelines-asff-mapping.html):
 * - `SchemaVersion` is always 2018-10-08; `Id` is unique per finding and stable (the fingerprint),
 *   so a re-import updates the finding instead of adding one.
 * - `ProductArn` is the account's own "default" product, the ARN Security Hub accepts for findings
 *   a customer imports into its own account: `arn:<partition>:securityhub:<region>:<account>:product/<account>/default`.
 *   Its region is the first scanned region: import the file in that region.
 * - `Title` is at most 256 characters, `Description` 1024, `Remediation.Recommendation.Text` 512.
 * - Suppressed results keep `Workflow.Status` SUPPRESSED; `Compliance.Status` is FAILED for all.
 */
import type { Severity } from '../model.js';
import { escapeJsonInvisibles } from './sanitize.js';
import type { CheckSummary, Report, Result } from './schema.js';

export const ASFF_SCHEMA_VERSION = '2018-10-08';
const ASFF_SEVERITY: Readonly<Record<Severity, string>> = { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW', info: 'INFORMATIONAL' };
/** The finding type namespace/category Security Hub defines for configuration checks. */
const FINDING_TYPE = 'Software and Configuration Checks/AWS Security Best Practices';

export function renderAsff(report: Report): string {
  const checks = new Map(report.checks.map((check) => [check.id, check]));
  const findings = report.results.filter((result) => result.status === 'fail').map((result) => toFinding(report, result, checks.get(result.checkId)));
  return escapeJsonInvisibles(JSON.stringify(findings, null, 2)) + '\n';
}

function toFinding(report: Report, result: Result, check: CheckSummary | undefined): Record<string, unknown> {
  const accountId = result.account ?? report.account.id;
  const partition = report.account.partition;
  const importRegion = report.regions[0] ?? 'us-east-1';
  const region = result.region === 'global' ? importRegion : result.region;
  const frameworks = Object.entries(check?.frameworks ?? {}).flatMap(([framework, ids]) => ids.map((id) => `${framework} ${id}`));
  const finding: Record<string, unknown> = {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: `breachmap/${accountId}/${result.fingerprint}`,
    ProductArn: `arn:${partition}:securityhub:${importRegion}:${accountId}:product/${accountId}/default`,
    ProductName: 'breachmap',
    CompanyName: 'breachmap',
    GeneratorId: `breachmap/${result.checkId}`,
    AwsAccountId: accountId,
    Region: region,
    Types: [FINDING_TYPE],
    CreatedAt: report.collectedAt,
    UpdatedAt: report.collectedAt,
    Severity: { Label: ASFF_SEVERITY[result.severity], Original: result.severity },
    Title: clip(`${result.checkId}: ${check?.title ?? result.title}`, 256),
    Description: clip(result.message, 1024),
    Resources: [{ Type: resourceType(result.resource), Id: result.resource, Partition: partition, Region: region }],
    Compliance: { Status: 'FAILED', ...(frameworks.length === 0 ? {} : { RelatedRequirements: frameworks.slice(0, 32) }) },
    Workflow: { Status: result.suppression === undefined ? 'NEW' : 'SUPPRESSED' },
    RecordState: 'ACTIVE',
    ProductFields: productFields(result),
  };
  if (check !== undefined) finding['Remediation'] = { Recommendation: { Text: clip(check.remediation.summary, 512), Url: check.remediation.docs } };
  return finding;
}

/** ProductFields is a map of strings (at most 50 entries): the check, the incidents it resembles, suppression. */
function productFields(result: Result): Record<string, string> {
  const fields: Record<string, string> = { 'breachmap/CheckId': result.checkId, 'breachmap/Fingerprint': result.fingerprint };
  if (result.qualifier !== undefined) fields['breachmap/Qualifier'] = result.qualifier;
  if (result.incidents.length > 0) fields['breachmap/Resembles'] = clip(result.incidents.map((match) => match.id).join(', '), 1024);
  if (result.suppression !== undefined) fields['breachmap/SuppressionReason'] = clip(result.suppression.reason, 1024);
  if (result.baseline !== undefined) fields['breachmap/Baseline'] = result.baseline;
  if (result.reach !== undefined) {
    fields['breachmap/Reach'] = clip(result.reach.summary, 1024);
    fields['breachmap/ReachPrincipal'] = result.reach.principal;
    if (result.reach.admin !== null) fields['breachmap/ReachAdminVia'] = clip(result.reach.admin.direct ? 'direct' : result.reach.admin.pathIds.join(', '), 1024);
  }
  return fields;
}

/** The ASFF resource type for an ARN breachmap reports on; `Other` where ASFF has no specific type. */
export function resourceType(arn: string): string {
  const [, , service = '', , , ...rest] = arn.split(':');
  const resource = rest.join(':');
  if (service === 's3') return 'AwsS3Bucket';
  if (service === 'iam') {
    if (resource === 'root') return 'AwsAccount';
    if (resource.startsWith('user/')) return 'AwsIamUser';
    if (resource.startsWith('role/')) return 'AwsIamRole';
    return 'Other';
  }
  if (service === 'ec2') {
    if (resource.startsWith('instance/') && !resource.endsWith('/*')) return 'AwsEc2Instance';
    if (resource.startsWith('security-group/') && !resource.endsWith('/*')) return 'AwsEc2SecurityGroup';
    if (resource.startsWith('volume/')) return 'AwsEc2Volume';
  }
  return 'Other';
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
