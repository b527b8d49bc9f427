import type { Report } from './schema.js';
import { renderJson } from './json.js';
import { renderText } from './text.js';

export const REPORT_FORMATS = ['text', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  color: boolean;
  showPassed?: boolean;
}

export function renderReport(report: Report, format: ReportFormat, options: RenderOptions): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'text':
      return renderText(report, options.showPassed === undefined ? { color: options.color } : { color: options.color, showPassed: options.showPassed });
  }
}
