/**
 * The HTML report: ONE self-contained file for workshops and for sharing. Inline CSS and one inline
 * script only; it loads nothing (a Content-Security-Policy says so to the browser too) and works
 * from file:// with no network. Pure: Report → string.
 *
 * Every value that comes from the account or the catalog goes through `esc` (text and attribute
 * values alike) and every link through `safeHref` (http and https only). No value is ever placed
 * inside the script: the filters read data-* attributes that hold only our own enum values.
 */
import { createHash } from 'node:crypto';
import { FRAMEWORK_LABELS, ROOT_CAUSE_LABELS, ROOT_CAUSES, SERVICES, SEVERITIES, type RootCause, type Service, type Severity } from '../model.js';
import { isStrongMatch, MATCH_KIND_LABELS, type CheckSummary, type Report, type ReportIncident, type Result } from './schema.js';
import { sanitizeForTerminal } from './sanitize.js';
import { pathsSection } from './paths-html.js';
import { isOpenFinding, isSuppressedFinding } from './summary.js';
import { severityChange } from './text.js';

/** How many matched incidents a card shows before folding the rest away. */
const INCIDENTS_SHOWN = 3;

const SERVICE_LABELS: Readonly<Record<Service, string>> = {
  iam: 'IAM',
  s3: 'S3',
  ec2: 'EC2',
  ebs: 'EBS',
  rds: 'RDS',
  lambda: 'Lambda',
  eks: 'EKS',
  cloudtrail: 'CloudTrail',
  guardduty: 'GuardDuty',
  bedrock: 'Bedrock',
};
/** HTML-escapes text for element content and for quoted attribute values; controls and bidi marks become visible escapes. */
export function esc(value: string | number | boolean | null): string {
  return sanitizeForTerminal(String(value)).replace(/[&<>"'`]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The URL when it is an absolute http(s) URL, else null (javascript:, data:, relative, junk). */
export function safeHref(url: string): string | null {
  const trimmed = url.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  try {
    const parsed = new URL(trimmed);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function link(title: string, url: string): string {
  const href = safeHref(url);
  if (href === null) return `<span class="inert-link">${esc(title)} <span class="muted">(${esc(url)})</span></span>`;
  return `<a href="${esc(href)}" rel="noopener noreferrer" target="_blank">${esc(title)}</a>`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2 November 2026, 09:30 UTC", independent of the machine's locale and time zone. */
function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const hh = String(date.getUTCHours()).padStart(2, '0');
  const mm = String(date.getUTCMinutes()).padStart(2, '0');
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()] ?? ''} ${date.getUTCFullYear()}, ${hh}:${mm} UTC`;
}

/** "April 2019" or "2019" for catalog dates (YYYY-MM or YYYY). */
function formatMonth(date: string): string {
  const [year, month] = date.split('-');
  const name = month === undefined ? undefined : MONTHS[Number(month) - 1];
  return name === undefined ? (year ?? date) : `${name} ${year ?? ''}`;
}

function severityBadge(severity: Severity): string {
  return `<span class="badge sev-${severity}">${severity}</span>`;
}

interface Finding {
  result: Result;
  check: CheckSummary | undefined;
  index: number;
}

export function renderHtml(report: Report): string {
  const checks = new Map(report.checks.map((check) => [check.id, check]));
  const incidents = new Map(report.incidents.map((incident) => [incident.id, incident]));
  // In an organization report the cards are grouped by account (a stable sort keeps severity order within one).
  // Cards are the open findings; accepted risks (suppressed) are listed apart, as in every format.
  const findings: Finding[] = report.results
    .filter(isOpenFinding)
    .sort((a, b) => (a.account ?? '').localeCompare(b.account ?? ''))
    .map((result, index) => ({ result, check: checks.get(result.checkId), index }));

  const title = `breachmap report · ${report.account.alias ?? report.account.id}`;
  const body = [
    header(report),
    '<main id="main" tabindex="-1">',
    organizationSection(report),
    overview(report, findings, incidents),
    pathsSection(report),
    findings.length === 0 ? '' : filters(findings),
    findingsSection(findings, incidents, report),
    timeline(findings, incidents),
    suppressedSection(report),
    controlsSection(report),
    notEvaluated(report),
    passed(report),
    '</main>',
    footer(report),
  ].join('\n');

  const script = SCRIPT;
  const scriptHash = createHash('sha256').update(script).digest('base64');
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `script-src 'sha256-${scriptHash}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light dark">
<title>${esc(title)}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#findings">Skip to findings</a>
${body}
<script>${script}</script>
</body>
</html>
`;
}

function header(report: Report): string {
  const alias = report.account.alias === null ? '' : ` <span class="alias">${esc(report.account.alias)}</span>`;
  return `<header class="top" role="banner">
  <div class="top-inner">
    <div>
      <p class="brand">breachmap <span class="muted">${esc(report.tool.version)}</span></p>
      ${
        report.organization === undefined
          ? `<h1>AWS account <span class="mono">${esc(report.account.id)}</span>${alias}</h1>`
          : `<h1>AWS Organization · ${report.organization.summary.accounts} account${report.organization.summary.accounts === 1 ? '' : 's'}</h1>`
      }
      <p class="meta">Collected ${esc(formatTimestamp(report.collectedAt))} · regions: ${report.regions.length === 0 ? 'none' : report.regions.map((r) => esc(r)).join(', ')}${report.account.callerArn === null ? '' : ` · scanned as <span class="mono">${esc(report.account.callerArn)}</span>`}</p>
    </div>
    <div class="top-actions">
      <button type="button" id="theme-toggle" class="button" aria-pressed="false">Dark theme</button>
    </div>
  </div>
  <nav aria-label="Sections">
    <ul>
      <li><a href="#overview">Overview</a></li>
      <li><a href="#findings">Findings</a></li>
      <li><a href="#timeline">Breach timeline</a></li>
      <li><a href="#not-evaluated">Not evaluated</a></li>
      <li><a href="#passed">Passed</a></li>
    </ul>
  </nav>
</header>`;
}

/** Organization reports only: every account, whether it was scanned, its open findings by severity, or why it was not. */
function organizationSection(report: Report): string {
  const organization = report.organization;
  if (organization === undefined) return '';
  const rows = organization.accounts
    .map((a) => {
      const counts = SEVERITIES.filter((s) => a.failedBySeverity[s] > 0).map((s) => `${a.failedBySeverity[s]} ${s}`).join(', ');
      const state = a.status === 'failed' ? `<span class="sev sev-high">not scanned</span> ${esc(a.error?.message ?? '')}` : counts === '' ? 'no failing checks' : esc(counts);
      const anchor = a.status === 'scanned' && a.results.fail > 0 ? `<a href="#account-${esc(a.id)}" class="mono">${esc(a.id)}</a>` : `<span class="mono">${esc(a.id)}</span>`;
      return `<tr><td>${anchor}</td><td>${esc(a.name ?? a.alias ?? '')}</td><td>${state}</td><td>${a.results.unknown}</td></tr>`;
    })
    .join('\n');
  const s = organization.summary;
  const shard = organization.shard === undefined ? '' : ` · shard ${organization.shard.index}/${organization.shard.count}`;
  return `<section id="organization" aria-labelledby="organization-title" class="section">
  <h2 id="organization-title">Organization</h2>
  <p>${s.scanned} of ${s.accounts} account${s.accounts === 1 ? '' : 's'} scanned, ${s.failed} could not be scanned, ${s.withFindings} with open findings${organization.managementAccountId === null ? '' : ` · listed from <span class="mono">${esc(organization.managementAccountId)}</span>`}${organization.role === null ? '' : ` · role <span class="mono">${esc(organization.role)}</span>`}${esc(shard)}</p>
  <table class="accounts"><thead><tr><th scope="col">Account</th><th scope="col">Name</th><th scope="col">Open findings</th><th scope="col">Unknown</th></tr></thead>
  <tbody>
${rows}
  </tbody></table>
</section>`;
}

function overview(report: Report, findings: readonly Finding[], incidents: Map<string, ReportIncident>): string {
  const counts = report.summary.results;
  const { open, suppressed } = report.summary.findings;
  // Related links and secondary causes are context; precondition and attacker-action links and primary causes tell the story.
  const strong = strongIncidents(findings, incidents);
  const first = strong[0];
  const last = strong[strong.length - 1];
  const span = first !== undefined && last !== undefined && first !== last ? `, from ${esc(first.name)} (${esc(first.date.slice(0, 4))}) to ${esc(last.name)} (${esc(last.date.slice(0, 4))})` : '';
  const accepted = suppressed.total === 0 ? '' : ` <a href="#suppressed">${suppressed.total} more ${suppressed.total === 1 ? 'is' : 'are'} suppressed</a> as accepted ${suppressed.total === 1 ? 'risk' : 'risks'}.`;
  const lead =
    open.total === 0
      ? `<p class="lead">No open findings: none of the preconditions breachmap knows from real breaches is present in this account.${accepted}</p>`
      : `<p class="lead"><strong>${open.total} open ${open.total === 1 ? 'finding' : 'findings'}</strong> in this account ${open.total === 1 ? 'is' : 'are'} how <strong>${strong.length} real ${strong.length === 1 ? 'breach' : 'breaches'}</strong> began${span}.${accepted}</p>`;
  const startHere = findings
    .slice(0, 4)
    .map(({ result, index }) => {
      const best = result.incidents[0];
      const incident = best === undefined ? undefined : incidents.get(best.id);
      const story = incident === undefined ? '' : ` <span class="muted">— like ${esc(incident.name)}, ${esc(incident.date.slice(0, 4))}</span>`;
      return `<li><a href="#finding-${index}">${severityBadge(result.severity)} <code>${esc(result.checkId)}</code> on <span class="mono">${esc(shortResource(result.resource))}</span></a>${story}</li>`;
    })
    .join('');
  const severityItems = SEVERITIES.map((severity) => {
    const n = open.bySeverity[severity];
    return `<li class="sev-tile sev-${severity}${n === 0 ? ' zero' : ''}"><span class="tile-n">${n}</span><span class="tile-label">${severity}</span></li>`;
  }).join('');

  const causeEntries = ROOT_CAUSES.flatMap((cause) => {
    const n = report.summary.failedByRootCause[cause];
    return n === undefined || n === 0 ? [] : [[cause, n] as const];
  });
  const maxCause = Math.max(1, ...causeEntries.map(([, n]) => n));
  const causeRows = causeEntries
    .map(
      ([cause, n]) =>
        `<li><span class="cause-label">${esc(ROOT_CAUSE_LABELS[cause])}</span><span class="bar" aria-hidden="true"><span class="bar-fill" style="width:${Math.round((n / maxCause) * 100)}%"></span></span><span class="cause-n">${n}</span></li>`,
    )
    .join('');

  return `<section id="overview" aria-labelledby="overview-title" class="section">
  <h2 id="overview-title">Overview</h2>
  ${lead}
  <div class="overview-grid">
    <div class="panel">
      <h3>Open findings by severity</h3>
      <ul class="sev-tiles">${severityItems}</ul>
      <p class="totals"><span><strong>${open.total}</strong> open</span> <span><strong>${suppressed.total}</strong> suppressed</span>${report.summary.findings.new === undefined ? '' : ` <span><strong>${report.summary.findings.new.total}</strong> new</span> <span><strong>${report.summary.findings.resolved ?? 0}</strong> resolved</span>`} <span><strong>${counts.unknown}</strong> not evaluated</span> <span><strong>${counts.pass}</strong> passed</span> <span><strong>${report.summary.checks}</strong> check${report.summary.checks === 1 ? '' : 's'}</span></p>
      ${startHere === '' ? '' : `<h3 class="start-title">Start here</h3><ol class="start">${startHere}</ol>`}
    </div>
    <div class="panel">
      <h3>Failing findings by root cause</h3>
      ${causeRows === '' ? '<p class="muted">None.</p>' : `<ul class="causes">${causeRows}</ul>`}
    </div>
  </div>
</section>`;
}

function filters(findings: readonly Finding[]): string {
  const severityCounts = new Map<Severity, number>();
  const serviceCounts = new Map<Service, number>();
  const causeCounts = new Map<RootCause, number>();
  for (const { result, check } of findings) {
    severityCounts.set(result.severity, (severityCounts.get(result.severity) ?? 0) + 1);
    if (check !== undefined) {
      serviceCounts.set(check.service, (serviceCounts.get(check.service) ?? 0) + 1);
      for (const cause of check.rootCauses) causeCounts.set(cause, (causeCounts.get(cause) ?? 0) + 1);
    }
  }
  const group = (name: string, legend: string, options: { value: string; label: string; n: number }[]) =>
    `<fieldset class="filter-group" data-filter="${esc(name)}"><legend>${esc(legend)}</legend>${options
      .map(
        (o) =>
          `<label class="chip"><input type="checkbox" name="${esc(name)}" value="${esc(o.value)}"> <span>${esc(o.label)}</span> <span class="chip-n">${o.n}</span></label>`,
      )
      .join('')}</fieldset>`;
  const severities = SEVERITIES.filter((s) => severityCounts.has(s)).map((s) => ({ value: s, label: s, n: severityCounts.get(s) ?? 0 }));
  const services = SERVICES.filter((s) => serviceCounts.has(s)).map((s) => ({ value: s, label: SERVICE_LABELS[s], n: serviceCounts.get(s) ?? 0 }));
  const causes = ROOT_CAUSES.filter((c) => causeCounts.has(c)).map((c) => ({ value: c, label: ROOT_CAUSE_LABELS[c], n: causeCounts.get(c) ?? 0 }));
  return `<section id="filters" aria-labelledby="filters-title" class="section filters">
  <h2 id="filters-title" class="visually-hidden">Filter the findings</h2>
  <form id="filter-form" class="filter-form" aria-describedby="filter-help">
    <p id="filter-help" class="muted">Show only the findings that match: tick one or more options in a group (nothing ticked shows everything).</p>
    ${group('severity', 'Severity', severities)}
    ${group('service', 'Service', services)}
    ${group('cause', 'Root cause', causes)}
    <div class="filter-status"><button type="reset" class="button">Show all</button> <output id="filter-count" aria-live="polite">Showing ${findings.length} of ${findings.length} findings</output></div>
  </form>
</section>`;
}

function findingsSection(findings: readonly Finding[], incidents: Map<string, ReportIncident>, report: Report): string {
  const names = new Map((report.organization?.accounts ?? []).map((a) => [a.id, a.name ?? a.alias ?? '']));
  const cards = findings
    .map((finding, i) => {
      const account = finding.result.account;
      // One heading per account: the per-account sections of an organization report.
      const heading = account !== undefined && account !== findings[i - 1]?.result.account ? `<h3 class="account-heading" id="account-${esc(account)}">Account <span class="mono">${esc(account)}</span> ${esc(names.get(account) ?? '')}</h3>\n` : '';
      return heading + card(finding, incidents);
    })
    .join('\n');
  return `<section id="findings" aria-labelledby="findings-title" class="section" tabindex="-1">
  <h2 id="findings-title">Findings</h2>
  ${findings.length === 0 ? '<p>No failing findings.</p>' : `<p class="muted hint">Tab or <kbd>j</kbd>/<kbd>k</kbd> moves between findings.</p>`}
  <div class="cards">
${cards}
  </div>
  <p id="no-match" class="empty" hidden>No finding matches these filters.</p>
</section>`;
}

function evidenceList(result: Result): string {
  const entries = Object.entries(result.evidence);
  if (entries.length === 0) return '';
  const rows = entries
    .map(([key, value]) => {
      const shown = Array.isArray(value) ? (value.length === 0 ? '—' : value.map((v) => esc(v)).join('<br>')) : value === null ? '—' : esc(value);
      return `<dt>${esc(key)}</dt><dd>${shown}</dd>`;
    })
    .join('');
  return `<details class="evidence"><summary>Evidence</summary><dl>${rows}</dl></details>`;
}

/** Escaped text whose `back-quoted` parts (store names, path ids) are shown as code. */
function withCode(text: string): string {
  return text
    .split('`')
    .map((part, index) => (index % 2 === 1 ? `<code>${esc(part)}</code>` : esc(part)))
    .join('');
}

const ACCESS_WORDS: Readonly<Record<string, string>> = { read: 'read', write: 'write', 'change-access': 'change access', copy: 'copy' };

/** A credential finding's reach: the summary line, then the stores by name, admin, roles and what is not known. */
function reachBlock(result: Result): string {
  const reach = result.reach;
  if (reach === undefined) return '';
  const stores = reach.stores
    .map((store) => `<li><span class="mono">${esc(store.name)}</span> <span class="muted">(${esc(store.kind)}, ${esc(store.region)})</span>: ${esc(store.access.map((access) => ACCESS_WORDS[access] ?? access).join(', '))}${store.conditional === true ? ' <span class="muted">(conditional)</span>' : ''}</li>`)
    .join('');
  const shown = reach.stores.length;
  const total = reach.counts.reduce((sum, entry) => sum + entry.reached, 0);
  const more = total > shown ? `<li class="muted">… and ${esc(total - shown)} more</li>` : '';
  const roleList = (label: string, roles: readonly string[]): string =>
    roles.length === 0 ? '' : `<p><span class="label">${esc(label)}:</span> ${roles.map((role) => `<span class="mono">${esc(role)}</span>`).join(', ')}</p>`;
  const admin = reach.admin === null ? '' : `<p><span class="label">Admin:</span> ${reach.admin.direct ? 'directly' : `via ${reach.admin.pathIds.map((id) => `<code>${esc(id)}</code>`).join(', ')}`}</p>`;
  const gaps = (label: string, items: readonly string[]): string => (items.length === 0 ? '' : `<p><span class="label">${esc(label)}:</span></p><ul>${items.map((item) => `<li>${esc(item)}</li>`).join('')}</ul>`);
  const via = reach.via === undefined ? '' : ` <span class="muted">via ${esc(reach.via)}</span>`;
  return `<details class="reach"><summary><span class="label">Reach</span> of <span class="mono">${esc(reach.principal)}</span>${via}: ${withCode(reach.summary)}</summary>${
    stores === '' ? '' : `<ul class="reach-stores">${stores}${more}</ul>`
  }${admin}${roleList('Can assume', reach.assumableRoles)}${roleList('Then, through chains', reach.chainedRoles)}${roleList('Can pass to compute', reach.passableRoles)}${gaps('At least (may reach more)', reach.atLeast)}${gaps('At most (may reach less)', reach.atMost)}</details>`;
}

function incidentItem(match: Result['incidents'][number], incident: ReportIncident): string {
  const victim = incident.victim === undefined ? '' : ` <span class="muted">(victim: ${esc(incident.victim)})</span>`;
  const links = incident.links.map((l) => `<li>${link(l.title, l.url)}</li>`).join('');
  return `<li class="incident">
  <p class="incident-head"><strong>${esc(incident.name)}</strong>${victim} · <time>${esc(formatMonth(incident.date))}</time> <span class="match match-${esc(match.match)}">${esc(MATCH_KIND_LABELS[match.match])}</span></p>
  <p class="why"><span class="label">Why it is linked:</span> ${esc(match.reason)}${match.source === undefined ? '' : ` <span class="muted">(${link('source', match.source)})</span>`}</p>
  <p class="impact-short">${esc(incident.impactShort)}</p>
  <p><span class="label">What happened:</span> ${esc(incident.rootCause)} ${esc(incident.escalation)}</p>
  <p><span class="label">Impact:</span> ${esc(incident.impact)}</p>
  ${links === '' ? '' : `<ul class="sources" aria-label="Sources for ${esc(incident.name)}">${links}</ul>`}
</li>`;
}

function card({ result, check, index }: Finding, incidents: Map<string, ReportIncident>): string {
  const id = `finding-${index}`;
  const service = check?.service ?? 'unknown';
  const causes = check?.rootCauses ?? [];
  const region = result.region === 'global' ? 'global' : result.region;
  const qualifier = result.qualifier === undefined ? '' : ` <span class="muted">(${esc(result.qualifier)})</span>`;

  const matched = result.incidents.flatMap((m) => {
    const incident = incidents.get(m.id);
    return incident === undefined ? [] : [incidentItem(m, incident)];
  });
  const shown = matched.slice(0, INCIDENTS_SHOWN).join('');
  const more = matched.slice(INCIDENTS_SHOWN);
  const incidentsBlock =
    matched.length === 0
      ? ''
      : `<section class="block" aria-labelledby="${id}-breaches"><h4 id="${id}-breaches">Breaches it resembles</h4><ul class="incidents">${shown}</ul>${
          more.length === 0 ? '' : `<details class="more"><summary>${more.length} more</summary><ul class="incidents">${more.join('')}</ul></details>`
        }</section>`;

  const steps = check?.attackSteps ?? [];
  const attackBlock =
    steps.length === 0
      ? ''
      : `<section class="block attack" aria-labelledby="${id}-attack"><h4 id="${id}-attack">How an attacker uses it</h4><ol>${steps.map((s) => `<li>${esc(s)}</li>`).join('')}</ol></section>`;

  return `<article class="card sev-border-${esc(result.severity)}" id="${id}" tabindex="0" aria-labelledby="${id}-title" data-severity="${esc(result.severity)}" data-service="${esc(service)}" data-causes="${esc(causes.join(' '))}">
  <p class="card-kicker">${severityBadge(result.severity)} <span class="service">${esc(SERVICE_LABELS[service as Service] ?? service)}</span> · <span>${esc(region)}</span>${result.account === undefined ? '' : ` · account <span class="mono">${esc(result.account)}</span>`} · <code>${esc(result.checkId)}</code></p>
  <h3 id="${id}-title" class="resource"><span class="mono">${esc(result.resource)}</span>${qualifier}</h3>
  <p class="message">${esc(result.message)}</p>
  ${severityNote(result, check)}
  ${check === undefined ? '' : `<p class="expected"><span class="label">Expected:</span> ${esc(check.title)}</p>`}
  ${reachBlock(result)}
  ${evidenceList(result)}
  ${incidentsBlock}
  ${attackBlock}
  ${check === undefined ? '' : fixBlock(check, id)}
</article>`;
}

function fixBlock(check: CheckSummary, id: string): string {
  const consoleSteps = check.remediation.console ?? [];
  const steps: string[] = [];
  if (consoleSteps.length > 0) steps.push(`<h5>Console</h5><ol>${consoleSteps.map((s) => `<li>${esc(s)}</li>`).join('')}</ol>`);
  if (check.remediation.cli !== undefined) steps.push(`<h5>AWS CLI</h5><pre><code>${esc(check.remediation.cli)}</code></pre>`);
  if (check.remediation.terraform !== undefined) steps.push(`<h5>Terraform</h5><pre><code>${esc(check.remediation.terraform)}</code></pre>`);
  const kinds = [consoleSteps.length > 0 ? 'console' : '', check.remediation.cli === undefined ? '' : 'CLI', check.remediation.terraform === undefined ? '' : 'Terraform'].filter((k) => k !== '');
  const howTo = steps.length === 0 ? '' : `<details class="howto"><summary>Step by step (${kinds.join(', ')})</summary>${steps.join('')}</details>`;
  return `<section class="block fix" aria-labelledby="${id}-fix"><h4 id="${id}-fix">The fix</h4><p>${esc(check.remediation.summary)}</p>${howTo}<p>${link('AWS documentation', check.remediation.docs)}</p></section>`;
}

function timeline(findings: readonly Finding[], incidents: Map<string, ReportIncident>): string {
  const byIncident = new Map<string, Finding[]>();
  for (const finding of findings) {
    for (const match of finding.result.incidents) {
      if (!isStrongMatch(match.match)) continue;
      const list = byIncident.get(match.id) ?? [];
      list.push(finding);
      byIncident.set(match.id, list);
    }
  }
  const entries = [...byIncident.entries()].flatMap(([incidentId, matchedFindings]) => {
    const incident = incidents.get(incidentId);
    return incident === undefined ? [] : [{ incident, matchedFindings }];
  });
  entries.sort((a, b) => a.incident.date.localeCompare(b.incident.date) || a.incident.name.localeCompare(b.incident.name));
  const items = entries
    .map(({ incident, matchedFindings }) => {
      const findingLinks = matchedFindings
        .map((f) => `<li><a href="#finding-${f.index}">${severityBadge(f.result.severity)} <code>${esc(f.result.checkId)}</code> on <span class="mono">${esc(shortResource(f.result.resource))}</span></a></li>`)
        .join('');
      return `<li class="tl-item">
  <p class="tl-date"><time>${esc(formatMonth(incident.date))}</time></p>
  <div class="tl-body">
    <h3 class="tl-title">${esc(incident.name)}</h3>
    <p>${esc(incident.impactShort)}. <span class="muted">${esc(ROOT_CAUSE_LABELS[incident.primaryCause])}.</span></p>
    <p class="tl-lesson">${esc(incident.lesson)}</p>
    <p class="label">Your findings linked to it:</p>
    <ul class="tl-findings">${findingLinks}</ul>
  </div>
</li>`;
    })
    .join('\n');
  return `<section id="timeline" aria-labelledby="timeline-title" class="section">
  <h2 id="timeline-title">Breach timeline</h2>
  <p class="muted">The real incidents this account's findings resemble (how they started, what the attacker did, or the same root cause), oldest first, each linked to those findings.</p>
  ${entries.length === 0 ? '<p>No incident matched.</p>' : `<ol class="timeline">${items}</ol>`}
</section>`;
}

/** Incidents whose starting point a finding shares exactly or by root cause, oldest first. */
function strongIncidents(findings: readonly Finding[], incidents: Map<string, ReportIncident>): ReportIncident[] {
  const ids = new Set(findings.flatMap((f) => f.result.incidents.filter((m) => isStrongMatch(m.match)).map((m) => m.id)));
  return [...ids]
    .flatMap((id) => {
      const incident = incidents.get(id);
      return incident === undefined ? [] : [incident];
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
}

/** The last part of an ARN, which is what people recognise (user/ci-deployer, instance/i-…). */
function shortResource(arn: string): string {
  const parts = arn.split(':');
  const tail = parts.slice(5).join(':');
  return tail === '' ? arn : tail;
}

/** With --framework: the framework's controls in its own order, each with its checks and status. */
function controlsSection(report: Report): string {
  const rows = report.summary.controls;
  if (report.framework === undefined || rows === undefined) return '';
  const body = rows
    .map((row) => `<tr><th scope="row" class="mono">${esc(row.control)}</th><td>${esc(row.status.replace('_', ' '))}</td><td>${row.checks.map((id) => `<code>${esc(id)}</code>`).join(', ')}</td><td>${row.open}</td><td>${row.suppressed}</td></tr>`)
    .join('');
  return `<section id="controls" aria-labelledby="controls-title" class="section">
  <h2 id="controls-title">${esc(FRAMEWORK_LABELS[report.framework])}</h2>
  <table class="accounts"><thead><tr><th scope="col">Control</th><th scope="col">Status</th><th scope="col">Checks</th><th scope="col">Open</th><th scope="col">Suppressed</th></tr></thead>
  <tbody>${body}</tbody></table>
</section>`;
}

/** Why this result's severity is not its check's, when it is not. */
function severityNote(result: Result, check: CheckSummary | undefined): string {
  const why = severityChange(result, check);
  return why === undefined ? '' : `<p class="muted severity-note">${esc(why)}</p>`;
}

/** Accepted risks: failing results an unexpired suppression covers, with who accepted them and until when. */
function suppressedSection(report: Report): string {
  const suppressed = report.results.filter(isSuppressedFinding);
  if (suppressed.length === 0) return '';
  const rows = suppressed
    .map((r) => {
      const s = r.suppression;
      const why = s === undefined ? '' : `: ${esc(s.reason)} <span class="muted">(until ${esc(s.expires)}${s.owner === undefined ? '' : `, ${esc(s.owner)}`})</span>`;
      return `<li>${severityBadge(r.severity)} <code>${esc(r.checkId)}</code> on <span class="mono">${esc(r.resource)}</span>${why}</li>`;
    })
    .join('');
  return `<section id="suppressed" aria-labelledby="suppressed-title" class="section">
  <h2 id="suppressed-title">Suppressed</h2>
  <p>${suppressed.length} failing ${suppressed.length === 1 ? 'result is' : 'results are'} accepted in the suppressions file; ${suppressed.length === 1 ? 'it stays' : 'they stay'} listed so the risk is never forgotten:</p>
  <ul class="plain">${rows}</ul>
</section>`;
}

function notEvaluated(report: Report): string {
  const unknown = report.results.filter((r) => r.status === 'unknown');
  const rows = unknown.map((r) => `<li><code>${esc(r.checkId)}</code> on <span class="mono">${esc(r.resource)}</span>: ${esc(r.message)}</li>`).join('');
  const errors = report.errors
    .map((e) => `<li><span class="mono">${esc(e.slice)}</span> (${esc(e.scope)}): ${esc(e.message)}${e.action === undefined ? '' : ` <span class="muted">— needs <code>${esc(e.action)}</code></span>`}</li>`)
    .join('');
  const nothing = unknown.length === 0 && report.errors.length === 0;
  return `<section id="not-evaluated" aria-labelledby="not-evaluated-title" class="section">
  <h2 id="not-evaluated-title">Not evaluated</h2>
  ${nothing ? '<p>Every check could read its data.</p>' : ''}
  ${rows === '' ? '' : `<p>These results are unknown, never assumed to pass:</p><ul class="plain">${rows}</ul>`}
  ${errors === '' ? '' : `<h3>Collection errors</h3><ul class="plain">${errors}</ul>`}
</section>`;
}

function passed(report: Report): string {
  const results = report.results.filter((r) => r.status === 'pass');
  const rows = results.map((r) => `<li><code>${esc(r.checkId)}</code> on <span class="mono">${esc(r.resource)}</span>${r.qualifier === undefined ? '' : ` (${esc(r.qualifier)})`}</li>`).join('');
  return `<section id="passed" aria-labelledby="passed-title" class="section">
  <h2 id="passed-title">Passed</h2>
  ${results.length === 0 ? '<p>No passing results.</p>' : `<details><summary>${results.length} passing results</summary><ul class="plain">${rows}</ul></details>`}
</section>`;
}

function footer(report: Report): string {
  return `<footer class="foot" role="contentinfo">
  <p>Generated by breachmap ${esc(report.tool.version)} (report schema ${report.schemaVersion}). This file is self-contained: it loads nothing from the network. Incident summaries are breachmap's own words; follow the source links for the original reporting.</p>
</footer>`;
}

const STYLE = `
:root{--bg:#ffffff;--fg:#1b1f24;--muted:#525a66;--panel:#f4f6f8;--border:#d0d7de;--accent:#0a58ca;--focus:#0a58ca;--code-bg:#eef1f4;
--critical:#b3261e;--high:#b23c00;--medium:#7a5600;--low:#1d4ed8;--info:#4b5563;--pass:#1a7f37;color-scheme:light}
:root[data-theme=dark]{--bg:#0f1419;--fg:#e6edf3;--muted:#a5afba;--panel:#171d24;--border:#39424d;--accent:#79b8ff;--focus:#ffd33d;--code-bg:#1f2730;
--critical:#ff7b72;--high:#ffa657;--medium:#e3b341;--low:#79b8ff;--info:#b1bac4;--pass:#56d364;color-scheme:dark}
@media (prefers-color-scheme: dark){:root:not([data-theme=light]){--bg:#0f1419;--fg:#e6edf3;--muted:#a5afba;--panel:#171d24;--border:#39424d;--accent:#79b8ff;--focus:#ffd33d;--code-bg:#1f2730;
--critical:#ff7b72;--high:#ffa657;--medium:#e3b341;--low:#79b8ff;--info:#b1bac4;--pass:#56d364;color-scheme:dark}}
*{box-sizing:border-box}
html{font-size:18px}
body{margin:0;background:var(--bg);color:var(--fg);font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;line-height:1.5}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--focus);outline-offset:3px;border-radius:4px}
.skip{position:absolute;left:-9999px;top:0;background:var(--bg);color:var(--fg);padding:.5rem 1rem;z-index:10}
.skip:focus{left:1rem;top:1rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.mono,code,kbd,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace}
.muted{color:var(--muted)}
.top{background:var(--panel);border-bottom:1px solid var(--border)}
.top-inner{max-width:72rem;margin:0 auto;padding:1.25rem 1.5rem .5rem;display:flex;gap:1rem;justify-content:space-between;align-items:flex-start}
.brand{margin:0;font-weight:700;letter-spacing:.02em;color:var(--critical)}
h1{margin:.2rem 0;font-size:1.9rem;line-height:1.2}
.alias{font-weight:400;color:var(--muted)}
.meta{margin:.25rem 0 0;color:var(--muted);font-size:.9rem;overflow-wrap:anywhere}
.top nav ul{max-width:72rem;margin:0 auto;padding:.25rem 1.5rem .75rem;list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;font-size:.95rem}
.button{white-space:nowrap;font:inherit;font-size:.9rem;padding:.4rem .9rem;border-radius:999px;border:1px solid var(--border);background:var(--bg);color:var(--fg);cursor:pointer}
.button:hover{border-color:var(--accent)}
main{max-width:72rem;margin:0 auto;padding:0 1.5rem 2rem}
main:focus{outline:none}
.section{margin-top:2rem}
h2{font-size:1.6rem;margin:0 0 .75rem;border-bottom:2px solid var(--border);padding-bottom:.25rem}
h3{font-size:1.15rem;margin:.25rem 0 .5rem}
h4{font-size:1rem;margin:.6rem 0 .35rem}
h5{font-size:.9rem;margin:.75rem 0 .25rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.lead{font-size:1.3rem;margin:.5rem 0 1rem}
.overview-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:1rem}
.panel{background:var(--panel);border:1px solid var(--border);border-radius:12px;padding:1rem 1.25rem}
.sev-tiles{list-style:none;display:flex;gap:.5rem;padding:0;margin:.5rem 0;flex-wrap:wrap}
.sev-tile{flex:1 1 4.5rem;border-radius:10px;padding:.5rem .6rem;border:2px solid currentColor;display:flex;flex-direction:column;align-items:center;background:var(--bg)}
.sev-tile.zero{opacity:.55}
.tile-n{font-size:2rem;font-weight:800;line-height:1.1}
.tile-label{font-size:.8rem;text-transform:uppercase;letter-spacing:.05em;font-weight:600}
.sev-tile.sev-critical{color:var(--critical)}.sev-tile.sev-high{color:var(--high)}.sev-tile.sev-medium{color:var(--medium)}.sev-tile.sev-low{color:var(--low)}.sev-tile.sev-info{color:var(--info)}
.totals{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:.5rem 0 0;color:var(--muted)}
.totals strong{color:var(--fg)}
.start-title{margin-top:1rem}
.start{margin:.25rem 0 0;padding-left:1.4rem}
.start li{margin:.35rem 0;overflow-wrap:anywhere}
.start a{text-decoration:none}
.start a:hover span.mono,.start a:focus-visible span.mono{text-decoration:underline}
.causes{list-style:none;padding:0;margin:.5rem 0 0}
.causes li{display:grid;grid-template-columns:minmax(10rem,1.4fr) 1fr 2rem;gap:.6rem;align-items:center;margin:.3rem 0;font-size:.95rem}
.bar{height:.7rem;background:var(--bg);border:1px solid var(--border);border-radius:999px;overflow:hidden}
.bar-fill{display:block;height:100%;background:var(--accent)}
.cause-n{text-align:right;font-weight:700}
.filters{padding:.75rem 1rem;border:1px solid var(--border);border-radius:12px;background:var(--panel)}
.filter-form{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:flex-start}
.filter-form>p{flex-basis:100%;margin:0;font-size:.85rem}
.filter-group{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.35rem;align-items:center}
.filter-group legend{float:left;font-weight:700;font-size:.85rem;margin-right:.5rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.chip{display:inline-flex;align-items:center;gap:.3rem;border:1px solid var(--border);border-radius:999px;padding:.15rem .65rem;font-size:.85rem;cursor:pointer;background:var(--panel)}
.chip:has(input:checked){border-color:var(--accent);box-shadow:inset 0 0 0 1px var(--accent)}
.chip:has(input:focus-visible){outline:3px solid var(--focus);outline-offset:2px}
.chip input{margin:0;accent-color:var(--accent)}
.chip-n{color:var(--muted);font-variant-numeric:tabular-nums}
.filter-status{display:flex;gap:1rem;align-items:center;font-size:.9rem}
.hint{font-size:.85rem}
kbd{border:1px solid var(--border);border-radius:4px;padding:0 .3rem;font-size:.8rem;background:var(--panel)}
.cards{display:flex;flex-direction:column;gap:1.25rem}
.card{border:1px solid var(--border);border-left:8px solid var(--info);border-radius:12px;padding:1rem 1.25rem;background:var(--bg);scroll-margin-top:7rem}
.card[hidden]{display:none}
.sev-border-critical{border-left-color:var(--critical)}.sev-border-high{border-left-color:var(--high)}.sev-border-medium{border-left-color:var(--medium)}.sev-border-low{border-left-color:var(--low)}
.card-kicker{margin:0;font-size:.85rem;color:var(--muted);display:flex;flex-wrap:wrap;gap:.4rem;align-items:center}
.badge{display:inline-block;padding:.05rem .55rem;border-radius:999px;font-size:.75rem;font-weight:800;text-transform:uppercase;letter-spacing:.05em;color:#fff;background:var(--info)}
.badge.sev-critical{background:#b3261e}.badge.sev-high{background:#a63a00}.badge.sev-medium{background:#7a5600}.badge.sev-low{background:#1d4ed8}.badge.sev-info{background:#4b5563}
.resource{overflow-wrap:anywhere;font-size:1.05rem}
.message{font-size:1.05rem;margin:.25rem 0}
.expected{margin:.25rem 0;color:var(--muted)}
.label{font-weight:700;color:var(--fg)}
.block{margin-top:.75rem;border-top:1px solid var(--border);padding-top:.25rem}
details>summary{cursor:pointer}
.evidence{margin:.5rem 0;font-size:.9rem}
.reach{margin:.5rem 0;font-size:.9rem}
.reach ul{margin:.25rem 0 .25rem 1.25rem;padding:0}
.evidence dl{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.15rem 1rem;margin:.5rem 0 0}
.evidence dt{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted)}
.evidence dd{margin:0;overflow-wrap:anywhere;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.incidents{list-style:none;padding:0;margin:.25rem 0;display:grid;gap:.75rem}
.incident{background:var(--panel);border-radius:10px;padding:.6rem .9rem;border:1px solid var(--border)}
.incident p{margin:.2rem 0}
.incident-head{font-size:1.05rem}
.impact-short{font-weight:700;color:var(--critical)}
.match{font-size:.75rem;border:1px solid var(--border);border-radius:999px;padding:0 .5rem;color:var(--muted);white-space:nowrap}
.match-precondition{border-color:var(--critical);color:var(--critical)}
.match-attacker-action{border-color:var(--high);color:var(--high)}
.match-pattern{border-color:var(--accent);color:var(--accent)}
.sources{margin:.25rem 0 0;padding-left:1.2rem;font-size:.9rem}
.more>summary{margin:.4rem 0;color:var(--accent)}
.paths-scroll{overflow-x:auto;max-width:100%}.paths-graph{max-width:none;height:auto;background:#fff;border-radius:6px}.paths-list li{margin:.2rem 0}
pre{background:var(--code-bg);padding:.75rem 1rem;border-radius:8px;overflow-x:auto;font-size:.85rem;line-height:1.45;white-space:pre-wrap;overflow-wrap:anywhere}
ol{padding-left:1.5rem}
ol li{margin:.2rem 0}
.timeline{list-style:none;padding:0;margin:1rem 0;border-left:3px solid var(--border)}
.tl-item{position:relative;padding:0 0 1.25rem 1.5rem;display:grid;grid-template-columns:9rem 1fr;gap:1rem}
.tl-item::before{content:"";position:absolute;left:-.55rem;top:.45rem;width:.8rem;height:.8rem;border-radius:50%;background:var(--critical);border:2px solid var(--bg)}
.tl-date{margin:0;font-weight:700;color:var(--muted)}
.tl-title{margin:0}
.tl-body p{margin:.2rem 0}
.tl-lesson{font-size:.95rem;color:var(--muted)}
.tl-findings{margin:.25rem 0;padding-left:1.2rem;font-size:.95rem}
.plain{padding-left:1.2rem}
.plain li{margin:.3rem 0;overflow-wrap:anywhere}
.empty{font-size:1.1rem;padding:1rem;border:1px dashed var(--border);border-radius:10px}
.foot{max-width:72rem;margin:2rem auto 0;padding:1rem 1.5rem 2rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--border)}
@media (max-width:40rem){.tl-item{grid-template-columns:1fr}.top-inner{flex-direction:column}}
@media print{
:root,:root[data-theme=dark]{--bg:#fff;--fg:#000;--muted:#333;--panel:#fff;--border:#999;--accent:#000;--code-bg:#f3f3f3;--critical:#8b0000;--high:#8a3000;--medium:#5c4100;--low:#1d3f9e;--info:#333;color-scheme:light}
html{font-size:11pt}
.skip,.top-actions,.filters,.hint,.top nav,.more>summary{display:none}
.card,.incident,.tl-item,.panel{break-inside:avoid-page}
.card{border-left-width:6px}
a[href^="http"]::after{content:" (" attr(href) ")";font-size:.8em;overflow-wrap:anywhere}
details>summary{list-style:none}
}
`;

/**
 * The only script. It never reads a report value: filters use the data-* attributes (our own enum
 * values), the theme toggle flips one attribute, and printing opens every <details>.
 */
const SCRIPT = `(function () {
  'use strict';
  var root = document.documentElement;
  var toggle = document.getElementById('theme-toggle');
  function currentDark() {
    var chosen = root.getAttribute('data-theme');
    if (chosen) return chosen === 'dark';
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
  }
  function showTheme() {
    var dark = currentDark();
    toggle.setAttribute('aria-pressed', dark ? 'true' : 'false');
    toggle.textContent = dark ? 'Light theme' : 'Dark theme';
  }
  if (toggle) {
    toggle.addEventListener('click', function () {
      root.setAttribute('data-theme', currentDark() ? 'light' : 'dark');
      showTheme();
    });
    showTheme();
  }

  var form = document.getElementById('filter-form');
  var cards = Array.prototype.slice.call(document.querySelectorAll('.card'));
  var count = document.getElementById('filter-count');
  var empty = document.getElementById('no-match');
  function chosen(name) {
    return Array.prototype.slice.call(form.querySelectorAll('input[name="' + name + '"]:checked')).map(function (input) { return input.value; });
  }
  function applyFilters() {
    var severities = chosen('severity');
    var services = chosen('service');
    var causes = chosen('cause');
    var shown = 0;
    cards.forEach(function (card) {
      var cardCauses = (card.getAttribute('data-causes') || '').split(' ');
      var visible =
        (severities.length === 0 || severities.indexOf(card.getAttribute('data-severity')) >= 0) &&
        (services.length === 0 || services.indexOf(card.getAttribute('data-service')) >= 0) &&
        (causes.length === 0 || causes.some(function (c) { return cardCauses.indexOf(c) >= 0; }));
      card.hidden = !visible;
      if (visible) shown += 1;
    });
    if (count) count.textContent = 'Showing ' + shown + ' of ' + cards.length + ' findings';
    if (empty) empty.hidden = shown !== 0;
  }
  if (form) {
    form.addEventListener('change', applyFilters);
    form.addEventListener('reset', function () { window.setTimeout(applyFilters, 0); });
    form.addEventListener('submit', function (event) { event.preventDefault(); });
  }

  document.addEventListener('keydown', function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
    if (event.key !== 'j' && event.key !== 'k') return;
    var visible = cards.filter(function (card) { return !card.hidden; });
    if (visible.length === 0) return;
    var current = document.activeElement && document.activeElement.closest ? document.activeElement.closest('.card') : null;
    var index = visible.indexOf(current);
    var next = event.key === 'j' ? Math.min(visible.length - 1, index + 1) : Math.max(0, index - 1);
    if (index < 0) next = 0;
    visible[next].focus();
    event.preventDefault();
  });

  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (details) { details.open = true; });
  });
})();
`;
