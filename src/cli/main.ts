/**
 * The command line: thin wiring from flags to collect → evaluate → render, and from errors to
 * one-line messages and exit codes. Only this layer touches process, files and exit codes.
 */
import { isIP } from 'node:net';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ALL_CHECKS } from '../checks/index.js';
import { DEFAULT_EVALUATION_OPTIONS, type AnyCheck, type EvaluationOptions } from '../checks/define.js';
// Types and defaults only: the collectors (and the AWS SDK) are imported lazily below.
import { DEFAULT_CALL_BUDGETS, DEFAULT_REQUEST_TIMEOUT_MS } from '../collect/types.js';
import { DEFAULT_CONCURRENCY, DEFAULT_MAX_ATTEMPTS } from '../collect/service-budgets.js';
import { INCIDENTS } from '../incidents/catalog.js';
import { InputError } from '../inventory/load.js';
import type { Inventory } from '../inventory/schema.js';
import { FAIL_ON_LEVELS, type FailOn } from '../app/gate.js';
import { FRAMEWORKS } from '../model.js';
import type { FinalReportInputs } from '../app/final-report.js';
import type { OrganizationScan } from '../app/organization-scan.js';
import { nothingCollected, runScanPlan, type ScanSource } from '../app/scan-plan.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../report/index.js';
import type { Report } from '../report/schema.js';
import { sanitizeInline } from '../report/sanitize.js';
import { summaryLine } from '../report/text.js';
import { didYouMean } from '../teach/suggest.js';
import { CliError, credentialFailure, EXIT, usageError } from './errors.js';
import { addCiOptions, finishCi, gatePolicyOf, loadCiInputs, writeExtraReports, type CiFlags } from './ci.js';
import { wantsColor } from './color.js';
import { debugLine } from './debug.js';
import { checkOutputTargets, refuseOverwritingInput, writeFileAtomic, type OutputTarget } from './files.js';
import { renderChecksList, renderOrganizationPermissions, renderPermissions } from './listings.js';
import { registerMergeCommand } from './merge.js';
import { registerPathsCommand } from './paths.js';
import { addOrganizationOptions, organizationTargetOf, validateOrganizationFlags, wantsOrganization, type OrganizationFlags } from './org.js';
import { createScanProgress, sliceLabel, type ScanProgress } from './progress.js';
import { registerTeachingCommands } from './teach.js';
import { TOOL_VERSION } from './version.js';
import { parseFramework, selectChecks, slicesFor, type SelectionFlags } from './selection.js';

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTty: boolean;
  env: NodeJS.ProcessEnv;
  /** Where `.breachmap.yml` is looked for and relative paths resolve (default: process.cwd()). */
  cwd?: string;
  /** stderr when it is a terminal: the live progress line is drawn there (otherwise plain lines). */
  stderrTty?: NodeJS.WritableStream;
  /** What `-` reads for --from, --baseline and --suppressions (default: process.stdin). */
  stdin?: AsyncIterable<Buffer | string>;
}

const defaultIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTty: process.stdout.isTTY,
  env: process.env,
  ...(process.stderr.isTTY ? { stderrTty: process.stderr } : {}),
};

interface ReportFlags extends CiFlags {
  format: ReportFormat;
  output?: string;
  failOn: FailOn;
  color?: boolean;
  showPassed?: boolean;
  compact?: boolean;
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
  endpointUrl?: string;
  concurrency: number;
  maxAttempts: number;
  maxSnapshotAttributeCalls: number;
  maxUserDataCalls: number;
  maxRdsSnapshotAttributeCalls: number;
  requestTimeoutMs: number;
  debug?: boolean;
  quiet?: boolean;
  serviceConcurrency?: number;
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
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a failing result is at or above this severity').choices(FAIL_ON_LEVELS).default('none'))
    .optionsGroup('Output:')
    .addOption(new Option('-f, --format <format>', 'report format').choices(REPORT_FORMATS).default('text'))
    .option('-o, --output <file>', "write the report to a file (atomically) instead of stdout ('-': stdout)")
    .option('--show-passed', 'also list passing results in the text report')
    .option('--compact', 'text report: one line per open finding, then the summary')
    .option('--no-color', 'never use colours (NO_COLOR is also respected)')
    .option('-q, --quiet', 'no progress on stderr')
    .optionsGroup('Verdict thresholds:')
    .option('--max-key-age-days <days>', 'access keys older than this fail rotation', positiveInt, DEFAULT_EVALUATION_OPTIONS.maxKeyAgeDays)
    .option('--max-unused-days <days>', 'active keys unused this long fail', positiveInt, DEFAULT_EVALUATION_OPTIONS.maxUnusedDays)
    .option('--max-inactive-days <days>', 'console passwords unused this long fail', positiveInt, DEFAULT_EVALUATION_OPTIONS.maxInactiveConsoleDays)
    .option('--trusted-accounts <ids>', 'comma-separated account ids that may receive shared snapshots, publish AMIs and be trusted by roles', accountIds, []);
}

