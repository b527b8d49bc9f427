/**
 * `--checks` and `--skip-checks`: which checks run, named by check id or by root-cause class. The
 * selection also decides which collectors run (only the slices the selected checks need) and what
 * `breachmap permissions` prints. Pure: no process, no I/O.
 */
import type { AnyCheck } from '../checks/define.js';
import { slicesWithReach } from '../engine/credential-reach.js';
import type { SliceName } from '../inventory/schema.js';
import { FRAMEWORKS, ROOT_CAUSES, type Framework, type RootCause } from '../model.js';
import { suggest as closest } from '../teach/suggest.js';
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

/** The closest known name when the token is plausibly a typo of it ("did you mean"), else undefined. */
export function suggest(token: string, known: readonly string[]): string | undefined {
  return closest(token, known)[0];
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

/**
 * The inventory slices the selected checks read, plus the slices reach reads when a selected check
 * reports reach (src/engine/credential-reach.ts): exactly the collectors a scan runs.
 */
export function slicesFor(checks: readonly AnyCheck[]): SliceName[] {
  return slicesWithReach(checks);
}
