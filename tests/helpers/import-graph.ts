/**
 * The import graph of src/: which module imports which, and the cycles in it. `runtimeImports`
 * keeps only what survives compilation (a runtime cycle makes load order decide what is undefined at
 * import time); `importGraph` can include type-only imports too, as `madge --circular` does, since a
 * type cycle still ties two layers together. Dynamic imports load lazily by design and are ignored.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export type ImportGraph = ReadonlyMap<string, readonly string[]>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Relative imports that survive compilation: not `import type`, not `import { type A, type B }`. */
export function runtimeImports(source: string): string[] {
  const specifiers: string[] = [];
  for (const match of source.matchAll(/^(import|export)\s+(type\s+)?([^;]*?)\s+from\s+'(\.[^']+)'/gms)) {
    const [, keyword, typeOnly, clause = '', specifier = ''] = match;
    if (typeOnly !== undefined) continue;
    const named = /^\{([^}]*)\}$/s.exec(clause.trim());
    if (keyword === 'import' && named !== null && named[1] !== undefined && named[1].split(',').every((part) => part.trim() === '' || part.trim().startsWith('type '))) continue;
    specifiers.push(specifier);
  }
  return specifiers;
}

/** Every relative static import or re-export, type-only ones included. */
export function allImports(source: string): string[] {
  return [...source.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'(\.[^']+)'/gms)].map((match) => match[1] ?? '');
}

export function importGraph(root: string, options: { typeImports: boolean } = { typeImports: true }): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const source = readFileSync(file, 'utf8');
    const specifiers = options.typeImports ? allImports(source) : runtimeImports(source);
    const deps = specifiers.map((specifier) => relative(root, resolve(dirname(file), specifier)).replace(/\.js$/, '.ts'));
    graph.set(relative(root, file), deps);
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as the path that closes it (a → b → a). */
export function findCycles(graph: ImportGraph): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const dep of graph.get(node) ?? []) {
      if (state.get(dep) === 'open') cycles.push([...stack.slice(stack.indexOf(dep)), dep]);
      else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}
