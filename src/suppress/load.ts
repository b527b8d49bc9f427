import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../inventory/load.js';
import { parseSuppressions, type ParseOptions, type SuppressionFile } from './file.js';

export const DEFAULT_SUPPRESSIONS_FILE = '.breachmap.yml';

/**
 * Reads `--suppressions FILE` (which must exist), or `.breachmap.yml` in `cwd` when present.
 * Returns undefined when no file was named and none is there.
 */
export async function loadSuppressions(explicit: string | undefined, cwd: string, options: ParseOptions): Promise<SuppressionFile | undefined> {
  const file = explicit ?? DEFAULT_SUPPRESSIONS_FILE;
  let text: string;
  try {
    text = await readFile(explicit ?? join(cwd, DEFAULT_SUPPRESSIONS_FILE), 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (explicit === undefined && code === 'ENOENT') return undefined;
    throw new InputError(`${file}: cannot read the suppressions file (${code ?? String(error)})`);
  }
  return parseSuppressions(text, file, options);
}
