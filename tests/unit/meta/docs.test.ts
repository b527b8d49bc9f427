import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { renderChecksTable, renderCoverageSection, renderEscalationTable, renderPermissionsBlock, replaceSection } from '../../../src/docs/readme.js';
import { INCIDENTS } from '../../../src/incidents/catalog.js';
import { ESCALATION_PATHS } from '../../../src/policy/escalation-paths.js';

const README = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');

describe('README.md', () => {
  it('has a fresh checks table, least-privilege policy and escalation-path table (run npm run gen:docs)', () => {
    let expected = replaceSection(README, 'checks', renderChecksTable(ALL_CHECKS, INCIDENTS));
    expected = replaceSection(expected, 'permissions', renderPermissionsBlock([...new Set(ALL_CHECKS.flatMap((c) => c.needs))]));
    expected = replaceSection(expected, 'coverage', renderCoverageSection(ALL_CHECKS, INCIDENTS));
    expected = replaceSection(expected, 'escalation-paths', renderEscalationTable(ESCALATION_PATHS));
    expect(README).toBe(expected);
  });

  it('gives a newcomer the set-up and test commands', () => {
    expect(README).toContain('npm ci');
    expect(README).toContain('npx breachmap demo');
    expect(README).toContain('npm test');
  });

  it('documents every command and flag the CLI accepts', async () => {
    const { main } = await import('../../../src/cli/main.js');
    for (const command of ['scan', 'collect', 'demo', 'checks', 'permissions', 'merge', 'incidents', 'incidents show', 'explain']) {
      const out: string[] = [];
      await main(['node', 'breachmap', ...command.split(' '), '--help'], { stdout: (t) => out.push(t), stderr: () => undefined, stdoutIsTty: false, env: {} });
      const flags = [...out.join('').matchAll(/--[a-z][a-z0-9-]+/g)].map((m) => m[0]).filter((f) => f !== '--help');
      for (const flag of flags) expect(README, `README.md does not mention ${command} ${flag}`).toContain(flag);
      expect(README).toContain(`breachmap ${command}`);
    }
  });
});
