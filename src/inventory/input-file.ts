/**
 * Reading the files a user hands breachmap (`--from`, `--baseline`, `--suppressions`): `-` means
 * standard input, a size cap keeps a wrong file (a disk image, a log) from being read whole, and a
 * file of the wrong kind is named for what it is ("empty file", "binary data", "a breachmap report,
 * not a snapshot") before any validator jargon. Bytes from the file are never echoed.
 */
import { readFile, stat } from 'node:fs/promises';

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export interface InputSpec {
  /** The path as the user gave it; `-` reads standard input. */
  path: string;
  /** What the file should be, for messages: "snapshot", "baseline report", "suppressions file". */
  kind: string;
  maxBytes: number;
  /** An empty file is a valid input (an empty suppressions file suppresses nothing). */
  allowEmpty?: boolean;
  /** Where `-` reads from (process.stdin by default; tests pass their own). */
  stdin?: AsyncIterable<Buffer | string>;
}

/** The name a message uses for the input: the path, or "standard input" for `-`. */
export function inputName(path: string): string {
  return path === '-' ? '(standard input)' : path;
}

export async function readInputText(spec: InputSpec): Promise<string> {
  const name = inputName(spec.path);
  const tooLarge = (size: number) =>
    new InputError(`${name}: ${size} bytes is over the ${spec.maxBytes / 1024 / 1024} MiB limit for a ${spec.kind}; is this the right file?`);
  let bytes: Buffer;
  if (spec.path === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    const source: AsyncIterable<Buffer | string> = spec.stdin ?? (process.stdin as AsyncIterable<Buffer | string>);
    for await (const chunk of source) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > spec.maxBytes) throw tooLarge(size);
      chunks.push(buffer);
    }
    bytes = Buffer.concat(chunks);
  } else {
    try {
      const info = await stat(spec.path);
      if (info.isDirectory()) throw new InputError(`${name}: is a directory, not a ${spec.kind}`);
      if (info.size > spec.maxBytes) throw tooLarge(info.size);
      bytes = await readFile(spec.path);
    } catch (error) {
      if (error instanceof InputError) throw error;
      const code = (error as { code?: string }).code;
      throw new InputError(`${name}: cannot read the ${spec.kind} (${code === 'ENOENT' ? 'no such file' : (code ?? String(error))})`);
    }
  }
  if (spec.allowEmpty !== true && (bytes.length === 0 || bytes.toString('utf8').trim() === '')) throw new InputError(`${name}: empty file; expected a ${spec.kind}`);
  if (looksBinary(bytes)) throw new InputError(`${name}: not text (binary data); expected a ${spec.kind}`);
  return bytes.toString('utf8');
}

/**
 * NUL bytes, or many control characters or invalid UTF-8 sequences in the first 8 KiB: what `file`
 * and git call binary. JSON and YAML never contain raw control characters other than whitespace.
 */
function looksBinary(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return true;
  let odd = 0;
  for (const byte of head) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) odd += 1;
  const replacements = (head.toString('utf8').match(/\uFFFD/g) ?? []).length;
  return (odd + replacements) / head.length > 0.05;
}

/** Parses JSON, or says in one line that the text is not JSON (the parser's position, no file bytes). */
export function parseJsonInput(text: string, path: string, kind: string): unknown {
  if (text.trim() === '') throw new InputError(`${inputName(path)}: empty file; expected a ${kind}`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const position = error instanceof Error ? /position \d+(?: \(line \d+ column \d+\))?/.exec(error.message)?.[0] : undefined;
    throw new InputError(`${inputName(path)}: not JSON${position === undefined ? '' : ` (error at ${position})`}; expected a ${kind}`);
  }
}

/** What a parsed JSON document is, when it is one of breachmap's own. */
export function breachmapFileKind(value: unknown): 'snapshot' | 'report' | 'other' {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'other';
  if ('slices' in value && 'collectedAt' in value) return 'snapshot';
  if ('results' in value) return 'report';
  return 'other';
}
