/**
 * CLI wiring for CI audits: the gating flags, the suppressions file, the baseline, several
 * outputs in one run (`--report FORMAT=PATH`, repeatable) and progress that stays quiet in CI logs.
 * The logic lives in pure modules (src/app, src/suppress, src/baseline, src/report); this
 * file only reads files, writes files and talks to stderr.
 */
import { resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { FAIL_ON_LEVELS, type FailOn, type GatePolicy } from '../app/gate.js';
import { loadBaseline, type Baseline } from '../baseline/index.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../report/index.js';
import type { Report } from '../report/schema.js';
import { checksNotEvaluated } from '../report/summary.js';
import type { SuppressionFile } from '../suppress/file.js';
import { loadSuppressions } from '../suppress/load.js';
import { usageError } from './errors.js';
import { writeFileAtomic } from './files.js';

export interface ReportTarget {
  format: ReportFormat;
  path: string;
}

export interface CiFlags {
  failOn: FailOn;
  failOnNew?: FailOn;
  failOnUnknown?: boolean;
  suppressions?: string;
  baseline?: string;
  report?: ReportTarget[];
  output?: string;
  quiet?: boolean;
}

export interface CiInputs {
  suppressions?: SuppressionFile;
  baseline?: Baseline;
}

export interface CiIo {
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** What `-` reads (default: process.stdin). */
  stdin?: AsyncIterable<Buffer | string>;
}

function reportTarget(value: string, previous: ReportTarget[] | undefined): ReportTarget[] {
  const at = value.indexOf('=');
  const format = value.slice(0, at);
  const path = value.slice(at + 1);
  if (at <= 0 || path.length === 0) throw new InvalidArgumentError(`expected FORMAT=PATH (e.g. sarif=breachmap.sarif), got '${value}'.`);
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new InvalidArgumentError(`'${format}' is not a report format (${REPORT_FORMATS.join(', ')}).`);
  return [...(previous ?? []), { format: format as ReportFormat, path }];
}

/** The CI flags, shared by `scan` and `demo`. */
export function addCiOptions(command: Command): Command {
  return command
    .optionsGroup('CI gating:')
    .addOption(new Option('--fail-on-new <severity>', 'exit 1 when a result that is not in the --baseline is at or above this severity').choices(FAIL_ON_LEVELS))
    .option('--fail-on-unknown', 'exit 1 when any check could not be evaluated (e.g. a missing permission)')
    .option('--suppressions <file>', "accepted risks (YAML; '-': standard input); default: .breachmap.yml in the working directory, when present")
    .option('--baseline <report>', "a previous JSON report ('-': standard input): mark failing results new or unchanged and list the resolved ones")
    .option('--report <format=path>', `also write the report as FORMAT to PATH, atomically (repeatable; ${REPORT_FORMATS.join(', ')})`, reportTarget);
}

/** Reads and validates everything the flags point at, before any AWS call or output. */
export async function loadCiInputs(flags: CiFlags, knownChecks: ReadonlySet<string>, io: CiIo): Promise<CiInputs> {
  if (flags.failOnNew !== undefined && flags.baseline === undefined) {
    throw usageError('--fail-on-new compares against a previous report: add --baseline previous.json (a report written with --format json).');
  }
  const paths = new Map<string, string>();
  for (const [label, path] of [...(flags.output === undefined ? [] : [['--output', flags.output] as const]), ...(flags.report ?? []).map((t) => [`--report ${t.format}`, t.path] as const)]) {
    const key = resolve(io.cwd ?? '.', path);
    const earlier = paths.get(key);
    if (earlier !== undefined) throw usageError(`${label} and ${earlier} both write to ${path}; give each output its own file.`);
    paths.set(key, label);
  }
  if (flags.suppressions === '-' && flags.baseline === '-') throw usageError("--baseline and --suppressions cannot both read standard input ('-'); give one a file.");
  const inputs: CiInputs = {};
  const suppressions = await loadSuppressions(flags.suppressions, io.cwd ?? process.cwd(), { knownChecks }, io.stdin);
  if (suppressions !== undefined) inputs.suppressions = suppressions;
  if (flags.baseline !== undefined) inputs.baseline = await loadBaseline(flags.baseline, io.stdin);
  return inputs;
}

/** The gate policy the flags ask for (decided in src/app/gate.ts). */
export function gatePolicyOf(flags: CiFlags): GatePolicy {
  const policy: GatePolicy = { failOn: flags.failOn, failOnUnknown: flags.failOnUnknown === true };
  if (flags.failOnNew !== undefined) policy.failOnNew = flags.failOnNew;
  return policy;
}

/** Renders every `--report` first, then writes each atomically: a render error writes nothing. */
export async function writeExtraReports(report: Report, flags: CiFlags, io: CiIo): Promise<void> {
  const rendered = (flags.report ?? []).map((target) => ({ ...target, content: renderReport(report, target.format, { color: false }) }));
  for (const target of rendered) {
    await writeFileAtomic(resolve(io.cwd ?? '.', target.path), target.content);
    if (flags.quiet !== true) io.stderr(`breachmap: wrote the ${target.format} report to ${target.path}\n`);
  }
}

/** Warnings (always shown: they are not progress) and the gate's verdict, already decided in the final report. */
export function finishCi(report: Report, io: CiIo): number {
  for (const warning of report.warnings ?? []) io.stderr(`breachmap: warning: ${warning}\n`);
  const unevaluated = checksNotEvaluated(report);
  if (unevaluated.length > 0) {
    const denied = report.errors.some((e) => /denied|unauthori[sz]ed|forbidden/i.test(`${e.code} ${e.message}`));
    const why = denied ? 'missing permissions; run `breachmap permissions` for the policy a scan needs' : 'see the unknown results in the report';
    io.stderr(`breachmap: warning: ${unevaluated.length} of ${report.summary.checks} check${report.summary.checks === 1 ? '' : 's'} could not be evaluated at all (${why})\n`);
  }
  const exitCode = report.gate?.exitCode ?? 0;
  for (const reason of report.gate?.reasons ?? []) io.stderr(`breachmap: exit ${exitCode}: ${reason}\n`);
  return exitCode;
}

export interface ProgressOptions {
  quiet: boolean;
  env: NodeJS.ProcessEnv;
  now?: () => number;
  /** Under CI=true, at most one progress line per interval (default 5 s). */
  intervalMs?: number;
  /** Rate-limit as under CI=true even without it (stderr is not a terminal: a log file, a pipe). */
  rateLimited?: boolean;
}

/**
 * Progress lines for stderr. On a terminal every step is shown; under `CI=true` lines are rate
 * limited so a large scan does not flood the build log (the report itself carries every failure).
 */
export function progressPrinter(write: (text: string) => void, options: ProgressOptions): (message: string) => void {
  if (options.quiet) return () => undefined;
  if (options.rateLimited !== true && options.env['CI'] !== 'true' && options.env['CI'] !== '1') return (message) => write(`breachmap: ${message}\n`);
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? 5000;
  let last = Number.NEGATIVE_INFINITY;
  let skipped = 0;
  return (message) => {
    const t = now();
    if (t - last < interval) {
      skipped += 1;
      return;
    }
    write(`breachmap: ${message}${skipped > 0 ? ` (${skipped} more step${skipped === 1 ? '' : 's'} since the last line)` : ''}\n`);
    last = t;
    skipped = 0;
  };
}
