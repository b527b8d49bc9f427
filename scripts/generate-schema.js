// Writes schema/report.schema.json from the zod report schema (the single definition).
// Run `npm run gen:schema` after changing src/report/schema.ts; a test fails while it is stale.
import { writeFileSync } from 'node:fs';
import { reportJsonSchema } from '../dist/report/json-schema.js';

writeFileSync(new URL('../schema/report.schema.json', import.meta.url), JSON.stringify(reportJsonSchema(), null, 2) + '\n');
console.log('wrote schema/report.schema.json');
