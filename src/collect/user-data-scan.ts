/**
 * Finds secret-looking values in EC2 user data and keeps only where they are: the kind of secret
 * and its line number. The decoded user data and the matched values never leave this module —
 * the inventory stores match metadata only (see DESIGN.md: the snapshot never holds a secret).
 *
 * User data arrives base64-encoded; after decoding it may be gzip-compressed (cloud-init accepts
 * that to fit the 16 KB limit) and may be a MIME multipart document whose parts are themselves
 * base64 or gzip. Each is unwrapped before scanning.
 */
import { gunzipSync } from 'node:zlib';
import type { UserDataScan, UserDataSecretKind, UserDataSecretMatch } from '../inventory/schema.js';

/** Decompressed user data beyond this is not scanned; real user data is at most 16 KB before compression. */
const MAX_DECOMPRESSED_BYTES = 4 * 1024 * 1024;

export class UndecodableUserDataError extends Error {
  constructor(reason: string) {
    super(`the user data could not be decoded for scanning (${reason})`);
    this.name = 'UndecodableUserData';
  }
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function gunzip(bytes: Uint8Array): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_DECOMPRESSED_BYTES });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // zlib's messages describe the stream, never its content, but keep only the code to be sure.
    throw new UndecodableUserDataError(`gzip: ${typeof code === 'string' ? code : 'invalid stream'}`);
  }
}

interface Document {
  /** 1-based MIME part number, or null for a single document. */
  part: number | null;
  text: string;
}

/** The boundary of a MIME multipart document, when the text starts with MIME headers. */
function multipartBoundary(text: string): string | null {
  const headerEnd = text.search(/\r?\n\r?\n/);
  if (headerEnd < 0) return null;
  const headers = text.slice(0, headerEnd);
  if (!/^(?:[A-Za-z-]+:.*(?:\r?\n[ \t].*)*\r?\n?)+$/.test(headers)) return null;
  const contentType = /^content-type:\s*multipart\/[a-z-]+((?:.*(?:\r?\n[ \t].*)*))/im.exec(headers);
  if (contentType === null) return null;
  const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(contentType[1] ?? '');
  return boundary?.[1] ?? boundary?.[2] ?? null;
}

function partDocument(raw: string, part: number): Document {
  const split = /\r?\n\r?\n/.exec(raw);
  const headers = split === null ? raw : raw.slice(0, split.index);
  const body = split === null ? '' : raw.slice(split.index + split[0].length);
  if (/^content-transfer-encoding:\s*base64\s*$/im.test(headers)) {
    const bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
    return { part, text: (isGzip(bytes) ? gunzip(bytes) : bytes).toString('utf8') };
  }
  return { part, text: body };
}

function splitMultipart(text: string, boundary: string): Document[] {
  const delimiter = `--${boundary}`;
  const sections = text.split(delimiter);
  const documents: Document[] = [];
  // sections[0] is the preamble with the top-level headers; a section starting with "--" is the epilogue.
  for (const section of sections.slice(1)) {
    if (section.startsWith('--')) break;
    documents.push(partDocument(section.replace(/^\r?\n/, ''), documents.length + 1));
  }
  return documents;
}

/** NUL and other C0 control characters (not tab, newline, carriage return, form feed) mark binary content. */
function hasControlCharacters(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c && code !== 0x0d) return true;
  }
  return false;
}

export interface DecodedUserData {
  encoding: UserDataScan['encoding'];
  decodedBytes: number;
  documents: Document[];
}

/** Base64 → bytes → (gunzip) → text → (MIME parts). Throws UndecodableUserDataError on broken input. */
export function decodeUserData(base64: string | undefined): DecodedUserData {
  if (base64 === undefined || base64.trim() === '') return { encoding: 'none', decodedBytes: 0, documents: [] };
  const raw = Buffer.from(base64.replace(/\s+/g, ''), 'base64');
  const gzipped = isGzip(raw);
  const bytes = gzipped ? gunzip(raw) : raw;
  const text = bytes.toString('utf8');
  const boundary = multipartBoundary(text);
  if (boundary !== null) return { encoding: 'mime-multipart', decodedBytes: bytes.length, documents: splitMultipart(text, boundary) };
  // Binary payloads (an archive, an image) are scanned too: a key id inside still counts.
  const binary = hasControlCharacters(text);
  return { encoding: gzipped ? 'gzip' : binary ? 'binary' : 'text', decodedBytes: bytes.length, documents: [{ part: null, text }] };
}

