/**
 * Text and Markdown for organization reports: the organization summary (every account, scanned or
 * not and why), then one section per scanned account drawn by the single-account renderer from
 * that account's slice of the report. Pure functions of the report.
 */
import { accountView } from '../engine/organization.js';
import { SEVERITIES } from '../model.js';
import type { Organization, OrganizationAccount } from './organization-schema.js';
import { renderMarkdown } from './markdown.js';
import type { Report } from './schema.js';
import { sanitizeInline } from './sanitize.js';
import { renderText, summaryLine, type TextOptions } from './text.js';

function openBySeverity(account: OrganizationAccount): string {
  const parts = SEVERITIES.filter((s) => account.failedBySeverity[s] > 0).map((s) => `${account.failedBySeverity[s]} ${s}`);
  return parts.length === 0 ? 'no failing checks' : parts.join(', ');
}

function headline(organization: Organization): string {
  const s = organization.summary;
  const shard = organization.shard === undefined ? '' : ` · shard ${organization.shard.index}/${organization.shard.count}`;
  const merged = organization.mergedShards === undefined ? '' : ` · merged from shards ${organization.mergedShards.join(', ')}`;
  return `${s.scanned} of ${s.accounts} account${s.accounts === 1 ? '' : 's'} scanned, ${s.failed} not scanned, ${s.withFindings} with failing checks${shard}${merged}`;
}

export function renderOrganizationText(report: Report, options: TextOptions): string {
  const organization = report.organization;
  if (organization === undefined) return renderText(report, options);
  const s = sanitizeInline;
  const lines: string[] = [];
  const from = organization.managementAccountId === null ? '' : ` · listed from ${organization.managementAccountId}`;
  const role = organization.role === null ? '' : ` · role ${s(organization.role)}`;
  lines.push(`breachmap ${report.tool.version} · AWS Organization${from}${role} · collected ${report.collectedAt}`);
  lines.push(headline(organization), '');
  const idWidth = 12;
  const nameWidth = Math.min(30, Math.max(4, ...organization.accounts.map((a) => (a.name ?? a.alias ?? '').length)));
  for (const account of organization.accounts) {
    const name = s(account.name ?? account.alias ?? '').slice(0, nameWidth).padEnd(nameWidth);
    const state = account.status === 'failed' ? `NOT SCANNED: ${s(account.error?.message ?? 'unknown reason')}` : `${openBySeverity(account)}; ${account.results.unknown} unknown`;
    lines.push(`  ${account.id.padEnd(idWidth)}  ${name}  ${state}`);
  }
  lines.push('');
  for (const account of organization.accounts) {
    if (account.status !== 'scanned') continue;
    const name = account.name === undefined ? '' : ` (${s(account.name)})`;
    lines.push(`━━ Account ${account.id}${name} ━━`);
    lines.push(renderText(accountView(report, account), options));
  }
  for (const warning of report.warnings ?? []) lines.push(`Warning: ${s(warning)}`);
  if ((report.warnings ?? []).length > 0) lines.push('');
  lines.push(`Organization: ${summaryLine(report)}`);
  return lines.join('\n') + '\n';
}

export function renderOrganizationMarkdown(report: Report): string {
  const organization = report.organization;
  if (organization === undefined) return renderMarkdown(report);
  // The same escaping as src/report/markdown.ts: account names are account-controlled text.
  const md = (text: string) =>
    sanitizeInline(text)
      .replace(/[\\`*_[\]|#~]/g, '\\$&')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;');
  const lines: string[] = [`## breachmap: AWS Organization`, ''];
  lines.push(`${md(headline(organization))} · collected ${md(report.collectedAt)} · breachmap ${md(report.tool.version)}`, '');
  lines.push('| Account | Name | Open findings | Unknown |', '|---|---|---|---:|');
  for (const account of organization.accounts) {
    const state = account.status === 'failed' ? `⚠️ not scanned: ${md(account.error?.message ?? 'unknown reason')}` : md(openBySeverity(account));
    lines.push(`| \`${account.id}\` | ${md(account.name ?? account.alias ?? '')} | ${state} | ${account.results.unknown} |`);
  }
  lines.push('');
  for (const account of organization.accounts) {
    if (account.status !== 'scanned') continue;
    // Each account's section is the single-account summary, one heading level down.
    const section = renderMarkdown(accountView(report, account)).replace(/^(#{2,5}) /gm, '#$1 ');
    lines.push(section.trimEnd(), '');
  }
  for (const warning of report.warnings ?? []) lines.push(`> ⚠️ ${md(warning)}`);
  return lines.join('\n').trimEnd() + '\n';
}
