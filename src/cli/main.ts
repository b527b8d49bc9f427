/**
 * The command line: thin wiring from flags to collect → evaluate → render, and from errors to
 * one-line messages and exit codes. Only this layer touches process, files and exit codes.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ALL_CHECKS } from '../checks/index.js';
import { DEFAULT_EVALUATION_OPTIONS, type AnyCheck, type EvaluationOptions } from '../checks/define.js';
// Types and defaults only: the collectors (and the AWS SDK) are imported lazily below.
import { DEFAULT_CALL_BUDGETS } from '../collect/types.js';
import { buildReport } from '../engine/report.js';
import { INCIDENTS } from '../incidents/catalog.js';
import { InputError, loadInventory } from '../inventory/load.js';
import type { Inventory } from '../inventory/schema.js';
import { SEVERITIES } from '../model.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../report/index.js';
import type { Report } from '../report/schema.js';
import { demoInventory } from '../demo/inventory.js';
import { CliError, credentialFailure, EXIT, usageError } from './errors.js';
import { addCiOptions, applyCiInputs, finishCi, loadCiInputs, progressPrinter, writeExtraReports, type CiFlags } from './ci.js';
import { writeFileAtomic } from './files.js';
import { gate } from './gate.js';
import { renderChecksList, renderPermissions } from './listings.js';
import { registerTeachingCommands } from './teach.js';
import { TOOL_VERSION } from './version.js';
import { selectChecks, slicesFor, type SelectionFlags } from './selection.js';

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const FAIL_ON_LEVELS = [...SEVERITIES.filter((s) => s !== 'info'), 'none'] as const;
type FailOn = (typeof FAIL_ON_LEVELS)[number];

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTty: boolean;
  env: NodeJS.ProcessEnv;
  /** Where `.breachmap.yml` is looked for and relative paths resolve (default: process.cwd()). */
  cwd?: string;
}

const defaultIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTty: process.stdout.isTTY,
  env: process.env,
};

interface ReportFlags extends CiFlags {
  format: ReportFormat;
  output?: string;
  failOn: FailOn;
  color?: boolean;
  showPassed?: boolean;
  maxKeyAgeDays: number;
  maxUnusedDays: number;
  maxInactiveDays: number;
  trustedAccounts: string[];
  quiet?: boolean;
}

interface CollectionFlags {
  profile?: string;
  region?: string;
  homeRegion?: string;
  s3PathStyle?: boolean;
  concurrency: number;
  maxAttempts: number;
  maxSnapshotAttributeCalls: number;
  maxUserDataCalls: number;
  quiet?: boolean;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number.');
  return n;
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number (0 or more).');
  return n;
}

/** Comma-separated 12-digit AWS account ids. */
function accountIds(value: string): string[] {
  const ids = [...new Set(value.split(',').map((id) => id.trim()).filter((id) => id.length > 0))];
  const invalid = ids.find((id) => !/^\d{12}$/.test(id));
  if (invalid !== undefined) throw new InvalidArgumentError(`'${invalid}' is not a 12-digit AWS account id.`);
  return ids.sort();
}

