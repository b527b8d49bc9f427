/**
 * "Did you mean …" for mistyped check and incident ids. Incident ids end in a date the user rarely
 * remembers, so a typed prefix or fragment of an id counts as a match as well as a small edit
 * distance does.
 */

/** Levenshtein distance (insertions, deletions, substitutions), two rows of memory. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

export const MAX_SUGGESTIONS = 3;

/** The known ids closest to `input`, best first; empty when nothing is plausibly meant. */
export function suggest(input: string, known: readonly string[]): string[] {
  const wanted = input.trim().toLowerCase();
  if (wanted === '') return [];
  const tolerance = Math.max(2, Math.floor(wanted.length / 3));
  const scored: { id: string; score: number }[] = [];
  for (const id of known) {
    const distance = editDistance(wanted, id);
    // Compare with the id cut to the input's length too, so "capitol-one" finds capital-one-2019-04.
    const prefixDistance = editDistance(wanted, id.slice(0, wanted.length));
    if (wanted.length >= 3 && id.includes(wanted)) scored.push({ id, score: id.startsWith(wanted) ? 0 : 0.5 });
    else if (distance <= tolerance) scored.push({ id, score: distance });
    else if (wanted.length >= 4 && prefixDistance <= Math.max(1, Math.floor(wanted.length / 4))) scored.push({ id, score: prefixDistance + 0.75 });
  }
  scored.sort((a, b) => a.score - b.score || a.id.localeCompare(b.id));
  return scored.slice(0, MAX_SUGGESTIONS).map((s) => s.id);
}

/** One line for an error message: "Did you mean a, b or c?" or a pointer to the listings. */
export function didYouMean(input: string, known: readonly string[], listHint: string): string {
  const candidates = suggest(input, known);
  if (candidates.length === 0) return listHint;
  const quoted = candidates.map((c) => `'${c}'`);
  const last = quoted.pop() ?? '';
  return `Did you mean ${quoted.length === 0 ? last : `${quoted.join(', ')} or ${last}`}? ${listHint}`;
}
