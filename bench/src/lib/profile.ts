/**
 * A quick in-process CPU profile (V8 sampling profiler through node:inspector), summarised as the share
 * of samples whose stack includes each function (inclusive) and the share spent in each function itself.
 * Native work (SQLite, fsync) shows up under the JS function that called into it.
 */
import { Session } from 'node:inspector/promises';
import path from 'node:path';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
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

const keyOf = (n: Node): string => {
  const f = n.callFrame;
  const name = f.functionName || '(anonymous)';
  if (!f.url) return name;
  const rel = f.url.replace(/^file:\/\//, '');
  const short = rel.includes('/node_modules/')
    ? rel.slice(rel.lastIndexOf('/node_modules/') + 14)
    : path.relative(process.cwd(), rel);
  // tsx-compiled TypeScript reports line 0 (no source maps in the profile): name the file only.
  return f.lineNumber > 0 ? `${name} ${short}:${f.lineNumber + 1}` : `${name} ${short}`;
};

/** Left out of the lists (still counted in the total): the benchmark's own code and Node's internals. */
const DEFAULT_HIDE = /bench\/src\/| node:|^runMicrotasks$/;

/**
 * Starts the sampling profiler; the returned function stops it and summarises the top `top` entries of
 * each list, leaving out frames whose key matches `hide`.
 */
export async function startProfiling(top = 15, hide: RegExp = DEFAULT_HIDE): Promise<() => Promise<ProfileSummary>> {
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
      return summarise(p, top, hide);
    } finally {
      await session.post('Profiler.disable').catch(() => {});
      session.disconnect();
    }
  };
}

/** Profiles `fn` (synchronous work); see {@link startProfiling}. */
export async function profile(fn: () => void, top = 15, hide?: RegExp): Promise<ProfileSummary> {
  const stop = await startProfiling(top, hide);
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
