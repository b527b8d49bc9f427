import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError, EXIT } from './errors.js';

/**
 * Writes a file so that readers only ever see the old or the whole new content: a temp file in the
 * same directory, then a rename. Reports describe an account's weak spots, so they are owner-only.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const target = resolve(path);
  const temp = join(dirname(target), `.${basename(target)}.breachmap-tmp-${randomBytes(6).toString('hex')}`);
  try {
    // wx: never follow a planted symlink or reuse a file; 0600 from creation, before any byte.
    await writeFile(temp, content, { mode: 0o600, flag: 'wx' });
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
