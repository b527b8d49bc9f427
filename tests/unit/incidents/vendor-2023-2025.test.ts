import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { vendorCaseStudies2023To2025 } from '../../../src/incidents/data/vendor-2023-2025.js';
import { incidentSchema } from '../../../src/incidents/types.js';
import type { RootCause } from '../../../src/model.js';

// Rows 104..136 of the reference catalog, with the ids and classes assigned by the catalog worksheet.
const ASSIGNED: readonly { index: number; id: string; primary: RootCause; secondary: RootCause[] }[] = [
  { index: 104, id: 'aws-ecs-port-2023-08', primary: 'exposed-hosts', secondary: [] },
  { index: 105, id: 'security-joes-2023-09', primary: 'exposed-hosts', secondary: ['app-vuln'] },
  { index: 106, id: 'unit42-2023-10', primary: 'leaked-keys', secondary: [] },
  { index: 107, id: 'reliaquest-2023-11', primary: 'human-creds-mfa', secondary: [] },
  { index: 108, id: 'aws-cirt-2024-01', primary: 'third-party', secondary: [] },
  { index: 109, id: 'datadog-1-2024-01', primary: 'leaked-keys', secondary: [] },
  { index: 110, id: 'datadog-2-2024-01', primary: 'leaked-keys', secondary: [] },
  { index: 111, id: 'invictus-ir-2024-01', primary: 'leaked-keys', secondary: [] },
  { index: 112, id: 'stephen-berger-infoguardag-2024-02', primary: 'unknown', secondary: [] },
  { index: 113, id: 'sysdig-2024-03', primary: 'app-vuln', secondary: [] },
  { index: 114, id: 'datadog-2024-03', primary: 'creds-unspecified', secondary: [] },
  { index: 115, id: 'mandiant-2024-04', primary: 'leaked-keys', secondary: ['departed-stale', 'human-creds-mfa'] },
  { index: 116, id: 'sysdig-2024-05', primary: 'app-vuln', secondary: [] },
  { index: 117, id: 'lacework-2024-06', primary: 'creds-unspecified', secondary: [] },
  { index: 118, id: 'datadog-2024-06', primary: 'creds-unspecified', secondary: [] },
  { index: 119, id: 'yotam-meitar-wiz-2024-06', primary: 'app-vuln', secondary: ['imds-ssrf', 'secrets-compute'] },
  { index: 120, id: 'rapid7-1-2024-07', primary: 'creds-unspecified', secondary: [] },
  { index: 121, id: 'rapid7-2-2024-07', primary: 'leaked-keys', secondary: [] },
  { index: 122, id: 'unit42-2024-08', primary: 'leaked-keys', secondary: [] },
  { index: 123, id: 'wiz-2024-09', primary: 'human-creds-mfa', secondary: ['secrets-compute'] },
  { index: 124, id: 'permiso-2024-10', primary: 'creds-unspecified', secondary: [] },
  { index: 125, id: 'datadog-2024-12', primary: 'creds-unspecified', secondary: [] },
  { index: 126, id: 'wiz-2024-12', primary: 'creds-unspecified', secondary: [] },
  { index: 127, id: 'sygnia-2025-01', primary: 'human-creds-mfa', secondary: [] },
  { index: 128, id: 'expel-2025-02', primary: 'human-creds-mfa', secondary: ['third-party'] },
  { index: 129, id: 'badshah-2025-04', primary: 'creds-unspecified', secondary: [] },
  { index: 130, id: 'mandiant-m-trends-2025-04', primary: 'creds-unspecified', secondary: [] },
  { index: 131, id: 'datadog-2025-03', primary: 'leaked-keys', secondary: [] },
  { index: 132, id: 'darktrace-1-2025-07', primary: 'creds-unspecified', secondary: ['exposed-hosts'] },
  { index: 133, id: 'darktrace-2-2025-07', primary: 'app-vuln', secondary: [] },
  // The worksheet's s3-public-write was dropped (issue 13): the bucket was written with stolen session access.
  { index: 134, id: 'google-threat-horizons-unc4899-2025-07', primary: 'human-creds-mfa', secondary: [] },
  { index: 135, id: 'wiz-2025-09', primary: 'creds-unspecified', secondary: [] },
  { index: 136, id: 'sysdig-2025-11', primary: 'leaked-keys', secondary: [] },
];