function addReportOptions(command: Command): Command {
  return addCiOptions(command)
    .addOption(new Option('-f, --format <format>', 'report format').choices(REPORT_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a failing result is at or above this severity').choices(FAIL_ON_LEVELS).default('none'))
    .option('--show-passed', 'also list passing results in the text report')
    .option('--no-color', 'never use colours (NO_COLOR is also respected)')
    .option('--max-key-age-days <days>', 'access keys older than this fail rotation', positiveInt, DEFAULT_EVALUATION_OPTIONS.maxKeyAgeDays)
    .option('--max-unused-days <days>', 'active keys unused this long fail', positiveInt, DEFAULT_EVALUATION_OPTIONS.maxUnusedDays)
    .option('--max-inactive-days <days>', 'console passwords unused this long fail', positiveInt, DEFAULT_EVALUATION_OPTIONS.maxInactiveConsoleDays)
    .option('--trusted-accounts <ids>', 'comma-separated account ids that may receive shared snapshots and publish AMIs', accountIds, [])
    .option('-q, --quiet', 'no progress on stderr');
}

function addCollectionOptions(command: Command): Command {
  return command
    .option('-p, --profile <name>', 'AWS profile (SSO profiles included); default: the SDK credential chain')
    .option('-r, --region <regions>', "comma-separated regions, or 'all' for every enabled region (default: all)")
    .option('--home-region <region>', 'region for global services (IAM, STS, S3 Control); default: AWS_REGION or us-east-1')
    .option('--s3-path-style', 'path-style S3 addressing, for local emulators (or BREACHMAP_S3_PATH_STYLE=1)')
    .option('--concurrency <n>', 'maximum concurrent AWS calls', positiveInt, 16)
    .option('--max-attempts <n>', 'attempts per AWS call, including adaptive retries for throttling', positiveInt, 6)
    .option('--max-snapshot-attribute-calls <n>', 'most DescribeSnapshotAttribute calls for snapshot sharing (the rest: unknown)', nonNegativeInt, DEFAULT_CALL_BUDGETS.snapshotAttributeCalls)
    .option('--max-user-data-calls <n>', 'most DescribeInstanceAttribute calls for user data (the rest: unknown)', nonNegativeInt, DEFAULT_CALL_BUDGETS.userDataCalls);
}

/** Check selection; it also decides which collectors run and which IAM actions are needed. */
function addSelectionOptions(command: Command): Command {
  return command
    .option('--checks <ids>', 'run only these checks: comma-separated check ids or root-cause classes')
    .option('--skip-checks <ids>', 'skip these checks: comma-separated check ids or root-cause classes');
}

export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command()
    .name('breachmap')
    .description('Read-only AWS account scanner: every finding next to the real breach it already caused.')
    .version(TOOL_VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    // Nested commands (`incidents show ID --format markdown`) need each level to keep its own options.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  addSelectionOptions(addCollectionOptions(
    addReportOptions(
      program
        .command('scan')
        .description('scan an AWS account (or a saved snapshot) and report findings with the breaches they resemble')
        .option('--from <snapshot>', 'evaluate a snapshot written by `breachmap collect` instead of calling AWS'),
    ),
  )).action(async (flags: ReportFlags & CollectionFlags & SelectionFlags & { from?: string }) => {
    const checks = selectChecks(ALL_CHECKS, flags);
    if (flags.from !== undefined) {
      if (flags.profile !== undefined || flags.region !== undefined || flags.s3PathStyle === true) {
        throw usageError('--from evaluates a snapshot offline; it cannot be combined with --profile, --region or --s3-path-style.');
      }
      const inventory = await loadInventory(flags.from);
      exitCode = await report(inventory, flags, io, checks);
      return;
    }
    const inventory = await collect(flags, io, checks);
    exitCode = await report(inventory, flags, io, checks);
    if (nothingCollected(inventory)) {
      throw new CliError('Nothing could be collected: every AWS read failed (see the unknown results above).', EXIT.cannotRun);
    }
  });

  addSelectionOptions(addCollectionOptions(
    program
      .command('collect')
      .description('collect the inventory snapshot (read-only) for later offline `scan --from`')
      .requiredOption('-o, --output <file>', 'where to write the snapshot JSON')
      .option('-q, --quiet', 'no progress on stderr'),
  )).action(async (flags: CollectionFlags & SelectionFlags & { output: string }) => {
    const inventory = await collect(flags, io, selectChecks(ALL_CHECKS, flags));
    await writeFileAtomic(flags.output, JSON.stringify(inventory, null, 2) + '\n');
    if (flags.quiet !== true) io.stderr(`breachmap: wrote the snapshot of account ${inventory.account.id} to ${flags.output}\n`);
    if (nothingCollected(inventory)) throw new CliError('Nothing could be collected: every AWS read failed.', EXIT.cannotRun);
  });

  addSelectionOptions(addReportOptions(program.command('demo').description('report on a bundled, fictional, deliberately misconfigured account (no AWS needed)'))).action(
    async (flags: ReportFlags & SelectionFlags) => {
      exitCode = await report(demoInventory(TOOL_VERSION), flags, io, selectChecks(ALL_CHECKS, flags));
    },
  );

  program
    .command('checks')
    .description('list the checks, their severity, root causes and the incidents they mirror')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((flags: { format: 'text' | 'json' }) => {
      io.stdout(renderChecksList(ALL_CHECKS, INCIDENTS, flags.format));
    });

  addSelectionOptions(
    program.command('permissions').description('print the least-privilege IAM policy a scan needs (derived from the collectors)'),
  ).action((flags: SelectionFlags) => {
    io.stdout(renderPermissions(slicesFor(selectChecks(ALL_CHECKS, flags))));
  });

  registerTeachingCommands(program, ALL_CHECKS, INCIDENTS, io.stdout);

  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    return handleError(error, io);
  }
}

