import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { buildProgram } from '../../../src/cli/main.js';
import { CHECK_PAGES_DIR } from '../../../src/docs/check-pages.js';
import { commandFlags, commandPaths } from '../../../src/docs/cli.js';
import { generatedDocs, orphanCheckPages } from '../../../src/docs/manual.js';
import { INCIDENTS } from '../../../src/incidents/catalog.js';
import { ESCALATION_PATHS } from '../../../src/policy/escalation-paths.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const read = (path: string): string | undefined => (existsSync(join(ROOT, path)) ? readFileSync(join(ROOT, path), 'utf8') : undefined);
const README = read('README.md') ?? '';
const DOCS = generatedDocs({ checks: ALL_CHECKS, catalog: INCIDENTS, escalationPaths: ESCALATION_PATHS, program: buildProgram() });

describe('generated documentation (run npm run gen:docs when a test here fails)', () => {
  it.each(DOCS.map((doc) => [doc.path, doc]))('%s is up to date', (path, doc) => {
    const current = read(path);
    expect(current, `${path} is missing`).toBeDefined();
    expect(current).toBe(doc.render(current));
  });

  it('has one page per check in docs/checks and nothing else', () => {
    expect(orphanCheckPages(readdirSync(join(ROOT, CHECK_PAGES_DIR)), DOCS)).toEqual([]);
    for (const check of ALL_CHECKS) expect(DOCS.map((doc) => doc.path)).toContain(`${CHECK_PAGES_DIR}/${check.id}.md`);
  });

  it('a stale section is detected: the renderer rewrites what is between the markers', () => {
    const readme = DOCS.find((doc) => doc.path === 'README.md');
    const stale = README.replace(/(<!-- checks:start -->\n)[^\n]*\n/, '$1| stale |\n');
    expect(stale).not.toBe(README);
    expect(readme?.render(stale)).toBe(README);
  });
});

describe('README.md', () => {
  it('gives a newcomer the set-up and test commands', () => {
    expect(README).toContain('npm ci');
    expect(README).toContain('npx breachmap demo');
    expect(README).toContain('npm test');
  });

  it('stays a front door: short, with the manual linked', () => {
    // The generated blocks (the policy, the checks table) grow with every check by design; the
    // hand-written front door must not.
    const handWritten = README.replace(/<!-- ([a-z-]+):start -->[\s\S]*?<!-- \1:end -->/g, '');
    expect(handWritten.split('\n').length).toBeLessThanOrEqual(160);
    for (const page of ['scanning', 'organizations', 'ci', 'output-formats', 'exit-codes', 'permissions', 'semantics', 'incidents', 'security', 'cli']) {
      expect(README).toContain(`(docs/${page}.md)`);
    }
  });
});

describe('docs/cli.md', () => {
  const cliPage = read('docs/cli.md') ?? '';
  // The prose, without the generated reference: a new flag needs a sentence of its own, not only a table row.
  const prose = cliPage.replace(/<!-- cli:start -->[\s\S]*<!-- cli:end -->/, '');
  const program = buildProgram();

  it('explains every command and flag the CLI accepts in its prose', () => {
    expect(prose).not.toBe(cliPage);
    const missing: string[] = [];
    for (const path of commandPaths(program)) {
      if (!prose.includes(`breachmap ${path}`)) missing.push(`breachmap ${path}`);
      for (const flag of commandFlags(program).get(path) ?? []) if (!prose.includes(flag)) missing.push(`breachmap ${path} ${flag}`);
    }
    expect(missing).toEqual([]);
  });

  it('the generated reference lists every command and flag', () => {
    const reference = cliPage.slice(cliPage.indexOf('<!-- cli:start -->'));
    for (const path of commandPaths(program)) {
      expect(reference).toContain(`### Reference: \`breachmap ${path}\``);
      for (const flag of commandFlags(program).get(path) ?? []) expect(reference, `${path} ${flag}`).toContain(flag);
    }
    expect(commandPaths(program)).toEqual(expect.arrayContaining(['scan', 'collect', 'demo', 'checks', 'permissions', 'merge', 'incidents', 'incidents show', 'explain']));
  });
});
