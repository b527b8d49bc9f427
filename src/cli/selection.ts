/**
 * `--checks` and `--skip-checks`: which checks run, named by check id or by root-cause class. The
 * selection also decides which collectors run (only the slices the selected checks need) and what
 * `breachmap permissions` prints. Pure: no process, no I/O.
 */
import type { AnyCheck } from '../checks/define.js';
import type { SliceName } from '../inventory/schema.js';
import { FRAMEWORKS, ROOT_CAUSES, type Framework, type RootCause } from '../model.js';
import { usageError } from './errors.js';

export interface SelectionFlags {
  checks?: string;
  skipChecks?: string;
  /** Only the checks mapped to this compliance framework (`cis-aws-5.0`, `aws-security-hub`, …). */
  framework?: string;
}

function isRootCause(token: string): token is RootCause {
  return (ROOT_CAUSES as readonly string[]).includes(token);
}

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The closest known name, when it is close enough to be a typo (or the token is part of exactly one name). */
export function suggest(token: string, known: readonly string[]): string | undefined {
  const containing = known.filter((name) => token.length >= 3 && name.includes(token));
  if (containing.length === 1) return containing[0];
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(token, name);
    if (best === undefined || distance < best.distance) best = { name, distance };
  }
  if (best === undefined) return undefined;
  return best.distance <= Math.max(2, Math.floor(token.length / 3)) ? best.name : undefined;
}

function parseList(flag: string, value: string, checks: readonly AnyCheck[]): Set<string> {
  const tokens = value
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token.length > 0);
  if (tokens.length === 0) throw usageError(`${flag} needs check ids or root-cause classes, separated by commas (see 'breachmap checks').`);
  const ids = checks.map((check) => check.id);
  for (const token of tokens) {
    if (ids.includes(token) || isRootCause(token)) continue;
    const hint = suggest(token, [...ids, ...ROOT_CAUSES]);
    throw usageError(
      `${flag}: '${token}' is neither a check id nor a root-cause class.${hint === undefined ? '' : ` Did you mean '${hint}'?`} Run 'breachmap checks' for the list.`,
    );
  }
  return new Set(tokens);
}

function matches(check: AnyCheck, tokens: ReadonlySet<string>): boolean {
  return tokens.has(check.id) || check.rootCauses.some((cause) => tokens.has(cause));
}

/**
 * The checks to run, in registry order: those named by `--checks` (all when absent), minus those
 * named by `--skip-checks`. Unknown names and an empty result are usage errors.
 */
export function selectChecks(all: readonly AnyCheck[], flags: SelectionFlags): readonly AnyCheck[] {
  const include = flags.checks === undefined ? null : parseList('--checks', flags.checks, all);
  const exclude = flags.skipChecks === undefined ? null : parseList('--skip-checks', flags.skipChecks, all);
  const framework = parseFramework(flags.framework);
  const selected = all.filter(
    (check) =>
      (include === null || matches(check, include)) &&
      (exclude === null || !matches(check, exclude)) &&
      (framework === undefined || (check.frameworks[framework] ?? []).length > 0),
  );
  if (selected.length === 0) throw usageError(`${framework === undefined ? '--checks/--skip-checks' : '--framework with --checks/--skip-checks'} leave no check to run.`);
  return selected;
}

/** `--framework ID`: one of FRAMEWORKS, with a did-you-mean for a typo. */
export function parseFramework(value: string | undefined): Framework | undefined {
  if (value === undefined) return undefined;
  const token = value.trim().toLowerCase();
  if ((FRAMEWORKS as readonly string[]).includes(token)) return token as Framework;
  const hint = suggest(token, FRAMEWORKS);
  throw usageError(`--framework: '${value}' is not a framework breachmap maps (${FRAMEWORKS.join(', ')}).${hint === undefined ? '' : ` Did you mean '${hint}'?`}`);
}

/** The inventory slices the selected checks read: exactly the collectors a scan runs. */
export function slicesFor(checks: readonly AnyCheck[]): SliceName[] {
  return [...new Set(checks.flatMap((check) => check.needs))];
}
