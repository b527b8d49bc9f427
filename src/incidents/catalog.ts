/**
 * The incident catalog: every incident of the original seed and of the newer public catalog
 * (shared/reference), plus the public exposures of the AWS security seed article and published
 * research on public snapshots and AMIs (data/public-exposures.ts), as typed data. Facts and links
 * come from the public record; every summary and lesson is breachmap's own writing.
 */
import { customerIncidents2014To2021 } from './data/customer-2014-2021.js';
import { customerIncidents2021To2026 } from './data/customer-2021-2026.js';
import { publicExposureIncidents } from './data/public-exposures.js';
import { vendorCaseStudies2020To2023 } from './data/vendor-2020-2023.js';
import { vendorCaseStudies2023To2025 } from './data/vendor-2023-2025.js';
import type { Incident } from './types.js';

export const INCIDENTS: readonly Incident[] = [
  ...customerIncidents2014To2021,
  ...customerIncidents2021To2026,
  ...vendorCaseStudies2020To2023,
  ...vendorCaseStudies2023To2025,
  ...publicExposureIncidents,
];
