/**
 * Meta-tests over the whole registry and catalog: the invariants that keep checks, incidents,
 * permissions and docs consistent as the project grows.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { COLLECTORS } from '../../../src/collect/index.js';
import { INCIDENTS } from '../../../src/incidents/catalog.js';
import { matchIncidents } from '../../../src/incidents/match.js';
import { incidentSchema } from '../../../src/incidents/types.js';
import { BASE_ACTIONS, ORGANIZATION_ACTIONS } from '../../../src/inventory/actions.js';
import { SLICE_NAMES, SLICES } from '../../../src/inventory/schema.js';
import { ROOT_CAUSES } from '../../../src/model.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const CHECKS_DIR = join(ROOT, 'src', 'checks');

function checkFiles(): { service: string; id: string }[] {
  return readdirSync(CHECKS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(join(CHECKS_DIR, dir.name))
        .filter((file) => file.endsWith('.ts'))
        .map((file) => ({ service: dir.name, id: file.replace(/\.ts$/, '') })),
    );
}

describe('check registry', () => {
  it('registers every check file exactly once, with id equal to the file name and service equal to the folder', () => {
    const files = checkFiles();
    expect(ALL_CHECKS.map((c) => c.id).sort()).toEqual(files.map((f) => f.id).sort());
    for (const file of files) {
      const check = ALL_CHECKS.find((c) => c.id === file.id);
      expect(check?.service, file.id).toBe(file.service);
    }
    expect(new Set(ALL_CHECKS.map((c) => c.id)).size).toBe(ALL_CHECKS.length);
  });

  it('uses kebab-case ids prefixed by the service', () => {
    for (const check of ALL_CHECKS) {
      expect(check.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)+$/);
      expect(check.id.startsWith(`${check.service}-`), check.id).toBe(true);
    }
  });

  it('has a table-driven test file for every check', () => {
    for (const check of ALL_CHECKS) {
      const path = join(ROOT, 'tests', 'unit', 'checks', `${check.id}.test.ts`);
      expect(existsSync(path), `missing ${path}`).toBe(true);
      const source = readFileSync(path, 'utf8');
      expect(source, `${check.id} must use checkTester`).toContain('checkTester(');
    }
  });

  it('gives every check remediation docs and at least one framework id or a documented reason', () => {
    for (const check of ALL_CHECKS) {
      expect(check.remediation.docs, check.id).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      expect(check.title.length).toBeGreaterThan(5);
      expect(check.description.length).toBeGreaterThan(20);
      expect(check.rationale.length).toBeGreaterThan(40);
    }
  });

  it('links each check to incidents that exist, and to at least two incidents overall', () => {
    const ids = new Set(INCIDENTS.map((i) => i.id));
    for (const check of ALL_CHECKS) {
      for (const { incident: id } of check.incidents) expect(ids.has(id), `${check.id} names unknown incident ${id}`).toBe(true);
      expect(matchIncidents(check, INCIDENTS).length, check.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('uses only root causes that some incident names, and every check incident shares a cause with the check', () => {
    const named = new Set(INCIDENTS.flatMap((i) => [i.primaryCause, ...i.secondaryCauses]));
    for (const check of ALL_CHECKS) {
      for (const cause of check.rootCauses) expect(named.has(cause), `${check.id}: no incident names ${cause}`).toBe(true);
      for (const { incident: id } of check.incidents) {
        const incident = INCIDENTS.find((i) => i.id === id);
        const causes = [incident?.primaryCause, ...(incident?.secondaryCauses ?? [])];
        expect(check.rootCauses.some((c) => causes.includes(c)), `${check.id} ↔ ${id} share no root cause`).toBe(true);
      }
    }
  });

  it('declares only slices that have collectors and IAM actions', () => {
    for (const check of ALL_CHECKS) {
      for (const slice of check.needs) {
        expect(SLICES[slice].actions.length, `${check.id} needs ${slice}`).toBeGreaterThan(0);
        expect(COLLECTORS[slice], `${check.id} needs ${slice}`).toBeDefined();
      }
    }
  });

  it('has exactly one collector per slice record, and each collector names its own slice', () => {
    expect(Object.keys(COLLECTORS).sort()).toEqual([...SLICE_NAMES].sort());
    for (const name of SLICE_NAMES) expect(COLLECTORS[name].slice).toBe(name);
  });
});

describe('incident catalog', () => {
  const fixture = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'catalog-rows.json'), 'utf8')) as {
    reference: { id: string; name: string; date: string; section: string }[];
    seedIds: string[];
  };

  it('validates every entry against the schema and has unique ids', () => {
    for (const incident of INCIDENTS) incidentSchema.parse(incident);
    expect(new Set(INCIDENTS.map((i) => i.id)).size).toBe(INCIDENTS.length);
  });

  it('contains every row of the reference catalog (137) and every incident of the seed', () => {
    const ids = new Set(INCIDENTS.map((i) => i.id));
    expect(fixture.reference).toHaveLength(137);
    for (const row of fixture.reference) expect(ids.has(row.id), row.id).toBe(true);
    for (const id of fixture.seedIds) expect(ids.has(id), id).toBe(true);
  });

  it('keeps dates and sections as the reference gives them', () => {
    for (const row of fixture.reference) {
      const incident = INCIDENTS.find((i) => i.id === row.id);
      expect(incident?.date, row.id).toBe(row.date);
      expect(incident?.section, row.id).toBe(row.section);
    }
  });

  it('uses only known root causes, never lists the primary cause again as secondary', () => {
    for (const incident of INCIDENTS) {
      expect(ROOT_CAUSES).toContain(incident.primaryCause);
      expect(incident.secondaryCauses, incident.id).not.toContain(incident.primaryCause);
    }
  });

  it('writes lessons of two to four sentences and never repeats a lesson', () => {
    const lessons = new Set<string>();
    for (const incident of INCIDENTS) {
      const sentences = incident.lesson.split(/(?<=[.!?])\s+(?=[A-Z0-9"'(])/).filter((s) => s.trim().length > 0);
      expect(sentences.length, incident.id).toBeGreaterThanOrEqual(2);
      expect(sentences.length, incident.id).toBeLessThanOrEqual(4);
      expect(lessons.has(incident.lesson), incident.id).toBe(false);
      lessons.add(incident.lesson);
    }
  });
});

describe('read-only and least privilege, over the source', () => {
  const SRC = join(ROOT, 'src');
  function sourceFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
    );
  }
  const files = sourceFiles(SRC);

  it('keeps checks below the engine: no file under src/checks imports src/engine', () => {
    for (const file of files.filter((candidate) => candidate.includes(join('src', 'checks')))) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/from '(?:\.\.\/)+engine\//);
    }
  });

  it('imports the AWS SDK only from src/collect', () => {
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      if (/from '@aws-sdk\//.test(source)) expect(file, 'only collectors may import @aws-sdk').toContain(join('src', 'collect'));
    }
  });

  it('sends only allowlisted read-only operations, each covered by the least-privilege policy', async () => {
    const { isReadOnlyOperation, iamActionFor } = await import('../../../src/collect/readonly.js');
    const policy = new Set<string>([...BASE_ACTIONS, ...Object.values(SLICES).flatMap((slice) => slice.actions), ...ORGANIZATION_ACTIONS]);
    const serviceOfPackage: Record<string, string> = {
      'client-iam': 'iam',
      'client-s3': 's3',
      'client-s3-control': 's3control',
      'client-ec2': 'ec2',
      'client-sts': 'sts',
      'client-organizations': 'organizations',
      'client-cloudtrail': 'cloudtrail',
      'client-guardduty': 'guardduty',
      'client-lambda': 'lambda',
      'client-eks': 'eks',
      'client-bedrock': 'bedrock',
      'client-rds': 'rds',
    };
    const used = new Set<string>();
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@aws-sdk\/([a-z0-9-]+)'/g)) {
        const service = serviceOfPackage[match[2] ?? ''];
        const names = (match[1] ?? '').split(',').map((n) => (n.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0] ?? '')).filter((n) => n.endsWith('Command'));
        for (const name of names) {
          const operation = name.replace(/Command$/, '');
          expect(isReadOnlyOperation(operation), `${file} imports ${name}`).toBe(true);
          expect(service, `${file}: unknown SDK package ${match[2] ?? ''}`).toBeDefined();
          const action = iamActionFor(service ?? '', operation);
          used.add(action);
          expect(policy.has(action), `${action} (sent by ${file}) is missing from the least-privilege policy`).toBe(true);
        }
      }
    }
    // And the other way round: the policy grants nothing the code never sends.
    for (const action of policy) expect(used.has(action), `${action} is in the policy but no collector sends it`).toBe(true);
  });
});
