// Rewrites the generated sections of README.md (checks table, least-privilege policy, incident coverage, escalation paths).
import { readFileSync, writeFileSync } from 'node:fs';
import { ALL_CHECKS } from '../dist/checks/index.js';
import { INCIDENTS } from '../dist/incidents/catalog.js';
import { renderChecksTable, renderCoverageSection, renderEscalationTable, renderPermissionsBlock, replaceSection } from '../dist/docs/readme.js';
import { ESCALATION_PATHS } from '../dist/policy/escalation-paths.js';

const path = new URL('../README.md', import.meta.url);
let readme = readFileSync(path, 'utf8');
readme = replaceSection(readme, 'checks', renderChecksTable(ALL_CHECKS, INCIDENTS));
readme = replaceSection(readme, 'permissions', renderPermissionsBlock([...new Set(ALL_CHECKS.flatMap((c) => c.needs))]));
readme = replaceSection(readme, 'coverage', renderCoverageSection(ALL_CHECKS, INCIDENTS));
readme = replaceSection(readme, 'escalation-paths', renderEscalationTable(ESCALATION_PATHS));
writeFileSync(path, readme);
console.log('updated README.md');