function addCollectionOptions(command: Command): Command {
  return command
    .optionsGroup('Credentials and regions:')
    .option('-p, --profile <name>', 'AWS profile (SSO profiles included); default: the SDK credential chain')
    .option('-r, --region <regions>', "comma-separated regions, or 'all' for every enabled region (default: all)")
    .option('--home-region <region>', "region for global services (IAM, STS, S3 Control); default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region, or us-east-1")
    .option('--s3-path-style', 'path-style S3 addressing, for local emulators (or BREACHMAP_S3_PATH_STYLE=1)')
    .option('--endpoint-url <url>', 'send every AWS call to this endpoint (local emulators); default: AWS_ENDPOINT_URL, else AWS')
    .optionsGroup('Tuning:')
    .option('--concurrency <n>', 'maximum AWS requests on the wire at once, all services together', positiveInt, DEFAULT_CONCURRENCY)
    .option('--service-concurrency <n>', 'maximum concurrent calls to one service in one region, for every service (default: per service: S3 64, EC2 32 within its API rate, IAM 4, others 8)', positiveInt)
    .option('--max-attempts <n>', 'attempts per AWS call, including retries with backoff for throttling', positiveInt, DEFAULT_MAX_ATTEMPTS)
    .option('--max-snapshot-attribute-calls <n>', 'most DescribeSnapshotAttribute calls for snapshot sharing (the rest: unknown)', nonNegativeInt, DEFAULT_CALL_BUDGETS.snapshotAttributeCalls)
    .option('--max-user-data-calls <n>', 'most DescribeInstanceAttribute calls for user data (the rest: unknown)', nonNegativeInt, DEFAULT_CALL_BUDGETS.userDataCalls)
    .option('--max-rds-snapshot-attribute-calls <n>', 'most RDS snapshot attribute calls for RDS snapshot sharing (the rest: unknown)', nonNegativeInt, DEFAULT_CALL_BUDGETS.rdsSnapshotAttributeCalls)
    .option('--request-timeout-ms <ms>', 'abandon (and retry) one HTTP attempt after this long', positiveInt, DEFAULT_REQUEST_TIMEOUT_MS)
    .option('--debug', 'log every AWS call (service, operation, region, duration, outcome, retries) to stderr; never credentials');
}

/** Check selection; it also decides which collectors run and which IAM actions are needed. */
function addSelectionOptions(command: Command): Command {
  return command
    .optionsGroup('Check selection:')
    .option('--checks <ids>', 'run only these checks: comma-separated check ids or root-cause classes')
    .option('--skip-checks <ids>', 'skip these checks: comma-separated check ids or root-cause classes')
    .option('--framework <id>', `only the checks mapped to a compliance framework, and a per-control summary (${FRAMEWORKS.join(', ')})`);
}

export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = baseProgram(io);

  registerCommands(program, io, (code) => {
    exitCode = code;
  });

  const args = argv.slice(2);
  // `breachmap` alone is a request for help, not a mistake; the version works after a command too.
  if (args.length === 0) {
    io.stdout(program.helpInformation());
    return EXIT.ok;
  }
  const endOfOptions = args.indexOf('--');
  if ((endOfOptions === -1 ? args : args.slice(0, endOfOptions)).some((arg) => arg === '--version' || arg === '-v' || arg === '-V')) {
    io.stdout(`${TOOL_VERSION}\n`);
    return EXIT.ok;
  }

  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    return handleError(error, io);
  }
}

/**
 * The whole command tree, built without running anything: `docs/cli.md` is generated from it
 * (src/docs/cli.ts). Actions report their exit code through `setExitCode`.
 */
export function buildProgram(io: Io = defaultIo, setExitCode: (code: number) => void = () => undefined): Command {
  return registerCommands(baseProgram(io), io, setExitCode);
}

