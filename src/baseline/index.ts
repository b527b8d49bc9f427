/**
 * Baselines: a previous JSON report, compared with this one by result fingerprint (a hash of check
 * id and resource identity, stable across runs, region order and tool versions). Each failing
 * result becomes `new` or `unchanged`; failures of the baseline that no longer fail are `resolved`.
 * A failure whose check is now `unknown` is neither: it is not proven fixed, and it shows as unknown.
 */
import { z } from 'zod';
import { breachmapFileKind, InputError, inputName, parseJsonInput, readInputText } from '../inventory/input-file.js';
import { describeIssue } from '../inventory/load.js';
import { severitySchema, statusSchema } from '../model.js';
import { REPORT_SCHEMA_VERSION, type ResolvedResult, type Report } from '../report/schema.js';

/**
 * Report schema versions a baseline may have. Versions 1, 2 and 3 differ only in how incident
 * matches are described; fingerprints are the same, so an older report still compares correctly.
 */
const BASELINE_SCHEMA_VERSIONS = [1, 2, REPORT_SCHEMA_VERSION] as const;

/** Only what a comparison needs, so a baseline written by another tool version of a compatible schema loads. */
const baselineSchema = z.object({
  schemaVersion: z.union(BASELINE_SCHEMA_VERSIONS.map((v) => z.literal(v))),
  collectedAt: z.string(),
  results: z.array(
    z.object({
      checkId: z.string(),
      status: statusSchema,
      severity: severitySchema,
      resource: z.string(),
      qualifier: z.string().optional(),
      fingerprint: z.string(),
    }),
  ),
});
export type Baseline = z.infer<typeof baselineSchema>;

/** A baseline report is the JSON report of a scan: the same cap as snapshots. */
const MAX_BASELINE_BYTES = 256 * 1024 * 1024;
const BASELINE = 'breachmap JSON report (--format json)';

/** Reads `--baseline PATH` (`-`: standard input). */
export async function loadBaseline(path: string, stdin?: AsyncIterable<Buffer | string>): Promise<Baseline> {
  const text = await readInputText({ path, kind: BASELINE, maxBytes: MAX_BASELINE_BYTES, ...(stdin === undefined ? {} : { stdin }) });
  return parseBaseline(text, path);
}

export function parseBaseline(text: string, path: string): Baseline {
  const name = inputName(path);
  const raw = parseJsonInput(text, path, BASELINE);
  const kind = breachmapFileKind(raw);
  if (kind === 'snapshot') throw new InputError(`${name}: this is a snapshot from 'breachmap collect', not a report; the baseline is a previous report written with --format json`);
  if (typeof raw === 'object' && raw !== null && 'schemaVersion' in raw && !(BASELINE_SCHEMA_VERSIONS as readonly unknown[]).includes(raw.schemaVersion)) {
    throw new InputError(
      `${name}: field schemaVersion: this breachmap compares against report schema versions ${BASELINE_SCHEMA_VERSIONS.join(', ')}, the baseline has ${JSON.stringify(raw.schemaVersion)}; regenerate the baseline with this version`,
    );
  }
  if (kind === 'other') throw new InputError(`${name}: not a breachmap JSON report (expected schemaVersion ${REPORT_SCHEMA_VERSION}, summary and results); pass a report written with --format json`);
  const parsed = baselineSchema.safeParse(raw);
  if (!parsed.success) throw new InputError(`${name}: not a breachmap JSON report: ${describeIssue(parsed.error)}`);
  return parsed.data;
}

export function applyBaseline(report: Report, baseline: Baseline): Report {
  const failedBefore = new Set(baseline.results.filter((r) => r.status === 'fail').map((r) => r.fingerprint));
  const failingNow = new Set(report.results.filter((r) => r.status === 'fail').map((r) => r.fingerprint));
  // A check that could not be evaluated (for one resource or the whole account) proves nothing fixed.
  const unknownNow = new Set(report.results.filter((r) => r.status === 'unknown').flatMap((r) => [r.fingerprint, r.checkId]));
  let added = 0;
  let unchanged = 0;
  const results = report.results.map((result) => {
    if (result.status !== 'fail') return result;
    const state = failedBefore.has(result.fingerprint) ? 'unchanged' : 'new';
    if (state === 'new') added += 1;
    else unchanged += 1;
    return { ...result, baseline: state } as const;
  });
  const resolved: ResolvedResult[] = baseline.results
    .filter((r) => r.status === 'fail' && !failingNow.has(r.fingerprint) && !unknownNow.has(r.fingerprint) && !unknownNow.has(r.checkId))
    .map((r) => {
      const out: ResolvedResult = { fingerprint: r.fingerprint, checkId: r.checkId, resource: r.resource, severity: r.severity };
      if (r.qualifier !== undefined) out.qualifier = r.qualifier;
      return out;
    });
  return { ...report, results, baseline: { collectedAt: baseline.collectedAt, new: added, unchanged, resolved } };
}
