/**
 * Matching checks to incidents (issues 13 and 15). The table fixes the top three incidents of every check,
 * as reviewed against the incidents' write-ups; a change to a link, a class or the ranking that
 * moves one of them must update this table on purpose. The rules of the ranking are tested on a
 * small synthetic catalog so that each one can fail on its own.
 */
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import type { AnyCheck } from '../../../src/checks/define.js';
import { INCIDENTS } from '../../../src/incidents/catalog.js';
import { matchChecks, matchIncidents, PATTERN_NEXT_STEPS, patternReason, rankIncidents } from '../../../src/incidents/match.js';
import type { Incident, IncidentLink } from '../../../src/incidents/types.js';
import { ATTACK_PATTERNS, type AttackPattern, type RootCause } from '../../../src/model.js';

/** check id → its top three: `id:kind`. */
const TOP_THREE: Readonly<Record<string, readonly string[]>> = {
  'iam-root-access-keys': ['chegg-2018-04:precondition', 'natures-basket-2020-07:precondition', 'pctattletale-2024-05:precondition'],
  'iam-root-mfa': ['imtoken-2018-06:precondition', 'ubiquiti-2021-04:related', 'chegg-2018-04:related'],
  'iam-access-key-rotation': ['juspay-2021-01:precondition', 'uber-2016-10:related', 'dxc-technologies-2017-11:related'],
  'iam-access-key-unused': ['juspay-2021-01:related', 'malindo-air-2019-09:related', 'cisco-2020-12:related'],
  's3-bucket-public-write': ['la-times-2018-02:precondition', 'twilio-2020-07:precondition', 'premint-2022-07:precondition'],
  's3-account-public-access-block': ['la-times-2018-02:related', 'twilio-2020-07:related', 'premint-2022-07:related'],
  'ebs-snapshot-public': ['cardmaster-pbs-2010-03:precondition', 'duo-security-scott-piper-2018:precondition', 'bishop-fox-dufflebag-2019-08:precondition'],
  's3-bucket-public-read': ['booz-allen-hamilton-2017-05:precondition', 'dow-jones-2017-05:precondition', 'deep-root-analytics-2017-06:precondition'],
  'ec2-ami-public': ['amazonia-tu-darmstadt-2011-10:precondition', 'eurecom-public-ami-study-2012-03:precondition', 'aws-cloudquarry-2024-05:precondition'],
  'ec2-instance-role-overprivileged': ['capital-one-2019-04:precondition', 'aws-2023-02:related', 'unit-42-ssrf-2023-04:related'],
  'ec2-imdsv1-enabled': ['capital-one-2019-04:precondition', 'unit-42-ssrf-2023-04:precondition', 'aws-2023-02:related'],
  'iam-user-console-without-mfa': ['timehop-2018-07:precondition', 'voova-2019-03:precondition', 'code-spaces-2014-06:related'],
  'iam-user-inactive-console': ['first-republic-bank-2020-03:related', 'cisco-2020-12:related', 'kiranapro-2025-06:related'],
  'iam-user-keys-privileged': ['browserstack-2014-11:precondition', 'onus-2021-12:precondition', 'expel-case-study-3-2022-04:precondition'],
  'ec2-capital-one-path': ['capital-one-2019-04:precondition', 'unit-42-ssrf-2023-04:precondition', 'aws-2023-02:primary-cause'],
  'ec2-security-group-admin-ports-open': ['tesla-2018-02:precondition', 'jw-player-2019-09:precondition', 'imperva-2019-10:precondition'],
  'ebs-snapshot-shared-unknown-account': ['dnc-gru-2016-06:attacker-action', 'cardmaster-pbs-2010-03:primary-cause', 'amazonia-tu-darmstadt-2011-10:primary-cause'],
  'ebs-snapshot-block-public-access': ['cardmaster-pbs-2010-03:related', 'duo-security-scott-piper-2018:related', 'bishop-fox-dufflebag-2019-08:related'],
  'ec2-instance-untrusted-ami': ['cryptomining-ami-2020-08:precondition', 'dataspline-2017:related'],
  'ec2-user-data-secrets': ['browserstack-2014-11:related', 'imperva-2019-10:related', 'onus-2021-12:related'],
  'iam-role-trust-external': ['invictus-ir-2024-01:attacker-action', 'datadog-2024-12:attacker-action', 'open-exchange-rates-2020-03:primary-cause'],
  'cloudtrail-multi-region-logging': ['capital-one-2019-04:pattern', 'lastpass-2022-10:pattern', 'kroll-2-2023-04:pattern'],
  'guardduty-enabled': ['uran-company-2021-07:pattern', 'permiso-case-study-1-2022-06:pattern', 'unit-42-ssrf-2023-04:pattern'],
  'lambda-environment-secrets': ['sysdig-2023-02:precondition', 'browserstack-2014-11:secondary-cause', 'tesla-2018-02:secondary-cause'],
  'eks-cluster-endpoint-public': ['tesla-2018-02:related', 'jw-player-2019-09:related', 'teamtnt-worm-2020-04:related'],
  'bedrock-invocation-logging': ['lacework-2024-06:related', 'permiso-2024-10:related', 'wiz-2024-12:related'],
  'rds-snapshot-public': ['mitiga-public-rds-snapshots-2022:precondition', 'duo-security-scott-piper-2018:related', 'cardmaster-pbs-2010-03:primary-cause'],
  'rds-snapshot-shared-unknown-account': ['dnc-gru-2016-06:related', 'cardmaster-pbs-2010-03:primary-cause', 'amazonia-tu-darmstadt-2011-10:primary-cause'],
  's3-bucket-destruction-protection': ['mandiant-2024-04:related', 'code-spaces-2014-06:related', '20-20-eye-care-network-2021-01:related'],
};

