import { describe, it, expect } from 'vitest';
import { INCIDENTS } from '../../../src/incidents/catalog.js';
import { publicExposureIncidents } from '../../../src/incidents/data/public-exposures.js';
import { incidentSchema, type Incident } from '../../../src/incidents/types.js';
import type { RootCause } from '../../../src/model.js';

/** The two URLs the seed article (shared/seeds/aws-security-article.md) gives as its sources. */
const SEED_S3_WAVE = 'https://www.bleepingcomputer.com/news/security/7-percent-of-all-amazon-s3-servers-are-exposed-explaining-recent-surge-of-data-leaks/';
const SEED_SNAPSHOT_STUDY = 'https://duo.com/decipher/exposed-aws-resources-leaked-sensitive-data';

interface Row {
  id: string;
  date: string;
  section: Incident['section'];
  primary: RootCause;
  secondary: RootCause[];
  /** Figures the entry relies on, each of which must appear in impactShort. */
  figures: string[];
}

/** Every entry of the file, oldest first, with the facts the rest of breachmap relies on. */
const ROWS: readonly Row[] = [
  { id: 'cardmaster-pbs-2010-03', date: '2010-03', section: 'customer-incident', primary: 'public-snapshot-ami', secondary: [], figures: ['800,000'] },
  { id: 'amazonia-tu-darmstadt-2011-10', date: '2011-10', section: 'vendor-case-study', primary: 'public-snapshot-ami', secondary: ['secrets-compute'], figures: [] },
  { id: 'eurecom-public-ami-study-2012-03', date: '2012-03', section: 'vendor-case-study', primary: 'public-snapshot-ami', secondary: ['secrets-compute'], figures: [] },
  { id: 'booz-allen-hamilton-2017-05', date: '2017-05', section: 'customer-incident', primary: 's3-public-read', secondary: [], figures: ['60,000'] },
  { id: 'dow-jones-2017-05', date: '2017-05', section: 'customer-incident', primary: 's3-public-read', secondary: [], figures: ['2.2 million'] },
  { id: 'deep-root-analytics-2017-06', date: '2017-06', section: 'customer-incident', primary: 's3-public-read', secondary: [], figures: ['198 million'] },
  { id: 'nice-systems-verizon-2017-06', date: '2017-06', section: 'customer-incident', primary: 's3-public-read', secondary: ['third-party'], figures: ['14 million'] },
  { id: 'wwe-2017-07', date: '2017-07', section: 'customer-incident', primary: 's3-public-read', secondary: [], figures: ['3,065,805'] },
  { id: 'tigerswan-talentpen-2017-07', date: '2017-07', section: 'customer-incident', primary: 's3-public-read', secondary: ['third-party'], figures: ['9,402'] },
  { id: 'election-systems-software-2017-08', date: '2017-08', section: 'customer-incident', primary: 's3-public-read', secondary: [], figures: ['1.8 million'] },
  { id: 'verizon-dvs-2017-09', date: '2017-09', section: 'customer-incident', primary: 's3-public-read', secondary: [], figures: ['100 MB'] },
  { id: 'svr-tracking-2017-09', date: '2017-09', section: 'customer-incident', primary: 's3-public-read', secondary: [], figures: ['Half a million'] },
  { id: 'duo-security-scott-piper-2018', date: '2018', section: 'vendor-case-study', primary: 'public-snapshot-ami', secondary: [], figures: ['116,386', '3,213'] },
  { id: 'bishop-fox-dufflebag-2019-08', date: '2019-08', section: 'vendor-case-study', primary: 'public-snapshot-ami', secondary: ['secrets-compute'], figures: ['50 AWS access keys'] },
  { id: 'mitiga-public-rds-snapshots-2022', date: '2022', section: 'vendor-case-study', primary: 'public-snapshot-ami', secondary: [], figures: ['2,783'] },
  { id: 'aws-cloudquarry-2024-05', date: '2024-05', section: 'vendor-case-study', primary: 'public-snapshot-ami', secondary: ['secrets-compute'], figures: ['200 valid AWS credentials'] },
];

/** The nine S3 exposures the seed article lists. */
const SEED_WAVE_IDS = [
  'booz-allen-hamilton-2017-05',
  'nice-systems-verizon-2017-06',
  'wwe-2017-07',
  'deep-root-analytics-2017-06',
  'tigerswan-talentpen-2017-07',
  'dow-jones-2017-05',
  'election-systems-software-2017-08',
  'verizon-dvs-2017-09',
  'svr-tracking-2017-09',
];

