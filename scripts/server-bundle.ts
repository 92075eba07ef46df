/**
 * The branch server as it runs in production, in the demo, the end-to-end tests and the benchmarks: one
 * bundle (`server/build/main.js`, built by `npm run build` with scripts/bundle-node.ts) under plain node
 * with SERVER_NODE_FLAGS. No tsx loader in its memory, no TypeScript compiled at start.
 */
import path from 'node:path';
import { buildApps } from './build-apps';

const ROOT = path.resolve(import.meta.dirname, '..');

export const SERVER_BUNDLE = path.join(ROOT, 'server/build/main.js');

/**
 * Node's flags for the branch server (deploy/dawr-branch.service and server/package.json repeat them). A
 * young generation of at most 2 × 8 MB instead of V8's 2 × 16 MB: after a busy spell the default kept
 * 32 MB resident though empty, a fifth of the server's memory. Smaller still (2 × 2 or 2 × 4 MB) promoted
 * the pushes' short-lived objects and the collector took 12–23 % of the calls' CPU instead of 2–3 %.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];

/**
 * Builds the server's bundle if its inputs changed since it was built (as `npm run build` does), so a
 * launch never runs code older than the sources. Checking costs a few ms; building, about a second.
 */
export async function ensureServerBundle(): Promise<void> {
  const lines: string[] = [];
  if (!(await buildApps({ apps: ['server'], say: (line) => lines.push(line) }))) {
    throw new Error(`the branch server's bundle did not build:\n${lines.join('\n')}`);
  }
}
