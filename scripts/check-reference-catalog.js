// Compares every catalog incident that names a reference row with shared/reference/incident-catalog.json
// (date, section and links), for maintainers who have the reference next to the repository:
//   npm run check:reference [-- PATH/TO/incident-catalog.json]
// The unit tests hold the facts a fresh clone can check (tests/fixtures/catalog-rows.json: ids, dates,
// sections); links are compared here because the reference is not shipped with the repository.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { INCIDENTS } from '../dist/incidents/catalog.js';

const path = process.argv[2] ?? fileURLToPath(new URL('../../shared/reference/incident-catalog.json', import.meta.url));
if (!existsSync(path)) {
  console.error(`reference catalog not found at ${path}; pass its path as the first argument`);
  process.exit(2);
}
const reference = JSON.parse(readFileSync(path, 'utf8'));
const fixture = JSON.parse(readFileSync(new URL('../tests/fixtures/catalog-rows.json', import.meta.url), 'utf8'));
const byId = new Map(INCIDENTS.map((incident) => [incident.id, incident]));
const problems = [];
for (const row of fixture.reference) {
  const source = reference[row.index];
  const incident = byId.get(row.id);
  if (source === undefined || incident === undefined) {
    problems.push(`${row.id}: reference row ${row.index} or catalog entry missing`);
    continue;
  }
  const date = source.month === null ? String(source.year) : `${source.year}-${String(source.month).padStart(2, '0')}`;
  if (incident.date !== date) problems.push(`${row.id}: date ${incident.date}, reference ${date}`);
  if (incident.section !== source.section) problems.push(`${row.id}: section ${incident.section}, reference ${source.section}`);
  const ours = new Set(incident.links.map((link) => link.url));
  for (const link of source.links) if (!ours.has(link.url)) problems.push(`${row.id}: reference link missing: ${link.url}`);
}
for (const problem of problems) console.error(problem);
console.log(`${fixture.reference.length} reference rows compared, ${problems.length} difference${problems.length === 1 ? '' : 's'}`);
process.exit(problems.length === 0 ? 0 : 1);