// ---------------------------------------------------------------- patterns

const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/;
const AWS_ACCESS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/;
/** A 40-character secret access key after a key-like name: `aws_secret_access_key = …`, `SecretAccessKey: …`, `set aws_secret_access_key …`. */
const AWS_SECRET_ACCESS_KEY =
  /(?:secret[_-]?access[_-]?key|aws[_-]?secret(?:[_-]?key)?|secret[_-]?key)["']?\s*(?:[:=]|\s)\s*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/i;

/** `NAME = value` / `NAME: value` / `--name value` where NAME contains the keyword. Groups: key, key (flag form), value. */
function assignment(keyword: string): RegExp {
  return new RegExp(
    `(?:([A-Za-z0-9_.-]*(?:${keyword})[A-Za-z0-9_.-]*)["']?\\s*[:=]|--([a-z-]*(?:${keyword})[a-z-]*)(?:=|\\s+))\\s*["']?([^\\s"',;]+)`,
    'gi',
  );
}

const PASSWORD = assignment('password|passwd|pwd');
const TOKEN = assignment('token|api[_-]?key|apikey');
const SECRET = assignment('secret');

/**
 * Names that point at a secret rather than hold one (`--secret-id`, `SECRET_ARN`, `token-ttl-seconds`,
 * `password_file`): fetching a secret from Secrets Manager is the fix, not the finding.
 */
const REFERENCE_NAME = /(?:id|ids|name|arn|path|file|url|uri|ttl|seconds|length|type|policy|manager|header|version)$/i;

/** Values that are references or switches, not secrets: `$VAR`, `${…}`, `$(…)`, backticks, templates, booleans, numbers. */
function isLiteralSecret(value: string): boolean {
  if (value.length < 4) return false;
  if (/^[$`{<%]/.test(value)) return false;
  if (/^\d+$/.test(value)) return false;
  return !/^(?:true|false|yes|no|null|none|nil|required|optional|undefined)$/i.test(value);
}

function hasLiteralAssignment(pattern: RegExp, line: string): boolean {
  for (const match of line.matchAll(pattern)) {
    const name = match[1] ?? match[2] ?? '';
    if (REFERENCE_NAME.test(name)) continue;
    if (isLiteralSecret(match[3] ?? '')) return true;
  }
  return false;
}

/** The kinds of secret on one line, strongest first; a line counts once per kind. */
export function secretKindsInLine(line: string): UserDataSecretKind[] {
  const kinds: UserDataSecretKind[] = [];
  if (PRIVATE_KEY.test(line)) kinds.push('private-key');
  if (AWS_ACCESS_KEY_ID.test(line)) kinds.push('aws-access-key-id');
  const awsSecret = AWS_SECRET_ACCESS_KEY.test(line);
  if (awsSecret) kinds.push('aws-secret-access-key');
  if (hasLiteralAssignment(PASSWORD, line)) kinds.push('password-assignment');
  if (hasLiteralAssignment(TOKEN, line)) kinds.push('token-assignment');
  // The AWS secret key line already says "secret"; do not count it twice.
  if (!awsSecret && hasLiteralAssignment(SECRET, line)) kinds.push('secret-assignment');
  return kinds;
}

export function scanDocuments(documents: readonly Document[]): UserDataSecretMatch[] {
  const matches: UserDataSecretMatch[] = [];
  for (const document of documents) {
    document.text.split(/\r?\n/).forEach((line, index) => {
      for (const kind of secretKindsInLine(line)) matches.push({ kind, line: index + 1, part: document.part });
    });
  }
  return matches;
}

/** Decodes and scans; the result holds no byte of the user data. */
export function scanUserData(base64: string | undefined): UserDataScan {
  const decoded = decodeUserData(base64);
  return { encoding: decoded.encoding, decodedBytes: decoded.decodedBytes, matches: scanDocuments(decoded.documents) };
}