function handleError(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    // Help and version are "errors" under exitOverride; commander already printed its message.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
    return EXIT.usage;
  }
  if (error instanceof CliError) {
    io.stderr(`breachmap: error: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof InputError) {
    io.stderr(`breachmap: error: ${error.message}\n`);
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`breachmap: error: ${(message.split('\n')[0] ?? message).slice(0, 500)}\n`);
  return EXIT.cannotRun;
}

function parseRegions(value: string | undefined): readonly string[] | 'all' {
  if (value === undefined || value.trim() === 'all') return 'all';
  const regions = [...new Set(value.split(',').map((r) => r.trim()).filter((r) => r.length > 0))];
  if (regions.length === 0) throw usageError("--region needs region names (e.g. us-east-1,eu-west-1) or 'all'.");
  for (const region of regions) {
    if (!REGION_PATTERN.test(region)) throw usageError(`--region: '${region}' is not an AWS region name (e.g. us-east-1).`);
  }
  return regions.sort();
}

async function collect(flags: CollectionFlags, io: Io, checks: readonly AnyCheck[]): Promise<Inventory> {
  const regions = parseRegions(flags.region);
  const homeRegion = flags.homeRegion ?? io.env['AWS_REGION'] ?? io.env['AWS_DEFAULT_REGION'] ?? 'us-east-1';
  if (!REGION_PATTERN.test(homeRegion)) throw usageError(`'${homeRegion}' is not an AWS region name (from --home-region or AWS_REGION).`);
  const pathStyleEnv = io.env['BREACHMAP_S3_PATH_STYLE'];
  const quiet = flags.quiet === true;
  // Loaded lazily so that demo, checks and --from never load the AWS SDK.
  const { collectInventory, CallerIdentityError, UnknownProfileError } = await import('../collect/index.js');
  const options: Parameters<typeof collectInventory>[0] = {
    regions,
    homeRegion,
    s3PathStyle: flags.s3PathStyle === true || pathStyleEnv === '1' || pathStyleEnv === 'true',
    concurrency: flags.concurrency,
    maxAttempts: flags.maxAttempts,
    budgets: { snapshotAttributeCalls: flags.maxSnapshotAttributeCalls, userDataCalls: flags.maxUserDataCalls },
    // Only the collectors the selected checks read run, so --checks also narrows the AWS calls.
    slices: slicesFor(checks),
    toolVersion: TOOL_VERSION,
    progress: progressPrinter(io.stderr, { quiet, env: io.env }),
  };
  if (flags.profile !== undefined) options.profile = flags.profile;
  try {
    return await collectInventory(options);
  } catch (error) {
    if (error instanceof UnknownProfileError) {
      throw usageError(`AWS profile '${error.profile}' not found in ~/.aws/config or ~/.aws/credentials. Check the name with 'aws configure list-profiles'.`);
    }
    if (error instanceof CallerIdentityError) throw credentialFailure(error.causeError, flags.profile);
    throw error;
  }
}

async function report(inventory: Inventory, flags: ReportFlags, io: Io, checks: readonly AnyCheck[]): Promise<number> {
  const options: EvaluationOptions = {
    maxKeyAgeDays: flags.maxKeyAgeDays,
    maxUnusedDays: flags.maxUnusedDays,
    maxInactiveConsoleDays: flags.maxInactiveDays,
    trustedAccounts: flags.trustedAccounts,
  };
  // Suppressions and the baseline are read before rendering anything, so a bad file writes no output.
  const ciInputs = await loadCiInputs(flags, new Set(ALL_CHECKS.map((check) => check.id)), io);
  const result = applyCiInputs(buildReport({ inventory, checks, catalog: INCIDENTS, options }), ciInputs);
  const color = flags.output === undefined && flags.color !== false && io.stdoutIsTty && io.env['NO_COLOR'] === undefined && io.env['CI'] !== 'true';
  const text = renderReport(result, flags.format, flags.showPassed === true ? { color, showPassed: true } : { color });
  if (flags.output === undefined) {
    io.stdout(text);
  } else {
    await writeFileAtomic(flags.output, text);
    if (flags.quiet !== true) io.stderr(`breachmap: wrote the ${flags.format} report to ${flags.output}\n`);
  }
  await writeExtraReports(result, flags, io);
  return finishCi(result, flags, io);
}

/** The exit code for `--fail-on` alone (suppressed results never gate); see src/cli/gate.ts for the rest. */
export function exitCodeFor(report: Report, failOn: FailOn): number {
  return gate(report, { failOn }).exitCode;
}

function nothingCollected(inventory: Inventory): boolean {
  const slices = Object.values(inventory.slices).filter((slice) => slice !== undefined);
  return slices.length > 0 && slices.every((slice) => !slice.ok);
}