function baseProgram(io: Io): Command {
  return new Command()
    .name('breachmap')
    .description('Read-only AWS account scanner: every finding next to the real breach it already caused.')
    .version(TOOL_VERSION, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    // Nested commands (`incidents show ID --format markdown`) need each level to keep its own options.
    .enablePositionalOptions()
    .exitOverride()
    // commander's own errors ("error: unknown option") carry the tool's name like every other error.
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(`breachmap: ${text}`) });
}

function registerCommands(program: Command, io: Io, setExitCode: (code: number) => void): Command {
  addOrganizationOptions(addSelectionOptions(addCollectionOptions(
    addReportOptions(
      program
        .command('scan')
        .description('scan an AWS account (or a saved snapshot) and report findings with the breaches they resemble')
        .option('--from <snapshot>', "evaluate a snapshot written by `breachmap collect` ('-': standard input) instead of calling AWS")
        .addHelpText(
          'after',
          [
            '',
            'Examples:',
            '  breachmap scan --profile prod                          # every enabled region, text report',
            '  breachmap scan --region us-east-1,eu-west-1 --format sarif --output breachmap.sarif --fail-on high',
            '  breachmap scan --from account.json --format html --output report.html',
          ].join('\n'),
        ),
    ),
  ))).action(async (flags: ReportFlags & CollectionFlags & SelectionFlags & OrganizationFlags & { from?: string }) => {
    const checks = selectChecks(ALL_CHECKS, flags);
    validateOrganizationFlags(flags);
    const fromStdin = [['--from', flags.from], ['--baseline', flags.baseline], ['--suppressions', flags.suppressions]].filter(([, path]) => path === '-');
    if (fromStdin.length > 1) throw usageError(`${fromStdin.map(([flag]) => flag).join(' and ')} cannot both read standard input ('-'); give all but one a file.`);
    await checkOutputTargets(outputTargets(flags), io.cwd ?? process.cwd());
    if (flags.from !== undefined) {
      if (flags.profile !== undefined || flags.region !== undefined || flags.s3PathStyle === true || flags.endpointUrl !== undefined) {
        throw usageError('--from evaluates a snapshot offline; it cannot be combined with --profile, --region, --s3-path-style or --endpoint-url.');
      }
      await refuseOverwritingInput({ label: '--from', path: flags.from }, outputTargets(flags), io.cwd ?? process.cwd());
      const source: ScanSource = { kind: 'snapshot', path: flags.from, ...(io.stdin === undefined ? {} : { stdin: io.stdin }) };
      setExitCode(await scanAndReport(source, flags, io, checks));
      return;
    }
    // Suppressions and the baseline are read before any AWS call: a bad file costs no scan.
    const final = await finalInputs(flags, io);
    const outcome = await collectWith(flags, io, checks, (collect, progress) => {
      if (!wantsOrganization(flags)) {
        progress.servicesPlanned(collect.slices.length);
        return runScanPlan({ source: { kind: 'account', collect }, checks, evaluation: evaluationOptionsOf(flags), final });
      }
      const scan: OrganizationScan = {
        collect,
        target: organizationTargetOf(flags),
        accountConcurrency: flags.accountConcurrency,
        ...(flags.externalId === undefined ? {} : { externalId: flags.externalId }),
        ...(flags.shard === undefined ? {} : { shard: flags.shard }),
        onAccounts: (accounts) => {
          progress.accounts(accounts.length);
          progress.servicesPlanned(accounts.length * collect.slices.length);
        },
        onAccountDone: (_id, ok) => {
          progress.accountDone(ok);
          // An account that could not be scanned will never finish its services.
          if (!ok) progress.servicesPlanned(-collect.slices.length);
        },
      };
      return runScanPlan({ source: { kind: 'organization', scan }, checks, evaluation: evaluationOptionsOf(flags), final });
    });
    setExitCode(await writeReports(outcome.report, flags, io));
    if (outcome.couldNotRun !== null) throw new CliError(outcome.couldNotRun, EXIT.cannotRun);
  });

  addSelectionOptions(addCollectionOptions(
    program
      .command('collect')
      .description('collect the inventory snapshot (read-only) for later offline `scan --from`')
      .requiredOption('-o, --output <file>', "where to write the snapshot JSON ('-': stdout)")
      .option('-q, --quiet', 'no progress on stderr'),
  )).action(async (flags: CollectionFlags & SelectionFlags & { output: string }) => {
    const checks = selectChecks(ALL_CHECKS, flags);
    await checkOutputTargets([{ label: '--output', path: flags.output }], io.cwd ?? process.cwd());
    const inventory = await collect(flags, io, checks);
    const snapshot = JSON.stringify(inventory, null, 2) + '\n';
    if (flags.output === '-') {
      io.stdout(snapshot);
    } else {
      // A snapshot is the account's whole inventory: owner-only whatever the umask.
      await writeFileAtomic(flags.output, snapshot, { ownerOnly: true });
      if (flags.quiet !== true) io.stderr(`breachmap: wrote the snapshot of account ${inventory.account.id} to ${flags.output}\n`);
    }
    if (nothingCollected(inventory)) throw new CliError('Nothing could be collected: every AWS read failed.', EXIT.cannotRun);
  });

  addSelectionOptions(addReportOptions(program.command('demo').description('report on a bundled, fictional, deliberately misconfigured account (no AWS needed)'))).action(
    async (flags: ReportFlags & SelectionFlags) => {
      const checks = selectChecks(ALL_CHECKS, flags);
      await checkOutputTargets(outputTargets(flags), io.cwd ?? process.cwd());
      setExitCode(await scanAndReport({ kind: 'demo', toolVersion: TOOL_VERSION }, flags, io, checks));
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
    program
      .command('permissions')
      .description('print the least-privilege IAM policy a scan needs (derived from the collectors)')
      .option('--org', 'print instead the policy of the account that runs scan --org / --role-arn (list accounts, assume the role)')
      .option('--role-name <name>', 'with --org: limit sts:AssumeRole to this role name'),
  ).action((flags: SelectionFlags & { org?: boolean; roleName?: string }) => {
    if (flags.org === true) io.stdout(renderOrganizationPermissions(flags.roleName));
    else if (flags.roleName !== undefined) throw usageError('--role-name only applies to permissions --org.');
    else io.stdout(renderPermissions(slicesFor(selectChecks(ALL_CHECKS, flags))));
  });

  registerMergeCommand(program, io, setExitCode);
  registerPathsCommand(program, io);

  registerTeachingCommands(program, ALL_CHECKS, INCIDENTS, io.stdout);
  return program;
}

function handleError(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    // Help and version are "errors" under exitOverride; commander already printed its message.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
    return EXIT.usage;
  }
  // Messages can quote file content (a JSON parser's excerpt) or a file name: made inert and one line.
  if (error instanceof CliError) {
    io.stderr(`breachmap: error: ${sanitizeInline(error.message)}\n`);
    return error.exitCode;
  }
  if (error instanceof InputError) {
    io.stderr(`breachmap: error: ${sanitizeInline(error.message)}\n`);
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`breachmap: error: ${sanitizeInline((message.split('\n')[0] ?? message).slice(0, 500))}\n`);
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
  return collectWith(flags, io, checks, async (options, progress) => {
    progress.servicesPlanned(options.slices.length);
    return (await import('../collect/index.js')).collectInventory(options);
  });
}

