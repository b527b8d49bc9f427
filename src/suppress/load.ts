import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../inventory/load.js';
import { parseSuppressions, type ParseOptions, type SuppressionFile } from './file.js';

export const DEFAULT_SUPPRESSIONS_FILE = '.breachmap.yml';

/** A hand-written list of accepted risks is kilobytes; a cap keeps a wrong file from being parsed as YAML. */
export const MAX_SUPPRESSIONS_BYTES = 1024 * 1024;

/**
 * Reads `--suppressions FILE` (which must exist), or `.breachmap.yml` in `cwd` when present.
 * Returns undefined when no file was named and none is there.
 */
export async function loadSuppressions(explicit: string | undefined, cwd: string, options: ParseOptions): Promise<SuppressionFile | undefined> {
  const file = explicit ?? DEFAULT_SUPPRESSIONS_FILE;
  const path = explicit ?? join(cwd, DEFAULT_SUPPRESSIONS_FILE);
  let text: string;
  try {
    const info = await stat(path);
    if (info.size > MAX_SUPPRESSIONS_BYTES) {
      throw new InputError(`${file}: ${info.size} bytes is over the ${MAX_SUPPRESSIONS_BYTES / 1024 / 1024} MiB limit for suppressions files`);
    }
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as { code?: string }).code;
    if (explicit === undefined && code === 'ENOENT') return undefined;
    throw new InputError(`${file}: cannot read the suppressions file (${code ?? String(error)})`);
  }
  return parseSuppressions(text, file, options);
}