// Facts of every reference row (index, id, date, section), kept in the repository so a fresh clone
// checks them; links are compared with the reference itself by `npm run check:reference`.
const fixtureSchema = z.object({
  reference: z.array(z.object({ index: z.number(), id: z.string(), date: z.string(), section: z.string() })),
});
const fixture = fixtureSchema.parse(JSON.parse(readFileSync(fileURLToPath(new URL('../../fixtures/catalog-rows.json', import.meta.url)), 'utf8')));

/** Counts sentences: a full stop, question or exclamation mark followed by a capital letter or the end. */
function sentenceCount(text: string): number {
  return (text.trim().match(/[.!?](?=\s+[A-Z"']|$)/g) ?? []).length;
}

describe('vendor case studies B', () => {
  it('holds exactly the assigned rows, in reference order', () => {
    expect(vendorCaseStudies2023To2025.map((incident) => incident.id)).toEqual(ASSIGNED.map((row) => row.id));
  });

  it.each(vendorCaseStudies2023To2025.map((incident) => [incident.id, incident] as const))(
    '%s parses with the incident schema',
    (_id, incident) => {
      expect(() => incidentSchema.parse(incident)).not.toThrow();
    },
  );

  it('uses the assigned primary cause and keeps every assigned secondary cause', () => {
    for (const row of ASSIGNED) {
      const incident = vendorCaseStudies2023To2025.find((candidate) => candidate.id === row.id);
      expect(incident?.primaryCause, row.id).toBe(row.primary);
      expect(incident?.secondaryCauses, row.id).toEqual(expect.arrayContaining(row.secondary));
      expect(incident?.secondaryCauses, row.id).not.toContain(row.primary);
    }
  });

  it('is all vendor case studies whose id ends with the date', () => {
    for (const incident of vendorCaseStudies2023To2025) {
      expect(incident.section, incident.id).toBe('vendor-case-study');
      expect(incident.id.endsWith(`-${incident.date}`), incident.id).toBe(true);
    }
  });

  it('writes one sentence per story field and two to four for the lesson', () => {
    for (const incident of vendorCaseStudies2023To2025) {
      for (const field of ['rootCause', 'escalation', 'impact'] as const) {
        expect(sentenceCount(incident[field]), `${incident.id}.${field}`).toBe(1);
      }
      const lessonSentences = sentenceCount(incident.lesson);
      expect(lessonSentences, `${incident.id}.lesson`).toBeGreaterThanOrEqual(2);
      expect(lessonSentences, `${incident.id}.lesson`).toBeLessThanOrEqual(4);
    }
  });

  it('never repeats a lesson sentence or a duplicate entry in a list', () => {
    const lessonSentences = vendorCaseStudies2023To2025.flatMap((incident) =>
      incident.lesson.split(/(?<=[.!?])\s+(?=[A-Z])/).map((sentence) => sentence.trim()),
    );
    expect(new Set(lessonSentences).size).toBe(lessonSentences.length);
    for (const incident of vendorCaseStudies2023To2025) {
      expect(new Set(incident.secondaryCauses).size, incident.id).toBe(incident.secondaryCauses.length);
      expect(new Set(incident.patterns).size, incident.id).toBe(incident.patterns.length);
      const urls = incident.links.map((link) => link.url);
      expect(new Set(urls).size, incident.id).toBe(urls.length);
    }
  });

  it('matches each assigned reference row in id, date and section', () => {
    for (const row of ASSIGNED) {
      const source = fixture.reference.find((candidate) => candidate.index === row.index);
      const incident = vendorCaseStudies2023To2025.find((candidate) => candidate.id === row.id);
      expect(source, `reference row ${row.index}`).toMatchObject({ id: row.id });
      expect(incident, row.id).toBeDefined();
      expect({ date: incident?.date, section: incident?.section }, row.id).toEqual({ date: source?.date, section: source?.section });
    }
  });
});
