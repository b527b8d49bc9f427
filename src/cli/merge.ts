/**
 * `breachmap merge shard1.json shard2.json … [--output org.json] [--format …]`: joins the JSON
 * reports of sharded runs (or of single accounts) into one organization report and renders it in
 * any format. The joining rules are in src/engine/organization.ts (`mergeReports`).
 */
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { MergeError, mergeReports, type MergeInput } from '../engine/organization.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../report/index.js';
import { REPORT_SCHEMA_VERSION, reportSchema, type Report } from '../report/schema.js';
import { wantsColor } from './color.js';
import { usageError } from './errors.js';
import { checkOutputTargets, refuseOverwritingInput, writeFileAtomic } from './files.js';
import { FAIL_ON_LEVELS, type FailOn } from '../app/gate.js';
import { finalizeReport } from '../app/final-report.js';
import { finishCi } from './ci.js';

interface MergeFlags {
  format: ReportFormat;
  output?: string;
  failOn: FailOn;
  failOnUnknown?: boolean;
  color?: boolean;
  showPassed?: boolean;
  quiet?: boolean;
}

export interface MergeIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTty: boolean;
  env: NodeJS.ProcessEnv;
}

/** Reads one shard report: JSON, our schema version first (the clearest error), then the full schema. */
export async function readShardReport(path: string): Promise<MergeInput> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw usageError(`${path}: cannot read the report (${(error as { code?: string }).code ?? String(error)})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw usageError(`${path}: not JSON; merge reads reports written with --format json`);
  }
  const version = typeof raw === 'object' && raw !== null && 'schemaVersion' in raw ? raw.schemaVersion : undefined;
  if (version !== REPORT_SCHEMA_VERSION) {
    throw usageError(`${path}: report schema version ${JSON.stringify(version ?? null)}, but this breachmap merges version ${REPORT_SCHEMA_VERSION}; regenerate the report with this version`);
  }
  const parsed = reportSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw usageError(`${path}: not a breachmap JSON report: field ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
  }
  return { source: path, report: parsed.data };
}

export function registerMergeCommand(program: Command, io: MergeIo, setExitCode: (code: number) => void): void {
  program
    .command('merge')
    .description('join JSON reports of shards (scan --org --shard I/N) or of single accounts into one organization report')
    .argument('<reports...>', 'JSON reports written with --format json')
    .addOption(new Option('-f, --format <format>', 'format of the merged report').choices(REPORT_FORMATS).default('json'))
    .option('-o, --output <file>', 'write the merged report to a file (atomically) instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a failing result is at or above this severity').choices(FAIL_ON_LEVELS).default('none'))
    .option('--fail-on-unknown', 'exit 1 when any check could not be evaluated or any account could not be scanned')
    .option('--show-passed', 'also list passing results in the text report')
    .option('--no-color', 'never use colours')
    .option('-q, --quiet', 'no confirmation on stderr')
    .action(async (paths: string[], flags: MergeFlags) => {
      if (flags.output !== undefined) {
        await checkOutputTargets([{ label: '--output', path: flags.output }], process.cwd());
        for (const path of paths) await refuseOverwritingInput({ label: 'merge', path }, [{ label: '--output', path: flags.output }], process.cwd());
      }
      const inputs = await Promise.all(paths.map(readShardReport));
      let joined: Report;
      try {
        joined = mergeReports(inputs);
      } catch (error) {
        if (error instanceof MergeError) throw usageError(error.message);
        throw error;
      }
      // The shards' suppressions and baselines are already on their results; only the gate is new.
      const merged = finalizeReport(joined, { gate: { failOn: flags.failOn, failOnUnknown: flags.failOnUnknown === true } });
      const color = wantsColor(flags, io);
      const text = renderReport(merged, flags.format, flags.showPassed === true ? { color, showPassed: true } : { color });
      if (flags.output === undefined || flags.output === '-') io.stdout(text);
      else {
        await writeFileAtomic(flags.output, text);
        const accounts = merged.organization?.summary.accounts ?? 0;
        if (flags.quiet !== true) io.stderr(`breachmap: merged ${inputs.length} reports (${accounts} account${accounts === 1 ? '' : 's'}) into the ${flags.format} report ${flags.output}\n`);
      }
      setExitCode(finishCi(merged, io));
    });
}
