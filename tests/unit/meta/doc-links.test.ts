/**
 * Every relative link in the user and contributor documentation points at a file that exists and,
 * for `#anchor`, at a heading of that file (anchors as GitHub makes them), so moving a section
 * between pages cannot leave a dead link behind.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

const DOCUMENTS = [
  join(ROOT, 'README.md'),
  join(ROOT, 'CONTRIBUTING.md'),
  join(ROOT, 'bench', 'README.md'),
  ...markdownFiles(join(ROOT, 'docs')),
].filter((path) => existsSync(path));

/** Text outside fenced code blocks and inline code, where a `[x](y)` is a link. */
function prose(markdown: string): string[] {
  const lines: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (!fenced) lines.push(line.replace(/`[^`]*`/g, '``'));
  }
  return lines;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading === null) continue;
    const text = (heading[1] ?? '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const slug = text.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
    seen.set(slug, count + 1);
  }
  return anchors;
}

function relativeLinks(markdown: string): string[] {
  const targets: string[] = [];
  for (const line of prose(markdown)) {
    for (const match of line.matchAll(/\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)/g)) {
      const target = match[1] ?? '';
      if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) targets.push(target);
    }
  }
  return targets;
}

describe('documentation links', () => {
  it('finds the documents', () => {
    expect(DOCUMENTS.map((path) => relative(ROOT, path))).toEqual(expect.arrayContaining(['README.md', 'docs/scanning.md', 'docs/cli.md']));
  });

  it.each(DOCUMENTS.map((path) => [relative(ROOT, path), path]))('%s: every relative link and anchor resolves', (_name, path) => {
    const problems: string[] = [];
    for (const target of relativeLinks(readFileSync(path, 'utf8'))) {
      const [file = '', anchor] = target.split('#', 2);
      const resolved = file === '' ? path : join(dirname(path), decodeURIComponent(file));
      if (!existsSync(resolved)) {
        problems.push(`${target}: no such file`);
        continue;
      }
      if (anchor === undefined || anchor === '') continue;
      if (statSync(resolved).isDirectory() || !resolved.endsWith('.md')) {
        problems.push(`${target}: an anchor into something that is not a Markdown file`);
        continue;
      }
      if (!headingAnchors(readFileSync(resolved, 'utf8')).has(anchor)) problems.push(`${target}: no heading with that anchor in ${relative(ROOT, resolved)}`);
    }
    expect(problems).toEqual([]);
  });

  it('makes anchors as GitHub does', () => {
    const anchors = headingAnchors('# A `b` c\n## Suppressions: accepted risks with an expiry\n## What "public" means\n## A `b` c\n```\n# not a heading\n```\n');
    expect([...anchors]).toEqual(['a-b-c', 'suppressions-accepted-risks-with-an-expiry', 'what-public-means', 'a-b-c-1']);
  });
});
