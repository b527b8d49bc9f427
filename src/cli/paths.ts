/**
 * `breachmap paths [report-or-snapshot] | --demo`: the breach paths of an account, shortest first,
 * as stories (text), JSON or Graphviz DOT. A JSON report already carries its paths (decided when it
 * was built, suppressions included); a snapshot or the demo is evaluated with every check first.
 * Wiring only: computing is src/paths, formatting src/report/paths-text.ts.
 */
import { Readable } from 'node:stream';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { runScanPlan } from '../app/scan-plan.js';
import { ALL_CHECKS } from '../checks/index.js';
import { DEFAULT_EVALUATION_OPTIONS } from '../checks/define.js';
import { breachmapFileKind, inputName, parseJsonInput, readInputText } from '../inventory/input-file.js';
import { MAX_SNAPSHOT_BYTES } from '../inventory/load.js';
import { DEFAULT_PATH_LIMITS, type PathLimits } from '../paths/index.js';
import { filterPaths, type PathFilter } from '../paths/filter.js';
import { PATHS_FORMATS, renderPathsDot, renderPathsJson, renderPathsText, type PathsFormat, type PathsView } from '../report/paths-text.js';
import { REPORT_SCHEMA_VERSION, reportSchema, type Report } from '../report/schema.js';
import { usageError } from './errors.js';
import { checkOutputTargets, refuseOverwritingInput, writeFileAtomic } from './files.js';
import { TOOL_VERSION } from './version.js';

interface PathsFlags {
  demo?: boolean;
  to?: string;
  from?: string;
  format: PathsFormat;
  output?: string;
  maxHops?: number;
  maxPaths?: number;
  quiet?: boolean;
}

export interface PathsIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd?: string;
  stdin?: AsyncIterable<Buffer | string>;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number.');
  return n;
}

const INPUT_KIND = 'breachmap JSON report or snapshot';

/** A report's own paths, or the final report of a snapshot evaluated now. */
async function reportFrom(input: string, limits: PathLimits | undefined, stdin: AsyncIterable<Buffer | string> | undefined): Promise<Report> {
  const text = await readInputText({ path: input, kind: INPUT_KIND, maxBytes: MAX_SNAPSHOT_BYTES, ...(stdin === undefined ? {} : { stdin }) });
  const raw = parseJsonInput(text, input, INPUT_KIND);
  const kind = breachmapFileKind(raw);
  if (kind === 'snapshot') {
    // The text already read is handed over as the scan plan's standard input, which validates it with its one-line messages.
    const already = Readable.from([text]) as AsyncIterable<string>;
    const outcome = await runScanPlan({
      source: { kind: 'snapshot', path: '-', stdin: already },
      checks: ALL_CHECKS,
      evaluation: DEFAULT_EVALUATION_OPTIONS,
      final: { gate: { failOn: 'none', failOnUnknown: false }, ...(limits === undefined ? {} : { pathLimits: limits }) },
    });
    return outcome.report;
  }
  if (kind !== 'report') throw usageError(`${inputName(input)}: not a breachmap report or snapshot (expected a report written with --format json, or a snapshot from 'breachmap collect')`);
  if (limits !== undefined) throw usageError('--max-hops and --max-paths apply when paths are computed (a snapshot or --demo); a report carries the paths computed when it was written.');
  const version = typeof raw === 'object' && raw !== null && 'schemaVersion' in raw ? raw.schemaVersion : undefined;
  if (version !== REPORT_SCHEMA_VERSION) throw usageError(`${inputName(input)}: report schema version ${JSON.stringify(version ?? null)}, but this breachmap reads version ${REPORT_SCHEMA_VERSION}; regenerate the report`);
  const parsed = reportSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw usageError(`${inputName(input)}: not a breachmap JSON report: field ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export function registerPathsCommand(program: Command, io: PathsIo): void {
  program
    .command('paths')
    .description('list the breach paths of an account, shortest first: from an entry point (leaked key, IMDSv1 instance, outside trust, public data) to data stores and admin')
    .argument('[input]', "a JSON report (scan --format json) or a snapshot (breachmap collect); '-': standard input")
    .option('--demo', 'the paths of the bundled demo account instead of a file')
    .option('--to <store>', "only paths that reach this bucket or snapshot (name or ARN), or 'admin'")
    .option('--from <principal>', 'only paths that start at or pass through this principal, instance, bucket or snapshot (name, id or ARN)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(PATHS_FORMATS).default('text'))
    .option('-o, --output <file>', "write to a file (atomically) instead of stdout ('-': stdout)")
    .option('--max-hops <n>', `most principals on one path when computing (default ${DEFAULT_PATH_LIMITS.maxHops})`, positiveInt)
    .option('--max-paths <n>', `most paths listed when computing (default ${DEFAULT_PATH_LIMITS.maxPaths}); all are counted`, positiveInt)
    .option('-q, --quiet', 'no confirmation on stderr')
    .addHelpText(
      'after',
      ['', 'Examples:', '  breachmap paths --demo', '  breachmap paths report.json --to customer-exports', '  breachmap paths account.json --format dot | dot -Tsvg > paths.svg'].join('\n'),
    )
    .action(async (input: string | undefined, flags: PathsFlags) => {
      if ((input === undefined) === (flags.demo !== true)) throw usageError('give one input: a JSON report or snapshot file, or --demo.');
      const cwd = io.cwd ?? process.cwd();
      const target = flags.output === undefined || flags.output === '-' ? [] : [{ label: '--output', path: flags.output }];
      await checkOutputTargets(target, cwd);
      if (input !== undefined && input !== '-') await refuseOverwritingInput({ label: 'paths', path: input }, target, cwd);
      const limits: PathLimits | undefined =
        flags.maxHops === undefined && flags.maxPaths === undefined ? undefined : { maxHops: flags.maxHops ?? DEFAULT_PATH_LIMITS.maxHops, maxPaths: flags.maxPaths ?? DEFAULT_PATH_LIMITS.maxPaths };
      const report =
        input === undefined
          ? (
              await runScanPlan({
                source: { kind: 'demo', toolVersion: TOOL_VERSION },
                checks: ALL_CHECKS,
                evaluation: DEFAULT_EVALUATION_OPTIONS,
                final: { gate: { failOn: 'none', failOnUnknown: false }, ...(limits === undefined ? {} : { pathLimits: limits }) },
              })
            ).report
          : await reportFrom(input, limits, io.stdin);
      if (report.paths === undefined || report.summary.paths === undefined) {
        throw usageError(`${inputName(input ?? '--demo')}: this report carries no breach paths (an organization or merged report, or one written by an older breachmap); run 'breachmap paths' on the account's snapshot instead`);
      }
      const filter: PathFilter = {};
      if (flags.to !== undefined) filter.to = flags.to;
      if (flags.from !== undefined) filter.from = flags.from;
      const view: PathsView = {
        account: { id: report.account.id, alias: report.account.alias },
        summary: report.summary.paths,
        paths: filterPaths(report.paths, filter),
        filtered: flags.to !== undefined || flags.from !== undefined,
      };
      const text = flags.format === 'json' ? renderPathsJson(view) : flags.format === 'dot' ? renderPathsDot(view) : renderPathsText(view);
      if (flags.output === undefined || flags.output === '-') io.stdout(text);
      else {
        await writeFileAtomic(flags.output, text);
        if (flags.quiet !== true) io.stderr(`breachmap: wrote ${view.paths.paths.length} breach path${view.paths.paths.length === 1 ? '' : 's'} (${flags.format}) to ${flags.output}\n`);
      }
    });
}
