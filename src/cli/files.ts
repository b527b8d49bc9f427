import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Writes a file so that readers only ever see the old or the whole new content: a temp file in the
 * same directory, then a rename. Reports describe an account's weak spots, so they are owner-only.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const target = resolve(path);
  const temp = join(dirname(target), `.${basename(target)}.breachmap-tmp-${randomBytes(6).toString('hex')}`);
  try {
    await writeFile(temp, content, { mode: 0o600, flag: 'wx' });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
