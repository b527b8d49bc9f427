/**
 * Reading a snapshot written by `breachmap collect`. Every way it can be wrong gets a one-line
 * message naming the file and the field, never a stack trace.
 */
import { readFile, stat } from 'node:fs/promises';
import type { z } from 'zod';
import { INVENTORY_SCHEMA_VERSION, inventorySchema, type Inventory } from './schema.js';

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/**
 * Snapshots of large accounts are tens of MB. The cap keeps a wrong file (a disk image, a log) from
 * being read into memory whole; 256 MiB leaves ample room below V8's string limit.
 */
export const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

export async function loadInventory(path: string): Promise<Inventory> {
  let text: string;
  try {
    const info = await stat(path);
    if (info.size > MAX_SNAPSHOT_BYTES) throw new InputError(`${path}: ${info.size} bytes is over the ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MiB limit for snapshots; is this a snapshot written by 'breachmap collect'?`);
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as { code?: string }).code;
    throw new InputError(`${path}: cannot read the snapshot (${code ?? String(error)})`);
  }
  return parseInventory(text, path);
}

export function parseInventory(text: string, path: string): Inventory {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof raw === 'object' && raw !== null && 'schemaVersion' in raw && raw.schemaVersion !== INVENTORY_SCHEMA_VERSION) {
    throw new InputError(
      `${path}: field schemaVersion: this breachmap reads snapshot schema version ${INVENTORY_SCHEMA_VERSION}, the file has ${JSON.stringify(raw.schemaVersion)}`,
    );
  }
  const parsed = inventorySchema.safeParse(raw);
  if (!parsed.success) throw new InputError(`${path}: ${describeIssue(parsed.error)}`);
  return parsed.data;
}

export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid content';
  const field = issue.path.length === 0 ? '(top level)' : issue.path.map(String).join('.');
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  return `field ${field}: ${issue.message}${more}`;
}
