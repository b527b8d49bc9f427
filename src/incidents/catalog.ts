/**
 * The incident catalog: every incident of the original seed and of the newer public catalog
 * (shared/reference), plus the public exposures of the AWS security seed article and published
 * research on public snapshots and AMIs (data/public-exposures.ts), as typed data. Facts and links
 * come from the public record; every summary and lesson is breachmap's own writing.
 */
import { customerIncidentsA } from './data/customer-a.js';
import { customerIncidentsB } from './data/customer-b.js';
import { publicExposureIncidents } from './data/public-exposures.js';
import { vendorCaseStudiesA } from './data/vendor-a.js';
import { vendorCaseStudiesB } from './data/vendor-b.js';
import type { Incident } from './types.js';

export const INCIDENTS: readonly Incident[] = [
  ...customerIncidentsA,
  ...customerIncidentsB,
  ...vendorCaseStudiesA,
  ...vendorCaseStudiesB,
  ...publicExposureIncidents,
];
