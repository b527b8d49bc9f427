import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, chmod, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError, EXIT } from './errors.js';

export interface WriteOptions {
  /**
   * Owner-only (0600) whatever the umask: for snapshots (`collect`), which hold the account's
   * whole inventory. Reports are written like any other file the user creates (0666 less the
   * umask, so 0644 by default) so that a CI job or a teammate can read them.
   */
  ownerOnly?: boolean;
}

/**
 * Writes a file so that readers only ever see the old or the whole new content: a temp file in the
 * same directory, then a rename.
 */
export async function writeFileAtomic(path: string, content: string, options: WriteOptions = {}): Promise<void> {
  const target = resolve(path);
  const temp = join(dirname(target), `.${basename(target)}.breachmap-tmp-${randomBytes(6).toString('hex')}`);
  try {
    // wx: never follow a planted symlink or reuse a file; the mode is set at creation, before any byte.
    await writeFile(temp, content, { mode: options.ownerOnly === true ? 0o600 : 0o666, flag: 'wx' });
    // The creation mode passes through the umask; owner-only must hold even under umask 000.
    if (options.ownerOnly === true) await chmod(temp, 0o600);
    // On disk before the rename, so a crash leaves the old file or the whole new one.
    const handle = await open(temp, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Whether two paths name the same file: same inode when both exist (symlinks, `./x` vs `x`), else the same absolute path. */
async function sameFile(a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true;
  try {
    const [first, second] = await Promise.all([stat(a), stat(b)]);
    return first.dev === second.dev && first.ino === second.ino;
  } catch {
    return false;
  }
}

export interface OutputTarget {
  /** The flag that names it, for the message: `--output`, `--report json`. */
  label: string;
  path: string;
}

/**
 * Refuses a run that would replace the snapshot it reads (`scan --from x.json --output x.json`):
 * the atomic rename would destroy the only copy of the input.
 */
export async function refuseOverwritingInput(input: { label: string; path: string }, outputs: readonly OutputTarget[], cwd: string): Promise<void> {
  const inputPath = resolve(cwd, input.path);
  for (const output of outputs) {
    if (await sameFile(inputPath, resolve(cwd, output.path))) {
      throw new CliError(`${output.label} ${output.path} is the file ${input.label} reads; write the report to another file.`, EXIT.usage);
    }
  }
}

/**
 * Checks every output path before any AWS call, so a typo in `--output` never costs a whole scan:
 * the path must not be a directory, and its directory must exist and be writable.
 */
export async function checkOutputTargets(outputs: readonly OutputTarget[], cwd: string): Promise<void> {
  for (const output of outputs) {
    if (output.path === '-') continue;
    const target = resolve(cwd, output.path);
    const existing = await stat(target).catch(() => undefined);
    if (existing?.isDirectory() === true) {
      throw new CliError(`${output.label} ${output.path} is a directory; name a file in it (e.g. ${join(output.path, 'breachmap-report')}).`, EXIT.usage);
    }
    const directory = dirname(target);
    const parent = await stat(directory).catch(() => undefined);
    if (parent === undefined) throw new CliError(`${output.label} ${output.path}: the directory ${directory} does not exist; create it first.`, EXIT.usage);
    if (!parent.isDirectory()) throw new CliError(`${output.label} ${output.path}: ${directory} is not a directory.`, EXIT.usage);
    try {
      await access(directory, constants.W_OK);
    } catch {
      throw new CliError(`${output.label} ${output.path}: cannot write to the directory ${directory} (permission denied).`, EXIT.usage);
    }
  }
}
