/**
 * Wiring for the teaching commands: `incidents` (with filters), `incidents show ID` and `explain`.
 * Flag parsing and error messages only; the renderers live in src/teach.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { AnyCheck } from '../checks/define.js';
import type { Incident } from '../incidents/types.js';
import { ROOT_CAUSES, type RootCause } from '../model.js';
import { ESCALATION_PATHS } from '../policy/escalation-paths.js';
import { explainEscalationPath, findEscalationPath } from '../teach/escalation.js';
import { EXPLAIN_FORMATS, explainCheck, explainIncident, type ExplainFormat } from '../teach/explain.js';
import { incidentCoverage } from '../incidents/coverage.js';
import { filterIncidents, renderCoverage, renderIncidentList, type IncidentFilter } from '../teach/incidents.js';
import { didYouMean } from '../teach/suggest.js';
import { usageError } from './errors.js';

interface IncidentsFlags {
  format: 'text' | 'json';
  cause?: RootCause;
  year?: string;
  since?: string;
  search?: string;
  check?: string;
  coverage?: boolean;
}

function yearArgument(value: string): string {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError('expected a four-digit year, e.g. 2019.');
  return value;
}

function sinceArgument(value: string): string {
  if (!/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(value)) throw new InvalidArgumentError('expected YYYY or YYYY-MM, e.g. 2019 or 2019-04.');
  return value;
}

const CHECKS_HINT = "'breachmap checks' lists the checks.";
const INCIDENTS_HINT = "'breachmap incidents' lists the incidents.";
const BOTH_HINT = "'breachmap checks' and 'breachmap incidents' list them.";

export function registerTeachingCommands(program: Command, checks: readonly AnyCheck[], catalog: readonly Incident[], stdout: (text: string) => void): void {
  const incidents = program
    .command('incidents')
    .description('browse the incident catalog; `incidents show ID` tells one incident in full')
    // Keeps `incidents show ID --format markdown` for the subcommand instead of this listing.
    .enablePositionalOptions()
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--cause <cause>', 'only incidents with this root-cause class (primary or secondary)').choices(ROOT_CAUSES))
    .option('--year <yyyy>', 'only incidents of this year', yearArgument)
    .option('--since <yyyy[-mm]>', 'only incidents on or after this year or month', sinceArgument)
    .option('--search <text>', 'only incidents whose name, story, lesson or sources contain this text (case-insensitive)')
    .option('--check <check-id>', 'only incidents this check relates to (hand links first, then shared root causes)')
    .option('--coverage', 'how many incidents the checks cover (precondition link, first root-cause class or attack pattern) and which way, per root cause and in total, and which none does and why')
    .action((flags: IncidentsFlags) => {
      const filter: IncidentFilter = {};
      if (flags.cause !== undefined) filter.cause = flags.cause;
      if (flags.year !== undefined) filter.year = flags.year;
      if (flags.since !== undefined) filter.since = flags.since;
      if (flags.search !== undefined) filter.search = flags.search;
      if (flags.coverage === true) {
        if (flags.check !== undefined) throw usageError('--coverage cannot be combined with --check: it measures every check against the incidents.');
        const listed = filterIncidents(catalog, filter).map((l) => l.incident);
        stdout(renderCoverage(incidentCoverage(listed, checks), flags.format));
        return;
      }
      if (flags.check !== undefined) {
        const check = checks.find((c) => c.id === flags.check);
        if (check === undefined) throw usageError(`--check: unknown check '${flags.check}'. ${didYouMean(flags.check, checks.map((c) => c.id), CHECKS_HINT)}`);
        filter.check = check;
      }
      stdout(renderIncidentList(filterIncidents(catalog, filter), catalog.length, flags.format));
    });

  incidents
    .command('show')
    .description('one incident in full: timeline, lesson, the checks that detect it, sources')
    .argument('<id>', 'incident id, as listed by `breachmap incidents`')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .action((id: string, flags: { format: 'text' | 'json' | 'markdown' }) => {
      const incident = catalog.find((i) => i.id === id);
      if (incident === undefined) throw usageError(`Unknown incident '${id}'. ${didYouMean(id, catalog.map((i) => i.id), INCIDENTS_HINT)}`);
      stdout(flags.format === 'json' ? JSON.stringify(incident, null, 2) + '\n' : explainIncident(incident, checks, flags.format, 'entry'));
    });

  program
    .command('explain')
    .description('tell a check or an incident as a story (what, why, the breaches, the attack, the fix), or one privilege-escalation path')
    .argument('<id>', 'a check id (breachmap checks), an incident id (breachmap incidents) or an escalation path id (docs/semantics.md)')
    .addOption(new Option('-f, --format <format>', 'output format (markdown for workshop handouts)').choices(EXPLAIN_FORMATS).default('text'))
    .action((id: string, flags: { format: ExplainFormat }) => {
      const check = checks.find((c) => c.id === id);
      if (check !== undefined) {
        stdout(explainCheck(check, catalog, flags.format));
        return;
      }
      const incident = catalog.find((i) => i.id === id);
      if (incident !== undefined) {
        stdout(explainIncident(incident, checks, flags.format, 'explain'));
        return;
      }
      const path = findEscalationPath(id);
      if (path !== undefined) {
        stdout(explainEscalationPath(path, checks, flags.format));
        return;
      }
      // The message keeps naming checks and incidents, the ids users type most; a near path id is suggested too.
      const known = [...checks.map((c) => c.id), ...catalog.map((i) => i.id), ...ESCALATION_PATHS.map((p) => p.id)];
      throw usageError(`Unknown check or incident '${id}'. ${didYouMean(id, known, BOTH_HINT)}`);
    });
}
