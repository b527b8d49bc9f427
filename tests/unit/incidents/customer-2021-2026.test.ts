import { describe, it, expect } from 'vitest';
import { customerIncidents2021To2026 } from '../../../src/incidents/data/customer-2021-2026.js';
import { incidentSchema } from '../../../src/incidents/types.js';

// The ids assigned in the catalog worksheet to reference rows 35..70, in row order.
const EXPECTED_IDS = [
  'sendtech-2021-02',
  'logicgate-2021-04',
  'ubiquiti-2021-04',
  'uran-company-2021-07',
  'reddoorz-com-2021-09',
  'hpe-aruba-2021-10',
  'kaspersky-2021-11',
  'eye-care-leaders-2021-12',
  'onus-2021-12',
  'flexbooker-2021-12',
  'npm-2022-04',
  'premint-2022-07',
  'uber-2022-09',
  'lastpass-2022-10',
  'medibank-2022-10',
  'sonder-2022-11',
  'teqtivity-uber-vendor-2022-12',
  'commuteair-2023-01',
  'episource-2023-02',
  'coffee-meets-bagel-2023-08',
  'cloudflare-2023-11',
  'sumo-logic-2023-11',
  'sisense-2024-04',
  'dropbox-sign-2024-05',
  'pctattletale-2024-05',
  'beyondtrust-2024-12',
  'tinacloud-2024-12',
  'otelier-2025-01',
  'bybit-safe-wallet-2025-02',
  'angelone-2025-03',
  'pearson-2025-03',
  'kiranapro-2025-06',
  'salesloft-drift-2025-08',
  'kodex-2025-10',
  'kiln-2025-10',
  'lexisnexis-2026-02',
];

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

function byId(id: string) {
  const incident = customerIncidents2021To2026.find((candidate) => candidate.id === id);
  if (incident === undefined) throw new Error(`no incident ${id}`);
  return incident;
}

describe('customer incidents, part B', () => {
  it('holds exactly the worksheet rows, in row order', () => {
    expect(customerIncidents2021To2026.map((incident) => incident.id)).toEqual(EXPECTED_IDS);
  });

  it.each(customerIncidents2021To2026.map((incident) => [incident.id, incident] as const))('%s matches the schema', (_id, incident) => {
    const parsed = incidentSchema.safeParse(incident);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('ids end with the date and dates never go backwards', () => {
    let previous = '';
    for (const incident of customerIncidents2021To2026) {
      expect(incident.id.endsWith(`-${incident.date}`), incident.id).toBe(true);
      expect(incident.date >= previous, incident.id).toBe(true);
      previous = incident.date;
    }
  });

  it('are all customer incidents with no victim field', () => {
    for (const incident of customerIncidents2021To2026) {
      expect(incident.section, incident.id).toBe('customer-incident');
      expect(incident.victim, incident.id).toBeUndefined();
    }
  });

  it('never repeats a class or pattern, nor lists the primary cause as secondary', () => {
    for (const incident of customerIncidents2021To2026) {
      expect(incident.secondaryCauses, incident.id).not.toContain(incident.primaryCause);
      expect(new Set(incident.secondaryCauses).size, incident.id).toBe(incident.secondaryCauses.length);
      expect(new Set(incident.patterns).size, incident.id).toBe(incident.patterns.length);
    }
  });

  it('gives one sentence for root cause, escalation and impact, and two to four for the lesson', () => {
    for (const incident of customerIncidents2021To2026) {
      for (const field of ['rootCause', 'escalation', 'impact'] as const) {
        expect(sentences(incident[field]), `${incident.id}.${field}`).toHaveLength(1);
      }
      const lessonLength = sentences(incident.lesson).length;
      expect(lessonLength, incident.id).toBeGreaterThanOrEqual(2);
      expect(lessonLength, incident.id).toBeLessThanOrEqual(4);
    }
  });

  it('does not reuse a lesson sentence across entries', () => {
    const seen = new Map<string, string>();
    for (const incident of customerIncidents2021To2026) {
      for (const sentence of sentences(incident.lesson)) {
        expect(seen.get(sentence), `${incident.id}: "${sentence}"`).toBeUndefined();
        seen.set(sentence, incident.id);
      }
    }
  });

  it('links each URL once per entry, over https', () => {
    for (const incident of customerIncidents2021To2026) {
      const urls = incident.links.map((link) => link.url);
      expect(new Set(urls).size, incident.id).toBe(urls.length);
      for (const url of urls) expect(url.startsWith('https://'), url).toBe(true);
    }
  });

  it('does not repeat the contradictory Eye Care Leaders patient counts', () => {
    const eyeCare = byId('eye-care-leaders-2021-12');
    const text = [eyeCare.impact, eyeCare.impactShort, ...eyeCare.links.map((link) => link.title)].join(' ');
    expect(text).not.toMatch(/1\.5\s*M|342/i);
  });

  it('keeps the LastPass article link, not the duplicated notice link', () => {
    const titles = byId('lastpass-2022-10').links.map((link) => link.title);
    expect(titles).not.toContain('Notice of Recent Security Incident');
    expect(titles).toContain('Incident 2 – Additional details of the attack');
  });
});
