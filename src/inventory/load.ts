/**
 * Reading a snapshot written by `breachmap collect`. Every way it can be wrong gets a one-line
 * message naming the file and the field, never a stack trace.
 */
import type { z } from 'zod';
import { breachmapFileKind, InputError, inputName, parseJsonInput, readInputText } from './input-file.js';
import { INVENTORY_SCHEMA_VERSION, inventorySchema, type Inventory } from './schema.js';

export { InputError } from './input-file.js';

/**
 * Snapshots of large accounts are tens of MB. The cap keeps a wrong file (a disk image, a log) from
 * being read into memory whole; 256 MiB leaves ample room below V8's string limit.
 */
export const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

const SNAPSHOT = "snapshot written by 'breachmap collect'";

/** Reads `--from PATH` (`-`: standard input). */
export async function loadInventory(path: string, stdin?: AsyncIterable<Buffer | string>): Promise<Inventory> {
  const text = await readInputText({ path, kind: SNAPSHOT, maxBytes: MAX_SNAPSHOT_BYTES, ...(stdin === undefined ? {} : { stdin }) });
  return parseInventory(text, path);
}

export function parseInventory(text: string, path: string): Inventory {
  const name = inputName(path);
  const raw = parseJsonInput(text, path, SNAPSHOT);
  const kind = breachmapFileKind(raw);
  if (kind === 'report') throw new InputError(`${name}: this is a breachmap report, not a snapshot from 'breachmap collect' (scan --from reads snapshots; pass a report to --baseline or merge)`);
  if (typeof raw === 'object' && raw !== null && 'schemaVersion' in raw && raw.schemaVersion !== INVENTORY_SCHEMA_VERSION) {
    throw new InputError(
      `${name}: field schemaVersion: this breachmap reads snapshot schema version ${INVENTORY_SCHEMA_VERSION}, the file has ${JSON.stringify(raw.schemaVersion)}`,
    );
  }
  if (kind === 'other') throw new InputError(`${name}: not a breachmap snapshot (expected schemaVersion ${INVENTORY_SCHEMA_VERSION} and slices, as written by 'breachmap collect')`);
  const parsed = inventorySchema.safeParse(raw);
  if (!parsed.success) throw new InputError(`${name}: ${describeIssue(parsed.error)}`);
  return parsed.data;
}

export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid content';
  const field = issue.path.length === 0 ? '(top level)' : issue.path.map(String).join('.');
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  return `field ${field}: ${issue.message}${more}`;
}
