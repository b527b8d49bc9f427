/**
 * Hand links from checks to incidents are claims about write-ups (issue 13): each needs a kind, a
 * one-sentence justification and the URL of the write-up that says it, taken from the incident's
 * own links. The validator is exercised on bad links too, so this test can fail.
 */
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { INCIDENTS } from '../../../src/incidents/catalog.js';
import { incidentLinkProblems } from '../../../src/incidents/match.js';
import type { IncidentLink } from '../../../src/incidents/types.js';

const CHEGG = 'chegg-2018-04';
const CHEGG_SOURCE = 'https://www.ftc.gov/system/files/ftc_gov/pdf/2023151-Chegg-Complaint.pdf';
const GOOD: IncidentLink = { incident: CHEGG, kind: 'precondition', why: 'The FTC complaint says a shared root access key was used to take the data.', source: CHEGG_SOURCE };

function problemsOf(link: unknown): string[] {
  return incidentLinkProblems([{ id: 'some-check', incidents: [link as IncidentLink] }], INCIDENTS);
}

describe('hand links from checks to incidents', () => {
  it('every link of every check names a catalog incident once, with a kind, a one-sentence why and a source among its links', () => {
    expect(incidentLinkProblems(ALL_CHECKS, INCIDENTS)).toEqual([]);
  });

  it('accepts a well-formed link', () => {
    expect(problemsOf(GOOD)).toEqual([]);
  });

  it.each([
    ['an unknown incident id', { ...GOOD, incident: 'chegg-2019-04' }, /no incident with this id/],
    ['a missing kind', { incident: CHEGG, why: GOOD.why, source: CHEGG_SOURCE }, /unknown kind undefined/],
    ['the old "exact" kind', { ...GOOD, kind: 'exact' }, /unknown kind "exact"/],
    ['a missing justification', { incident: CHEGG, kind: 'precondition', source: CHEGG_SOURCE }, /justification is missing/],
    ['an empty justification', { ...GOOD, why: '   ' }, /justification is missing/],
    ['two sentences', { ...GOOD, why: 'The FTC complaint names a root key. It was shared among staff.' }, /one sentence, not 2/],
    ['no full stop', { ...GOOD, why: 'The FTC complaint says a shared root access key was used' }, /one sentence, starting with a word/],
    ['a leading dash', { ...GOOD, why: '- the FTC complaint says a shared root access key was used.' }, /one sentence, starting with a word/],
    ['a source that is not one of the incident\'s links', { ...GOOD, source: 'https://example.com/chegg' }, /not one of the incident's links/],
    ['a missing source', { incident: CHEGG, kind: 'related', why: GOOD.why }, /source undefined is not one of the incident's links/],
  ])('refuses %s', (_name, link, expected) => {
    const problems = problemsOf(link);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(expected);
  });

  it('refuses the same incident linked twice by one check', () => {
    const problems = incidentLinkProblems([{ id: 'some-check', incidents: [GOOD, { ...GOOD, kind: 'related' }] }], INCIDENTS);
    expect(problems).toEqual(['some-check → chegg-2018-04: linked twice']);
  });
});
