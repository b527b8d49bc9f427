/**
 * The suppressions file (`.breachmap.yml` or `--suppressions FILE`): accepted risks, each with a
 * reason and an expiry. Parsing is strict and every error names the file, the line and the field,
 * because a typo in an accepted-risk list must never silently widen what is accepted.
 */
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { z } from 'zod';
import { InputError } from '../inventory/input-file.js';
import { didYouMean } from '../teach/suggest.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const entrySchema = z
  .object({
    check: z.string().min(1, 'a check id is required'),
    resource: z.string().min(1, 'an ARN or a glob is required'),
    reason: z.string().trim().min(1, 'a reason is required: say why this risk is accepted'),
    expires: z
      .string({ error: 'expected a date as YYYY-MM-DD (quote it if your YAML tooling turns it into a timestamp)' })
      .regex(DATE, 'expected a date as YYYY-MM-DD')
      .refine(isRealDate, 'not a calendar date'),
    owner: z.string().min(1).optional(),
  })
  .strict();

const fileSchema = z.object({ suppressions: z.array(entrySchema) }).strict();

export interface Suppression {
  check: string;
  /** An exact ARN, or a glob where `*` matches any run of characters and `?` exactly one. */
  resource: string;
  reason: string;
  /** YYYY-MM-DD: the first day on which the entry no longer suppresses. */
  expires: string;
  owner?: string;
  /** 1-based line of the entry in the file. */
  line: number;
}

export interface SuppressionFile {
  /** The path as the user gave it (or `.breachmap.yml`), used in messages and in the report. */
  file: string;
  entries: Suppression[];
}

export interface ParseOptions {
  /** Check ids that exist; an entry naming another id is an error (a typo would suppress nothing). */
  knownChecks: ReadonlySet<string>;
}

export function parseSuppressions(text: string, file: string, options: ParseOptions): SuppressionFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number | undefined): number => (offset === undefined ? 1 : lineCounter.linePos(offset).line);

  const yamlError = doc.errors[0];
  if (yamlError !== undefined) {
    throw new InputError(`${file}:${lineOf(yamlError.pos[0])}: not valid YAML (${firstLine(yamlError.message)})`);
  }
  const raw: unknown = doc.toJS();
  if (raw === null || raw === undefined) return { file, entries: [] };
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path ?? [];
    const field = path.length === 0 ? '(top level)' : path.map(String).join('.');
    throw new InputError(`${file}:${lineOf(offsetOf(doc, path))}: field ${field}: ${issue?.message ?? 'invalid content'}`);
  }

  const entries: Suppression[] = [];
  const seen = new Map<string, number>();
  parsed.data.suppressions.forEach((entry, index) => {
    const line = lineOf(offsetOf(doc, ['suppressions', index]));
    if (!options.knownChecks.has(entry.check)) {
      const hint = didYouMean(entry.check, [...options.knownChecks], "See 'breachmap checks'.");
      throw new InputError(`${file}:${lineOf(offsetOf(doc, ['suppressions', index, 'check']))}: field suppressions.${index}.check: unknown check id '${entry.check}'. ${hint}`);
    }
    const key = `${entry.check}\n${entry.resource}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new InputError(`${file}:${line}: field suppressions.${index}: duplicates the entry on line ${earlier} (same check and resource)`);
    }
    seen.set(key, line);
    const suppression: Suppression = { check: entry.check, resource: entry.resource, reason: entry.reason.trim(), expires: entry.expires, line };
    if (entry.owner !== undefined) suppression.owner = entry.owner;
    entries.push(suppression);
  });
  return { file, entries };
}

/** The source offset of the node at `path`, or of its closest existing ancestor (for a missing field). */
function offsetOf(doc: Document, path: readonly PropertyKey[]): number | undefined {
  for (let length = path.length; length >= 0; length -= 1) {
    const node: unknown = length === 0 ? doc.contents : doc.getIn(path.slice(0, length) as unknown[], true);
    if (isNode(node) && node.range !== undefined && node.range !== null) return node.range[0];
  }
  return undefined;
}

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).slice(0, 200);
}
