/**
 * The HTML report's breach-path section: the headline figures, the graph (inline SVG, ./paths-svg.ts)
 * and the stories, shortest first (the first ones listed, the rest folded). Pure formatting.
 */
import { renderPathsSvg } from './paths-svg.js';
import { pathsHeadline } from './paths-text.js';
import { sanitizeForTerminal } from './sanitize.js';
import type { Report } from './schema.js';

const SHOWN = 20;

function html(value: string | number): string {
  return sanitizeForTerminal(String(value)).replace(/[&<>"'`]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function pathsSection(report: Report): string {
  const paths = report.paths;
  const summary = report.summary.paths;
  if (paths === undefined || summary === undefined) return '';
  const figures = `<p class="totals"><span><strong>${summary.principalsReachingAdmin}</strong> of ${summary.principals} principals can reach admin</span> <span><strong>${summary.bucketsReachable}</strong> of ${summary.bucketsKnown} buckets reachable from an entry point</span> <span><strong>${summary.entryPoints}</strong> entry points</span> <span><strong>${summary.paths}</strong> breach paths</span></p>`;
  const story = (index: number): string => {
    const path = paths.paths[index];
    return path === undefined ? '' : `<li><span class="muted">[${path.length} step${path.length === 1 ? '' : 's'}]</span> ${html(path.story)}</li>`;
  };
  const first = paths.paths.slice(0, SHOWN).map((_, index) => story(index)).join('');
  const rest = paths.paths.slice(SHOWN).map((_, index) => story(index + SHOWN)).join('');
  const truncated = paths.truncated ? `<p class="muted">The ${paths.paths.length} shortest of ${paths.found} paths are listed.</p>` : '';
  const notes = paths.notes.length === 0 ? '' : `<details><summary>The paths may be incomplete (${paths.notes.length})</summary><ul class="plain">${paths.notes.map((note) => `<li>${html(note)}</li>`).join('')}</ul></details>`;
  const svg = renderPathsSvg(paths, `Breach paths of account ${report.account.id}`);
  return `<section id="paths" aria-labelledby="paths-title" class="section">
  <h2 id="paths-title">Breach paths</h2>
  <p class="lead">${html(pathsHeadline(summary))}: from where attackers came in (leaked keys, IMDSv1 instances, outside trust, public data) to what they reach.</p>
  ${figures}
  ${svg === '' ? '<p class="muted">No breach path.</p>' : `<figure class="paths-figure"><div class="paths-scroll">${svg}</div><figcaption class="muted">Entry points on the left, data stores and admin on the right; edges carry the open findings and the steps. At most ${paths.limits.maxHops} principals per path.</figcaption></figure>`}
  ${first === '' ? '' : `<ol class="paths-list">${first}</ol>`}
  ${rest === '' ? '' : `<details class="more"><summary>${paths.paths.length - SHOWN} more paths</summary><ol class="paths-list" start="${SHOWN + 1}">${rest}</ol></details>`}
  ${truncated}
  ${notes}
</section>`;
}
