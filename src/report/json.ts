import type { Report } from './schema.js';
import { escapeJsonInvisibles } from './sanitize.js';

export function renderJson(report: Report): string {
  return escapeJsonInvisibles(JSON.stringify(report, null, 2)) + '\n';
}
