/**
 * Values that come from the account (names, tags, descriptions, policy text) must never steer the
 * terminal: escape sequences, other control characters and bidi overrides are replaced by a
 * visible, inert escape before they reach a TTY or a log.
 */
// C0 controls except \n and \t, DEL, C1 controls, and the Unicode bidi embedding/override/isolate marks.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function sanitizeForTerminal(value: string): string {
  return value.replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Single-line variant: also makes newlines and tabs visible. */
export function sanitizeInline(value: string): string {
  return sanitizeForTerminal(value).replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

// DEL, C1 controls (U+009B is a one-byte CSI), bidi marks and the JS line separators: valid inside
// JSON strings, which is why JSON.stringify leaves them raw, but they act on a terminal or editor.
const JSON_RAW_UNSAFE = /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/**
 * Rewrites those characters in serialized JSON as `\uXXXX` escapes. They can only occur inside
 * strings (JSON's syntax is ASCII), so the document parses to exactly the same values.
 */
export function escapeJsonInvisibles(json: string): string {
  return json.replace(JSON_RAW_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