/**
 * Builds the collection options from the flags, shows progress while `run` collects (one account,
 * or many for --org), and turns credential failures into one-line errors.
 */
async function collectWith<T>(
  flags: CollectionFlags,
  io: Io,
  checks: readonly AnyCheck[],
  run: (options: import('../collect/index.js').CollectOptions, progress: ScanProgress) => Promise<T>,
): Promise<T> {
  const regions = parseRegions(flags.region);
  const endpointUrl = checkEndpoints(flags.endpointUrl, io.env);
  // AWS_PROFILE names the profile exactly as --profile does (the SDK then skips the environment's
  // keys), so an unknown name is the same usage error rather than "no credentials".
  const profile = flags.profile ?? nonEmpty(io.env['AWS_PROFILE']);
  const profileSource = flags.profile === undefined ? ' (from AWS_PROFILE)' : '';
  // Loaded lazily so that demo, checks and --from never load the AWS SDK.
  const { CallerIdentityError, NoEnabledRegionError, UnknownProfileError, UnknownRegionError } = await import('../collect/index.js');
  const { profileRegion } = await import('../collect/profiles.js');
  const homeRegion = await resolveHomeRegion(flags.homeRegion, io.env, () => profileRegion(profile));
  if (!REGION_PATTERN.test(homeRegion.region)) throw usageError(`'${homeRegion.region}' is not an AWS region name (from ${homeRegion.source}).`);
  const pathStyleEnv = io.env['BREACHMAP_S3_PATH_STYLE'];
  const quiet = flags.quiet === true;
  const { OrganizationListingError } = await import('../app/organization-scan.js');
  const progress = createScanProgress({ quiet, env: io.env, write: io.stderr, ...(io.stderrTty === undefined ? {} : { tty: io.stderrTty }) });
  const options: import('../collect/index.js').CollectOptions = {
    regions,
    homeRegion: homeRegion.region,
    s3PathStyle: flags.s3PathStyle === true || pathStyleEnv === '1' || pathStyleEnv === 'true',
    concurrency: flags.concurrency,
    maxAttempts: flags.maxAttempts,
    budgets: {
      snapshotAttributeCalls: flags.maxSnapshotAttributeCalls,
      userDataCalls: flags.maxUserDataCalls,
      rdsSnapshotAttributeCalls: flags.maxRdsSnapshotAttributeCalls,
    },
    requestTimeoutMs: flags.requestTimeoutMs,
    // Only the collectors the selected checks read run, so --checks also narrows the AWS calls.
    slices: slicesFor(checks),
    toolVersion: TOOL_VERSION,
    progress: progress.step,
    sliceLabel,
    // Warnings are not progress: --quiet and the rate limit of CI progress lines never drop them.
    warn: (message) => io.stderr(`breachmap: warning: ${sanitizeInline(message)}\n`),
    ...(flags.serviceConcurrency === undefined ? {} : { serviceConcurrency: flags.serviceConcurrency }),
    onRegions: (found) => progress.regions(found.length),
    onSliceDone: () => progress.serviceDone(),
  };
  if (profile !== undefined) options.profile = profile;
  if (endpointUrl !== undefined) options.endpointUrl = endpointUrl;
  options.onCall = (record) => {
    progress.call(record);
    if (flags.debug === true) io.stderr(debugLine(record));
  };
  try {
    return await run(options, progress);
  } catch (error) {
    if (error instanceof UnknownProfileError) {
      throw usageError(`AWS profile '${error.profile}'${profileSource} not found in ~/.aws/config or ~/.aws/credentials. Check the name with 'aws configure list-profiles'.`);
    }
    if (error instanceof UnknownRegionError) throw unknownRegion(error.unknown, error.known, error.partition);
    if (error instanceof NoEnabledRegionError) {
      throw usageError(`--region: ${error.skipped.join(', ')} ${error.skipped.length === 1 ? 'is' : 'are'} not enabled for this account (not-opted-in), so nothing regional can be scanned. Enable the region or choose another.`);
    }
    if (error instanceof CallerIdentityError) throw credentialFailure(error.causeError, profile, error.profileFailure);
    if (error instanceof OrganizationListingError) throw new CliError(error.message, EXIT.cannotRun);
    throw error;
  } finally {
    progress.stop();
  }
}

