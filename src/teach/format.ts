/** Small layout helpers shared by the teaching outputs (incidents, explain). Pure. */
import { sanitizeForTerminal, sanitizeInline } from '../report/sanitize.js';

export const TEXT_WIDTH = 100;

/** Word-wraps one paragraph to `width` columns, every line prefixed with `indent`. */
export function wrap(text: string, indent: string, width: number = TEXT_WIDTH): string[] {
  const words = sanitizeInline(text).split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

/** Like wrap, but the first line carries a label (e.g. a list marker) and the rest hang under it. */
export function hanging(label: string, text: string, indent: string, width: number = TEXT_WIDTH): string[] {
  const hang = ' '.repeat(label.length);
  const body = wrap(text, indent + hang, width);
  return body.map((line, i) => (i === 0 ? indent + label + line.slice(indent.length + hang.length) : line));
}

/** A multi-line code block for the terminal: every line indented, control characters made visible. */
export function codeLines(code: string, indent: string): string[] {
  return sanitizeForTerminal(code)
    .split('\n')
    .map((line) => (line === '' ? '' : indent + line));
}

/** Escapes Markdown inline syntax so catalog text renders as written (and never as HTML). */
export function mdText(text: string): string {
  return sanitizeInline(text)
    .replace(/\\/g, '\\\\')
    .replace(/([`*_[\]<>|#])/g, '\\$1');
}

/** A fenced code block whose fence is longer than any backtick run inside it. */
export function mdFence(code: string, language: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${sanitizeForTerminal(code)}\n${fence}`;
}

/** A Markdown link only for http(s) URLs; anything else is shown as text. */
export function mdLink(title: string, url: string): string {
  if (!/^https?:\/\//i.test(url)) return `${mdText(title)} (${mdText(url)})`;
  return `[${mdText(title)}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)`;
}
