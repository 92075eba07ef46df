/**
 * A quick in-process CPU profile (V8 sampling profiler through node:inspector), summarised as the share
 * of samples whose stack includes each function (inclusive) and the share spent in each function itself.
 * Native work (SQLite, fsync) shows up under the JS function that called into it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { SourceMap, type SourceMapping, type SourceMapPayload } from 'node:module';
import path from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

export interface ProfileEntry {
  fn: string;
  pct: number;
}

export interface ProfileSummary {
  samples: number;
  inclusive: ProfileEntry[];
  self: ProfileEntry[];
}

/** Source maps of bundled files (a bundle's frames are named by the TypeScript they came from), by URL. */
const maps = new Map<string, SourceMap | null>();
function sourceMapOf(file: string): SourceMap | null {
  if (!maps.has(file)) {
    try {
      maps.set(file, new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMapPayload));
    } catch {
      maps.set(file, null);
    }
  }
  return maps.get(file)!;
}

const keyOf = (n: Node): string => {
  const f = n.callFrame;
  const name = f.functionName || '(anonymous)';
  if (!f.url) return name;
  let file = f.url.replace(/^file:\/\//, '');
  let line = f.lineNumber;
  const entry = file.includes('/node_modules/') ? null : (sourceMapOf(file)?.findEntry(f.lineNumber, f.columnNumber) as Partial<SourceMapping> | undefined);
  if (entry?.originalSource !== undefined && entry.originalLine !== undefined) {
    file = path.resolve(path.dirname(file), entry.originalSource.replace(/^file:\/\//, ''));
    line = entry.originalLine;
  }
  const short = file.includes('/node_modules/')
    ? file.slice(file.lastIndexOf('/node_modules/') + 14)
    : path.relative(process.cwd(), file);
  // tsx-compiled TypeScript reports line 0 (no source maps in the profile): name the file only.
  return line > 0 ? `${name} ${short}:${line + 1}` : `${name} ${short}`;
};

/** Left out of the lists (still counted in the total): the benchmark's own code and Node's internals. */
const DEFAULT_HIDE = /bench\/src\/| node:|^runMicrotasks$/;

/**
 * Starts the sampling profiler; the returned function stops it and summarises the top `top` entries of
 * each list, leaving out frames whose key matches `hide`. With `rawFile` it also writes the whole profile
 * there (a .cpuprofile for Chrome DevTools or speedscope).
 */
export async function startProfiling(top = 15, hide: RegExp = DEFAULT_HIDE, rawFile?: string): Promise<() => Promise<ProfileSummary>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return async () => {
    try {
      const { profile: p } = (await session.post('Profiler.stop')) as unknown as {
        profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] };
      };
      if (rawFile) writeFileSync(rawFile, JSON.stringify(p));
      return summarise(p, top, hide);
    } finally {
      await session.post('Profiler.disable').catch(() => {});
      session.disconnect();
    }
  };
}

/** Profiles `fn` (synchronous work); see {@link startProfiling}. */
export async function profile(fn: () => void, top = 15, hide?: RegExp, rawFile?: string): Promise<ProfileSummary> {
  const stop = await startProfiling(top, hide, rawFile);
  fn();
  return stop();
}

function summarise(p: { nodes: Node[]; samples: number[]; timeDeltas: number[] }, top: number, hide: RegExp): ProfileSummary {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map<string, number>();
  const self = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    const k = keyOf(byId.get(id)!);
    if (k === '(idle)') return; // shares are of busy time
    const stack: string[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) stack.push(keyOf(byId.get(cur)!));
    if (stack.some((f) => f.includes('node:inspector'))) return; // the profiler's own start and stop
    total += dt;
    self.set(k, (self.get(k) ?? 0) + dt);
    for (const key of new Set(stack)) incl.set(key, (incl.get(key) ?? 0) + dt);
  });
  const ranked = (m: Map<string, number>) =>
    [...m.entries()]
      .filter(([k]) => !k.startsWith('(root)') && !hide.test(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, t]) => ({ fn, pct: Math.round((t / total) * 1000) / 10 }));
  return { samples: Math.round(total / 100), inclusive: ranked(incl), self: ranked(self) };
}