/** Pairings the review found wrong: they must never come back as hand links. */
const NEVER_LINKED: readonly (readonly [string, string])[] = [
  ['iam-root-access-keys', 'imtoken-2018-06'],
  ['iam-access-key-unused', 'voova-2019-03'],
  ['iam-user-inactive-console', 'voova-2019-03'],
  ['iam-user-console-without-mfa', 'lastpass-2022-10'],
  ['s3-bucket-public-write', 'checkmarx-2023-06'],
  ['s3-bucket-public-write', 'bybit-safe-wallet-2025-02'],
  ['ebs-snapshot-public', 'dnc-gru-2016-06'],
  ['ebs-snapshot-public', 'mandiant-m-trends-2020-02'],
  ['ebs-snapshot-public', 'mitiga-rsac-2-2023-04'],
  ['ebs-snapshot-block-public-access', 'dnc-gru-2016-06'],
  ['ebs-snapshot-block-public-access', 'mandiant-m-trends-2020-02'],
  ['ebs-snapshot-block-public-access', 'mitiga-rsac-2-2023-04'],
  ['ebs-snapshot-shared-unknown-account', 'mandiant-m-trends-2020-02'],
  ['iam-root-mfa', 'code-spaces-2014-06'],
];

/** Incidents the review found unrelated to a check even by class: they must not match it at all. */
const NEVER_MATCHED: readonly (readonly [string, string])[] = [
  // Restored inside the victim's own account: nothing was public or shared.
  ['ebs-snapshot-public', 'mandiant-m-trends-2020-02'],
  ['ebs-snapshot-shared-unknown-account', 'mandiant-m-trends-2020-02'],
  ['ebs-snapshot-block-public-access', 'mandiant-m-trends-2020-02'],
  // Written with the developers' own (stolen) access, not through a public grant.
  ['s3-bucket-public-write', 'bybit-safe-wallet-2025-02'],
  ['s3-bucket-public-write', 'google-threat-horizons-unc4899-2025-07'],
  ['s3-account-public-access-block', 'bybit-safe-wallet-2025-02'],
];

