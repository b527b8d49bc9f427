import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allImports, findCycles, importGraph, runtimeImports } from '../../helpers/import-graph.js';

describe('the import graph of src/', () => {
  const src = join(import.meta.dirname, '..', '..', '..', 'src');

  it('has no cycle, type-only imports included (as madge --circular sees it)', () => {
    expect(findCycles(importGraph(src)).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('has no runtime cycle', () => {
    expect(findCycles(importGraph(src, { typeImports: false })).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('is read by a finder that does report a cycle, and ignores type-only imports', () => {
    expect(findCycles(new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']]]))).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    expect(findCycles(new Map([['a.ts', ['b.ts']], ['b.ts', []]]))).toEqual([]);
    const source = [
      "import type { A } from './a.js';",
      "import { type B, type C } from './b.js';",
      "import { type D, e } from './d.js';",
      "import f from './f.js';",
      "export { g } from './g.js';",
      "import { readFile } from 'node:fs';",
    ].join('\n');
    expect(runtimeImports(source)).toEqual(['./d.js', './f.js', './g.js']);
    expect(allImports(source)).toEqual(['./a.js', './b.js', './d.js', './f.js', './g.js']);
  });
});
