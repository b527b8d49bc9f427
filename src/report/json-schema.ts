import { z } from 'zod';
import { reportSchema, REPORT_SCHEMA_VERSION } from './schema.js';

/** The JSON Schema of the report, generated from the zod definition so the two cannot drift. */
export function reportJsonSchema(): Record<string, unknown> {
  return {
    $id: `https://github.com/breachmap/breachmap/schema/report.v${REPORT_SCHEMA_VERSION}.json`,
    title: 'breachmap report',
    ...z.toJSONSchema(reportSchema, { target: 'draft-2020-12' }),
  };
}