/**
 * Checks `--endpoint-url` (returned when given) and the AWS_ENDPOINT_URL variables the SDK reads,
 * before any AWS call. An IP address cannot work: S3 Control's endpoint rules put the account id
 * in front of the host (`123456789012.127.0.0.1`), which is not a URL the SDK can build, so the
 * user is told to use `localhost`, which breachmap resolves for `*.localhost` (RFC 6761).
 */
function checkEndpoints(flag: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const given: [string, string | undefined][] = [
    ['--endpoint-url', flag],
    ['AWS_ENDPOINT_URL', nonEmpty(env['AWS_ENDPOINT_URL'])],
    ['AWS_ENDPOINT_URL_S3_CONTROL', nonEmpty(env['AWS_ENDPOINT_URL_S3_CONTROL'])],
  ];
  for (const [source, value] of given) {
    if (value === undefined) continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw usageError(`${source}: '${value}' is not a URL (e.g. http://localhost:5000).`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usageError(`${source}: '${value}' must start with http:// or https://.`);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) !== 0) {
      const port = url.port === '' ? '' : `:${url.port}`;
      throw usageError(`${source}: '${value}' is an IP address, which S3 Control cannot use (it puts the account id in front of the host); use ${url.protocol}//localhost${port} or a host name instead.`);
    }
  }
  return flag;
}