/** Splits prose on sentence-ending punctuation followed by whitespace or the end of the text. */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

function entry(id: string): Incident {
  const incident = publicExposureIncidents.find((candidate) => candidate.id === id);
  if (incident === undefined) throw new Error(`no entry ${id}`);
  return incident;
}

describe('public exposures (seed article and published research)', () => {
  it('holds exactly the listed entries, oldest first', () => {
    expect(publicExposureIncidents.map((incident) => incident.id)).toEqual(ROWS.map((row) => row.id));
    const dates = publicExposureIncidents.map((incident) => incident.date);
    expect(dates).toEqual([...dates].sort());
  });

  it('parses every entry with the strict incident schema', () => {
    for (const incident of publicExposureIncidents) {
      const parsed = incidentSchema.safeParse(incident);
      expect(parsed.success, `${incident.id}: ${parsed.error?.message ?? ''}`).toBe(true);
    }
  });

  it.each(ROWS)('$id has its date, section, classes and figures', (row) => {
    const incident = entry(row.id);
    expect(incident.date).toBe(row.date);
    expect(incident.id.endsWith(`-${row.date}`)).toBe(true);
    expect(incident.section).toBe(row.section);
    expect(incident.primaryCause).toBe(row.primary);
    expect(incident.secondaryCauses).toEqual(row.secondary);
    for (const figure of row.figures) expect(incident.impactShort).toContain(figure);
  });

  it('adds every exposed bucket the seed article lists, each citing the article the seed names', () => {
    for (const id of SEED_WAVE_IDS) {
      const incident = entry(id);
      expect(incident.primaryCause, id).toBe('s3-public-read');
      // No source says any of these buckets was writable; write access would be a separate class.
      expect(incident.secondaryCauses, id).not.toContain('s3-public-write');
      expect(incident.links.map((link) => link.url), id).toContain(SEED_S3_WAVE);
    }
  });

  it('keeps the seed article’s snapshot figures and source', () => {
    const study = entry('duo-security-scott-piper-2018');
    expect(study.impact).toContain('116,386');
    expect(study.impact).toContain('3,213');
    expect(study.impact).toContain('Scott Piper');
    expect(study.links.map((link) => link.url)).toEqual([SEED_SNAPSHOT_STUDY]);
  });

  it('names no attack pattern: nobody is reported to have abused these exposures', () => {
    for (const incident of publicExposureIncidents) expect(incident.patterns, incident.id).toEqual([]);
  });

  it('names the exposed party of every research study, and keeps victim off named customer incidents', () => {
    for (const incident of publicExposureIncidents) {
      if (incident.section === 'vendor-case-study') expect(incident.victim, incident.id).toBeDefined();
      else expect(incident.victim, incident.id).toBeUndefined();
    }
  });

  it('writes rootCause, escalation and impact as one sentence each and the lesson as two to four', () => {
    for (const incident of publicExposureIncidents) {
      for (const field of [incident.rootCause, incident.escalation, incident.impact]) {
        expect(sentences(field), `${incident.id}: ${field}`).toHaveLength(1);
        expect(field, incident.id).toMatch(/[.]$/);
      }
      const lessonSentences = sentences(incident.lesson).length;
      expect(lessonSentences, incident.id).toBeGreaterThanOrEqual(2);
      expect(lessonSentences, incident.id).toBeLessThanOrEqual(4);
    }
  });

  it('does not repeat a lesson sentence of any other catalog entry', () => {
    const seen = new Map<string, string>();
    for (const incident of INCIDENTS) {
      for (const sentence of sentences(incident.lesson)) {
        expect(seen.get(sentence), `${incident.id} repeats: ${sentence}`).toBeUndefined();
        seen.set(sentence, incident.id);
      }
    }
  });

  it('cites each link once per entry, over http(s)', () => {
    for (const incident of publicExposureIncidents) {
      const urls = incident.links.map((link) => link.url);
      expect(new Set(urls).size, incident.id).toBe(urls.length);
      for (const url of urls) expect(new URL(url).protocol, url).toMatch(/^https?:$/);
    }
  });

  it('is part of the catalog, with ids no other entry uses', () => {
    const ids = INCIDENTS.map((incident) => incident.id);
    for (const incident of publicExposureIncidents) expect(ids.filter((id) => id === incident.id), incident.id).toHaveLength(1);
  });
});
