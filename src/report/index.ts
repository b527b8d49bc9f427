import type { Report } from './schema.js';
import { renderAsff } from './asff.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderOcsf } from './ocsf.js';
import { renderOrganizationMarkdown, renderOrganizationText } from './organization.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'markdown', 'junit', 'html', 'ocsf', 'asff'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  color: boolean;
  showPassed?: boolean;
  /** Text only: one line per open finding. */
  compact?: boolean;
}

export function renderReport(report: Report, format: ReportFormat, options: RenderOptions): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report);
    case 'markdown':
      return report.organization === undefined ? renderMarkdown(report) : renderOrganizationMarkdown(report);
    case 'junit':
      return renderJunit(report);
    case 'html':
      return renderHtml(report);
    case 'ocsf':
      return renderOcsf(report);
    case 'asff':
      return renderAsff(report);
    case 'text':
      if (report.organization !== undefined) return renderOrganizationText(report, options.showPassed === undefined ? { color: options.color } : { color: options.color, showPassed: options.showPassed });
      return renderText(report, {
        color: options.color,
        ...(options.showPassed === undefined ? {} : { showPassed: options.showPassed }),
        ...(options.compact === undefined ? {} : { compact: options.compact }),
      });
  }
}