function check(id: string): AnyCheck {
  const found = ALL_CHECKS.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no check ${id}`);
  return found;
}

describe('top three incidents of every check', () => {
  it('has a reviewed row for every registered check (add one when adding a check)', () => {
    expect(ALL_CHECKS.map((c) => c.id).filter((id) => TOP_THREE[id] === undefined)).toEqual([]);
  });

  it.each(Object.entries(TOP_THREE))('%s', (id, expected) => {
    const top = matchIncidents(check(id), INCIDENTS).slice(0, 3).map((m) => `${m.id}:${m.match}`);
    expect(top).toEqual(expected);
  });

  it.each(NEVER_LINKED)('%s has no hand link to %s', (checkId, incidentId) => {
    expect(check(checkId).incidents.map((l) => l.incident)).not.toContain(incidentId);
  });

  it.each(NEVER_MATCHED)('%s does not match %s', (checkId, incidentId) => {
    expect(rankIncidents(check(checkId), INCIDENTS).map((m) => m.id)).not.toContain(incidentId);
  });

  it('ranks precondition links first wherever a check has any', () => {
    for (const c of ALL_CHECKS) {
      const preconditions = c.incidents.filter((l) => l.kind === 'precondition').length;
      const ranked = rankIncidents(c, INCIDENTS).slice(0, preconditions);
      expect(ranked.every((m) => m.match === 'precondition'), c.id).toBe(true);
    }
  });

  it('carries the justification and the source of hand links into the match', () => {
    const [first] = matchIncidents(check('iam-root-access-keys'), INCIDENTS);
    expect(first?.match).toBe('precondition');
    expect(first?.reason).toMatch(/FTC complaint/);
    expect(first?.source).toBe('https://www.ftc.gov/system/files/ftc_gov/pdf/2023151-Chegg-Complaint.pdf');
  });
});

// ------------------------------------------------------------------ ranking rules, synthetic

function incident(id: string, primary: RootCause, secondary: RootCause[] = [], options: { patterns?: AttackPattern[]; section?: Incident['section']; date?: string } = {}): Incident {
  return {
    id,
    name: id,
    date: options.date ?? '2020-01',
    section: options.section ?? 'customer-incident',
    primaryCause: primary,
    secondaryCauses: secondary,
    patterns: options.patterns ?? [],
    rootCause: 'x',
    escalation: 'x',
    impact: 'x',
    impactShort: 'x',
    lesson: 'x',
    links: [{ title: 'write-up', url: `https://example.com/${id}` }],
  };
}

function link(id: string, kind: IncidentLink['kind']): IncidentLink {
  return { incident: id, kind, why: `The write-up about ${id} says so.`, source: `https://example.com/${id}` };
}

function fakeCheck(rootCauses: [RootCause, ...RootCause[]], incidents: IncidentLink[] = [], patterns?: AttackPattern[]): AnyCheck {
  const base = check('iam-root-access-keys');
  return { ...base, id: 'fake', rootCauses, incidents, ...(patterns === undefined ? {} : { patterns }) };
}

function order(c: AnyCheck, catalog: Incident[]): string[] {
  return rankIncidents(c, catalog).map((m) => `${m.id}:${m.match}`);
}

