// Regenerates every generated part of the documentation (src/docs/manual.ts lists them): the checks
// table in README.md, the policies in docs/permissions.md, the coverage figure in docs/incidents.md,
// the escalation-path table in docs/semantics.md, the command reference in docs/cli.md and one page
// per check in docs/checks/. Removes the page of a check that no longer exists.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ALL_CHECKS } from '../dist/checks/index.js';
import { buildProgram } from '../dist/cli/main.js';
import { CHECK_PAGES_DIR } from '../dist/docs/check-pages.js';
import { generatedDocs, orphanCheckPages } from '../dist/docs/manual.js';
import { INCIDENTS } from '../dist/incidents/catalog.js';
import { ESCALATION_PATHS } from '../dist/policy/escalation-paths.js';

const root = new URL('..', import.meta.url).pathname;
const docs = generatedDocs({ checks: ALL_CHECKS, catalog: INCIDENTS, escalationPaths: ESCALATION_PATHS, program: buildProgram() });
let changed = 0;
for (const doc of docs) {
  const path = root + doc.path;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  const next = doc.render(current);
  if (next === current) continue;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, next);
  changed += 1;
  console.log(`updated ${doc.path}`);
}
for (const orphan of orphanCheckPages(readdirSync(root + CHECK_PAGES_DIR), docs)) {
  rmSync(root + orphan);
  changed += 1;
  console.log(`removed ${orphan}`);
}
console.log(changed === 0 ? 'the generated docs were up to date' : `${changed} file(s) changed`);
