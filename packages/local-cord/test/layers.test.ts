// Local Cord's layers import one way: protocol at the bottom; store and the browser SDK
// above it, never importing each other; the server above the store; the command line and
// the test kit on top. This reads every import under src/ and fails on a wrong arrow or a
// circle, naming the files.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/** What each layer may import, besides itself. */
const ALLOWED: Record<string, readonly string[]> = {
  protocol: [],
  store: ['protocol'],
  sdk: ['protocol'],
  inspector: ['protocol'],
  server: ['protocol', 'store'],
  testing: ['protocol', 'store', 'server', 'sdk'],
  cli: ['protocol', 'store', 'server'],
};

function layerOf(file: string): string {
  const [top] = relative(SRC, file).split('/');
  if (top === undefined) throw new Error(`not under src: ${file}`);
  return top.endsWith('.ts') ? 'cli' : top;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** `import ... from 'x'`, `export ... from 'x'`, `import 'x'` and `import('x')`. */
const IMPORT = /(?:^|\n)\s*(?:import|export)\s(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every file's relative imports, resolved to files. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const specifiers = [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((match) => match[1] ?? match[2] ?? '');
    graph.set(
      file,
      specifiers.filter((spec) => spec.startsWith('.')).map((spec) => resolve(dirname(file), spec)),
    );
  }
  return graph;
}

function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (file: string): string[] | undefined => {
    if (state.get(file) === 'done') return undefined;
    if (state.get(file) === 'visiting') return [...path.slice(path.indexOf(file)), file];
    state.set(file, 'visiting');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

describe("local Cord's layers", () => {
  const graph = importGraph();
  const name = (file: string) => relative(SRC, file);

  it('finds the source files and their imports', () => {
    expect(graph.size).toBeGreaterThan(40);
    expect(graph.get(join(SRC, 'server/localCordServer.ts'))).toContain(join(SRC, 'store/store.ts'));
  });

  it('import one way: every arrow points to the same layer or one it may use', () => {
    const wrong = [...graph].flatMap(([file, imports]) =>
      imports
        .filter((target) => layerOf(target) !== layerOf(file) && !ALLOWED[layerOf(file)]?.includes(layerOf(target)))
        .map((target) => `${name(file)} -> ${name(target)}`),
    );
    expect(wrong).toEqual([]);
  });

  it('have no circle of imports', () => {
    expect(findCycle(graph)?.map(name)).toBeUndefined();
  });

  it('would catch the server importing the SDK, and a circle', () => {
    const broken = new Map(graph);
    const server = join(SRC, 'server/localCordServer.ts');
    const sdk = join(SRC, 'sdk/runtime.ts');
    broken.set(server, [...(graph.get(server) ?? []), sdk]);
    expect(ALLOWED[layerOf(server)]).not.toContain(layerOf(sdk));
    broken.set(sdk, [...(graph.get(sdk) ?? []), server]);
    expect(findCycle(broken)).toBeDefined();
  });
});
