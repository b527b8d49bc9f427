import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, inputName, readInputText } from '../inventory/input-file.js';
import { parseSuppressions, type ParseOptions, type SuppressionFile } from './file.js';

export const DEFAULT_SUPPRESSIONS_FILE = '.breachmap.yml';

/** A hand-written list of accepted risks is kilobytes; a cap keeps a wrong file from being parsed as YAML. */
export const MAX_SUPPRESSIONS_BYTES = 1024 * 1024;

/**
 * Reads `--suppressions FILE` (which must exist), or `.breachmap.yml` in `cwd` when present.
 * Returns undefined when no file was named and none is there.
 */
export async function loadSuppressions(explicit: string | undefined, cwd: string, options: ParseOptions, stdin?: AsyncIterable<Buffer | string>): Promise<SuppressionFile | undefined> {
  const file = explicit ?? DEFAULT_SUPPRESSIONS_FILE;
  const path = explicit ?? join(cwd, DEFAULT_SUPPRESSIONS_FILE);
  if (explicit === undefined) {
    try {
      await access(path);
    } catch {
      return undefined;
    }
  }
  const text = await readInputText({ path, kind: 'suppressions file (YAML)', maxBytes: MAX_SUPPRESSIONS_BYTES, allowEmpty: true, ...(stdin === undefined ? {} : { stdin }) }).catch((error: unknown) => {
    // Messages name the file as the user wrote it (or .breachmap.yml), not the joined path.
    if (error instanceof InputError && explicit === undefined) throw new InputError(error.message.replace(path, file));
    throw error;
  });
  return parseSuppressions(text, inputName(file), options);
}
