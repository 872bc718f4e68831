import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/paths';

/**
 * The house's floors, checked on the source: no module imports itself back through others, and the stages above
 * the engines (extraction, input, layout, tables, output) reach the engines only through what the pipeline hands
 * them (`Document.reread`, `Document.crop`), never by importing them.
 */
const SRC = path.join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [file] : [];
  });
}

/** Each module's relative imports, resolved to files. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(SRC)) {
    const deps: string[] = [];
    for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
      const target = path.normalize(path.join(path.dirname(file), m[1]));
      const resolved = [`${target}.ts`, path.join(target, 'index.ts')].find((f) => existsSync(f));
      if (resolved) deps.push(resolved);
    }
    graph.set(file, deps);
  }
  return graph;
}

/** Strongly connected components of more than one module (Tarjan): import circles. */
function circles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>(),
    low = new Map<string, number>(),
    stack: string[] = [],
    onStack = new Set<string>();
  const out: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(path.relative(SRC, w));
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe('the source tree keeps its floors', () => {
  const graph = importGraph();

  test('no import circles', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(circles(graph)).toEqual([]);
  });

  test('extraction, input, layout, tables and output do not import the engines', () => {
    const above = ['extract', 'input', 'layout', 'tables', 'output'].map((d) => path.join(SRC, d) + path.sep);
    const engines = path.join(SRC, 'engines') + path.sep;
    const reaching = [...graph.entries()]
      .filter(([file]) => above.some((d) => file.startsWith(d)))
      .flatMap(([file, deps]) => deps.filter((d) => d.startsWith(engines)).map((d) => `${path.relative(SRC, file)} → ${path.relative(SRC, d)}`));
    expect(reaching).toEqual([]);
  });

  test('no stage calls up into the conductor: recognize.ts and pipeline.ts are imported only by the use cases and the API', () => {
    const conductor = ['recognize.ts', 'pipeline.ts'].map((f) => path.join(SRC, f));
    const allowed = ['index.ts', 'recognize.ts', 'pipeline.ts', 'localFirst.ts', 'searchablePdf.ts', 'cli.ts'].map((f) => path.join(SRC, f));
    const calling = [...graph.entries()]
      .filter(([file, deps]) => !allowed.includes(file) && deps.some((d) => conductor.includes(d)))
      .map(([file]) => path.relative(SRC, file));
    expect(calling).toEqual([]);
  });
});