describe('ranking rules', () => {
  it('orders tiers: precondition, attacker action, related, first class as primary, pattern, other class as primary, secondary cause', () => {
    const catalog = [
      incident('secondary', 'app-vuln', ['root'], { date: '2010-01' }),
      incident('other-primary', 'leaked-keys', [], { date: '2010-01' }),
      incident('pattern', 'third-party', [], { date: '2010-06', patterns: ['cryptomining'] }),
      incident('first-primary', 'root', [], { date: '2010-02' }),
      incident('related', 'unknown', ['root'], { date: '2010-03' }),
      incident('action', 'unknown', [], { date: '2010-04' }),
      incident('pre', 'unknown', [], { date: '2010-05' }),
      incident('unrelated', 'app-vuln'),
    ];
    const c = fakeCheck(['root', 'leaked-keys'], [link('related', 'related'), link('action', 'attacker-action'), link('pre', 'precondition')], ['cryptomining']);
    expect(order(c, catalog)).toEqual([
      'pre:precondition',
      'action:attacker-action',
      'related:related',
      'first-primary:primary-cause',
      'pattern:pattern',
      'other-primary:primary-cause',
      'secondary:secondary-cause',
    ]);
  });

  it("lets the check's first class dominate: many incidents of its second class come after one of its first", () => {
    const catalog = [...Array.from({ length: 10 }, (_, i) => incident(`leak-${i}`, 'leaked-keys', [], { date: '2001-01' })), incident('root-late', 'root', [], { date: '2024-01', section: 'vendor-case-study' })];
    expect(order(fakeCheck(['root', 'leaked-keys']), catalog)[0]).toBe('root-late:primary-cause');
  });

  it('within a tier puts shared attack patterns, then shared classes, before section and age', () => {
    const catalog = [
      incident('old-customer', 'imds-ssrf', [], { date: '2014-01' }),
      incident('two-classes', 'imds-ssrf', ['exposed-hosts'], { date: '2023-01', section: 'vendor-case-study' }),
      incident('pattern', 'imds-ssrf', [], { date: '2024-01', section: 'vendor-case-study', patterns: ['backdoor-iam'] }),
      incident('young-customer', 'imds-ssrf', [], { date: '2015-01' }),
      incident('old-vendor', 'imds-ssrf', [], { date: '2013-01', section: 'vendor-case-study' }),
    ];
    expect(order(fakeCheck(['imds-ssrf', 'exposed-hosts'], [], ['backdoor-iam']), catalog).map((s) => s.split(':')[0])).toEqual([
      'pattern',
      'two-classes',
      'old-customer',
      'young-customer',
      'old-vendor',
    ]);
  });

  it('describes class matches by the shared class and hand links by their justification', () => {
    const catalog = [incident('pre', 'unknown'), incident('primary', 'root'), incident('secondary', 'app-vuln', ['root'])];
    const matches = rankIncidents(fakeCheck(['root'], [link('pre', 'precondition')]), catalog);
    expect(matches.map((m) => m.reason)).toEqual([
      'The write-up about pre says so.',
      'It began with the weakness this check looks for (Root account credentials).',
      'The same weakness appears on its attack path (Root account credentials).',
    ]);
    expect(matches.map((m) => m.source)).toEqual(['https://example.com/pre', undefined, undefined]);
  });

  it('lists the checks of an incident strongest relation first, registry order within one', () => {
    const target = incident('target', 'leaked-keys', ['root']);
    const checks = [fakeCheck(['root']), { ...fakeCheck(['app-vuln'], [link('target', 'related')]), id: 'hand' }, { ...fakeCheck(['leaked-keys']), id: 'primary' }, { ...fakeCheck(['secrets-compute']), id: 'none' }];
    expect(matchChecks(target, checks).map((m) => `${m.checkId}:${m.match}`)).toEqual(['hand:related', 'primary:primary-cause', 'fake:secondary-cause']);
  });

  it('lists the more specific check first within one relation: more shared attack patterns, then more shared classes', () => {
    const target = incident('target', 'leaked-keys', ['root'], { patterns: ['backdoor-iam'] });
    const checks = [
      { ...fakeCheck(['leaked-keys']), id: 'plain' },
      { ...fakeCheck(['leaked-keys', 'root']), id: 'two-classes' },
      { ...fakeCheck(['leaked-keys'], [], ['backdoor-iam']), id: 'same-pattern' },
      { ...fakeCheck(['leaked-keys']), id: 'plain-later' },
    ];
    expect(matchChecks(target, checks).map((m) => m.checkId)).toEqual(['same-pattern', 'two-classes', 'plain', 'plain-later']);
  });

  describe('pattern matches', () => {
    it('match an incident that shares a pattern the check declares, saying what the attacker did next', () => {
      const catalog = [incident('mined', 'third-party', [], { patterns: ['cryptomining', 'backdoor-iam'] }), incident('other', 'third-party', [], { patterns: ['llmjacking'] })];
      const matches = rankIncidents(fakeCheck(['root'], [], ['backdoor-iam', 'cryptomining']), catalog);
      expect(matches).toEqual([
        {
          id: 'mined',
          match: 'pattern',
          reason: 'What the attacker did next here: created IAM users, access keys or roles of their own to keep access; mined cryptocurrency on computing power that was not theirs.',
        },
      ]);
    });

    it('never come from a check that declares no patterns', () => {
      const catalog = [incident('mined', 'third-party', [], { patterns: ['cryptomining'] })];
      expect(rankIncidents(fakeCheck(['root']), catalog)).toEqual([]);
      expect(rankIncidents(fakeCheck(['root'], [], []), catalog)).toEqual([]);
    });

    it('give way to a hand link or to the check\'s first class on the same incident, and win over its other classes', () => {
      const catalog = [
        incident('hand', 'third-party', [], { patterns: ['cryptomining'] }),
        incident('first', 'root', [], { patterns: ['cryptomining'] }),
        incident('second', 'leaked-keys', [], { patterns: ['cryptomining'] }),
        incident('on-path', 'app-vuln', ['root'], { patterns: ['cryptomining'] }),
      ];
      const c = fakeCheck(['root', 'leaked-keys'], [link('hand', 'related')], ['cryptomining']);
      expect(order(c, catalog)).toEqual(['hand:related', 'first:primary-cause', 'on-path:pattern', 'second:pattern']);
    });

    it('rank more shared patterns first within the tier', () => {
      const catalog = [incident('one', 'third-party', [], { date: '2001-01', patterns: ['cryptomining'] }), incident('two', 'third-party', [], { date: '2024-01', patterns: ['cryptomining', 'long-dwell'] })];
      expect(order(fakeCheck(['root'], [], ['cryptomining', 'long-dwell']), catalog)).toEqual(['two:pattern', 'one:pattern']);
    });

    it('show on the incident side too, after the hand links and first classes', () => {
      const target = incident('target', 'third-party', [], { patterns: ['trail-tampering'] });
      const checks = [{ ...fakeCheck(['root'], [], ['trail-tampering']), id: 'trail' }, { ...fakeCheck(['third-party']), id: 'first' }];
      expect(matchChecks(target, checks).map((m) => `${m.checkId}:${m.match}`)).toEqual(['first:primary-cause', 'trail:pattern']);
    });

    it('have one clause of our own per pattern, so every reason is one sentence', () => {
      for (const pattern of ATTACK_PATTERNS) {
        const reason = patternReason([pattern]);
        expect(reason, pattern).toMatch(/^What the attacker did next here: [a-z][^.!?]*\.$/);
        expect(PATTERN_NEXT_STEPS[pattern].length, pattern).toBeGreaterThan(15);
      }
      expect(patternReason(['long-dwell', 'cryptomining'])).toBe('What the attacker did next here: stayed unnoticed for weeks or longer; mined cryptocurrency on computing power that was not theirs.');
    });
  });
});

describe('checks that limit the aftermath (logging, detection, recovery)', () => {
  const aftermath = ALL_CHECKS.filter((check) => check.limitsAftermath === true);

  it('are the logging, detection and recovery checks', () => {
    expect(aftermath.map((check) => check.id).sort()).toEqual(['bedrock-invocation-logging', 'cloudtrail-multi-region-logging', 'guardduty-enabled', 's3-bucket-destruction-protection']);
  });

  it.each(aftermath.map((check) => [check.id, check] as const))('%s never claims to look for how an incident began', (_id, check) => {
    for (const match of rankIncidents(check, INCIDENTS)) {
      expect(match.reason, match.id).not.toMatch(/this check (looks for|also covers)/);
    }
  });

  it.each(aftermath.map((check) => [check.id, check] as const))('%s ranks its pattern matches above its class matches', (_id, check) => {
    const kinds = rankIncidents(check, INCIDENTS).map((match) => match.match).filter((kind) => kind === 'pattern' || kind === 'primary-cause');
    const lastPattern = kinds.lastIndexOf('pattern');
    const firstClass = kinds.indexOf('primary-cause');
    if (lastPattern >= 0 && firstClass >= 0) expect(lastPattern).toBeLessThan(firstClass);
  });
});
