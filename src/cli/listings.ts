/** Renderers for the catalogue-style commands: checks and permissions (incidents: src/teach). Pure functions. */
import type { AnyCheck } from '../checks/define.js';
import { requiredActionsFor } from '../inventory/permissions.js';
import { ORGANIZATION_ACTIONS } from '../inventory/actions.js';
import type { SliceName } from '../inventory/schema.js';
import type { Incident } from '../incidents/types.js';
import { matchIncidents } from '../incidents/match.js';

export function renderChecksList(checks: readonly AnyCheck[], catalog: readonly Incident[], format: 'text' | 'json'): string {
  const rows = checks.map((check) => ({
    id: check.id,
    service: check.service,
    severity: check.severity,
    title: check.title,
    rootCauses: [...check.rootCauses],
    patterns: [...(check.patterns ?? [])],
    incidents: matchIncidents(check, catalog).map((m) => m.id),
    frameworks: check.frameworks,
    permissions: requiredActionsFor(check.needs),
  }));
  if (format === 'json') return JSON.stringify(rows, null, 2) + '\n';
  const byId = new Map(catalog.map((i) => [i.id, i]));
  const idWidth = Math.max(...rows.map((r) => r.id.length));
  const lines = rows.map((r) => {
    // With the date: the catalog holds several incidents of one victim (two named Uber).
    const names = r.incidents
      .slice(0, 3)
      .map((id) => {
        const incident = byId.get(id);
        return incident === undefined ? id : `${incident.name} (${incident.date})`;
      })
      .join(', ');
    return `${r.id.padEnd(idWidth)}  ${r.severity.padEnd(8)}  ${r.title}\n${' '.repeat(idWidth + 12)}causes: ${r.rootCauses.join(', ')} · mirrors: ${names}`;
  });
  return lines.join('\n') + `\n\n${rows.length} check${rows.length === 1 ? '' : 's'}. 'breachmap explain <id>' tells the story of one.\n`;
}

export function renderPermissions(slices: readonly SliceName[]): string {
  const policy = {
    Version: '2012-10-17',
    Statement: [{ Sid: 'BreachmapReadOnly', Effect: 'Allow', Action: requiredActionsFor(slices), Resource: '*' }],
  };
  return JSON.stringify(policy, null, 2) + '\n';
}

/**
 * The extra policy of the account that runs `scan --org` (the management account or a delegated
 * administrator): list the accounts and assume the scan role. Member accounts need only the scan
 * policy (`breachmap permissions`) on the role, plus a trust policy naming the scanning identity.
 */
export function renderOrganizationPermissions(roleName = '*'): string {
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'BreachmapListOrganization', Effect: 'Allow', Action: ORGANIZATION_ACTIONS.filter((a) => a.startsWith('organizations:')), Resource: '*' },
      { Sid: 'BreachmapAssumeScanRole', Effect: 'Allow', Action: ORGANIZATION_ACTIONS.filter((a) => a.startsWith('sts:')), Resource: `arn:aws:iam::*:role/${roleName}` },
    ],
  };
  return JSON.stringify(policy, null, 2) + '\n';
}