/** An environment variable set to '' counts as unset, as the SDK and the AWS CLI treat it. */
function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Where IAM, STS and S3 Control are called, in the AWS CLI's order: --home-region, AWS_REGION,
 * AWS_DEFAULT_REGION, the profile's `region`, then us-east-1. The region also picks the partition's
 * endpoints, so a GovCloud or China profile reaches its own STS.
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-region.html (AWS_REGION, then the profile)
 * https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-envvars.html (AWS_DEFAULT_REGION)
 */
async function resolveHomeRegion(flag: string | undefined, env: NodeJS.ProcessEnv, fromProfile: () => Promise<string | undefined>): Promise<{ region: string; source: string }> {
  if (flag !== undefined) return { region: flag, source: '--home-region' };
  const awsRegion = nonEmpty(env['AWS_REGION']);
  if (awsRegion !== undefined) return { region: awsRegion, source: 'AWS_REGION' };
  const defaultRegion = nonEmpty(env['AWS_DEFAULT_REGION']);
  if (defaultRegion !== undefined) return { region: defaultRegion, source: 'AWS_DEFAULT_REGION' };
  const profileRegion = await fromProfile();
  if (profileRegion !== undefined) return { region: profileRegion, source: "the profile's region in ~/.aws/config" };
  return { region: 'us-east-1', source: 'the default' };
}

/** `--region us-east-9`: names the region, with the closest real names of the account's partition. */
function unknownRegion(unknown: readonly string[], known: readonly string[], partition: string): CliError {
  const first = unknown[0] ?? '';
  const names = unknown.map((region) => `'${region}'`).join(', ');
  const hint = didYouMean(first, known, 'List them with `aws ec2 describe-regions --all-regions`.');
  return usageError(`--region: ${names} ${unknown.length === 1 ? 'is not a region' : 'are not regions'} of partition ${partition} (ec2:DescribeRegions does not list ${unknown.length === 1 ? 'it' : 'them'}). ${hint}`);
}

function evaluationOptionsOf(flags: ReportFlags): EvaluationOptions {
  return { maxKeyAgeDays: flags.maxKeyAgeDays, maxUnusedDays: flags.maxUnusedDays, maxInactiveConsoleDays: flags.maxInactiveDays, trustedAccounts: flags.trustedAccounts };
}

/** Reads the suppressions and the baseline and decides the gate and framework: the final-report inputs. */
async function finalInputs(flags: ReportFlags & Pick<SelectionFlags, 'framework'>, io: Io): Promise<FinalReportInputs> {
  const ciInputs = await loadCiInputs(flags, new Set(ALL_CHECKS.map((check) => check.id)), io);
  const framework = parseFramework(flags.framework);
  return { ...ciInputs, gate: gatePolicyOf(flags), ...(framework === undefined ? {} : { framework }) };
}

/** An offline run (the demo, a snapshot): plan, run, write. */
async function scanAndReport(source: ScanSource, flags: ReportFlags & Pick<SelectionFlags, 'framework'>, io: Io, checks: readonly AnyCheck[]): Promise<number> {
  const final = await finalInputs(flags, io);
  const outcome = await runScanPlan({ source, checks, evaluation: evaluationOptionsOf(flags), final });
  return writeReports(outcome.report, flags, io);
}

/** Renders the final report in every format asked for, writes each (atomically), and returns the gate's exit code. */
async function writeReports(result: Report, flags: ReportFlags, io: Io): Promise<number> {
  const color = wantsColor(flags, io);
  const text = renderReport(result, flags.format, { color, ...(flags.showPassed === true ? { showPassed: true } : {}), ...(flags.compact === true ? { compact: true } : {}) });
  if (flags.output === undefined || flags.output === '-') {
    io.stdout(text);
  } else {
    await writeFileAtomic(flags.output, text);
    if (flags.quiet !== true) io.stderr(`breachmap: wrote the ${flags.format} report to ${flags.output}: ${summaryLine(result)}\n`);
  }
  await writeExtraReports(result, flags, io);
  return finishCi(result, io);
}

/** Every file the report flags write, for the checks made before any AWS call. */
function outputTargets(flags: ReportFlags): OutputTarget[] {
  return [
    ...(flags.output === undefined ? [] : [{ label: '--output', path: flags.output }]),
    ...(flags.report ?? []).map((target) => ({ label: `--report ${target.format}`, path: target.path })),
  ];
}

