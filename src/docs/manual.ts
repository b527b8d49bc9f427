/**
 * Every generated part of the documentation, in one list: the sections of hand-written pages
 * (between markers) and the pages generated whole. `npm run gen:docs` (scripts/generate-docs.js)
 * writes them; tests/unit/meta/docs.test.ts fails while any is stale. Pure: the caller reads the
 * current files and writes the results.
 */
import type { Command } from 'commander';
import type { AnyCheck } from '../checks/define.js';
import type { Incident } from '../incidents/types.js';
import type { EscalationPath } from '../policy/escalation-paths.js';
import { CHECK_PAGES_DIR, checkPagePath, renderCheckIndex, renderCheckPage } from './check-pages.js';
import { renderCliReference } from './cli.js';
import { finalizeReport } from '../app/final-report.js';
import { DEFAULT_EVALUATION_OPTIONS } from '../checks/define.js';
import { demoInventory } from '../demo/inventory.js';
import { buildReport } from '../engine/report.js';
import { renderPathsSvg } from '../report/paths-svg.js';
import {
  renderChecksTable,
  renderCoverageSection,
  renderCoverageSummary,
  renderEscalationTable,
  renderOrganizationPermissionsBlock,
  renderPermissionsBlock,
  replaceSection,
  type GeneratedSection,
} from './readme.js';

export interface ManualInput {
  checks: readonly AnyCheck[];
  catalog: readonly Incident[];
  escalationPaths: readonly EscalationPath[];
  /** The CLI's command tree, built without running it (`buildProgram`). */
  program: Command;
}

/** A documentation file, relative to the repository root, and how to bring it up to date. */
export interface GeneratedDoc {
  path: string;
  /** The file's up-to-date text, given its current text (undefined when it does not exist). */
  render: (current: string | undefined) => string;
}

/** The role the organization examples use; `breachmap permissions --org --role-name` prints the same. */
export const EXAMPLE_ROLE_NAME = 'breachmap-readonly';

function sections(path: string, contents: Partial<Record<GeneratedSection, string>>): GeneratedDoc {
  return {
    path,
    render: (current) => {
      if (current === undefined) throw new Error(`${path} is missing: it holds the generated sections ${Object.keys(contents).join(', ')}`);
      let text = current;
      for (const [name, content] of Object.entries(contents) as [GeneratedSection, string][]) {
        try {
          text = replaceSection(text, name, content);
        } catch (error) {
          throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
      }
      return text;
    },
  };
}

/** The picture of docs/paths.md: the demo account's breach paths, drawn as the HTML report draws them. */
export const PATHS_PICTURE = 'docs/img/paths-demo.svg';

function demoPathsSvg(input: ManualInput): string {
  const inventory = demoInventory('docs');
  const report = finalizeReport(buildReport({ inventory, checks: input.checks, catalog: input.catalog, options: DEFAULT_EVALUATION_OPTIONS }), { gate: { failOn: 'none', failOnUnknown: false } }, inventory);
  if (report.paths === undefined) throw new Error('the demo report has no breach paths');
  return `${renderPathsSvg(report.paths, 'Breach paths of the demo account')}\n`;
}

function whole(path: string, content: string): GeneratedDoc {
  return { path, render: () => content };
}

export function generatedDocs(input: ManualInput): GeneratedDoc[] {
  const slices = [...new Set(input.checks.flatMap((check) => check.needs))];
  return [
    // The policy is in README too: it is what a user must create before the first scan.
    sections('README.md', {
      checks: renderChecksTable(input.checks, input.catalog, CHECK_PAGES_DIR),
      permissions: renderPermissionsBlock(slices),
      'coverage-summary': renderCoverageSummary(input.checks, input.catalog),
    }),
    sections('docs/permissions.md', { permissions: renderPermissionsBlock(slices) }),
    sections('docs/organizations.md', { 'org-permissions': renderOrganizationPermissionsBlock(EXAMPLE_ROLE_NAME) }),
    sections('docs/incidents.md', { coverage: renderCoverageSection(input.checks, input.catalog) }),
    sections('docs/semantics.md', { 'escalation-paths': renderEscalationTable(input.escalationPaths) }),
    sections('docs/cli.md', { cli: renderCliReference(input.program) }),
    whole(PATHS_PICTURE, demoPathsSvg(input)),
    whole(`${CHECK_PAGES_DIR}/README.md`, renderCheckIndex(input.checks)),
    ...input.checks.map((check) => whole(checkPagePath(check), renderCheckPage(check, input.catalog))),
  ];
}

/** Files in docs/checks that no check generates any more (a removed or renamed check): to delete. */
export function orphanCheckPages(existing: readonly string[], docs: readonly GeneratedDoc[]): string[] {
  const expected = new Set(docs.map((doc) => doc.path));
  return existing.map((name) => `${CHECK_PAGES_DIR}/${name}`).filter((path) => !expected.has(path));
}
