/**
 * Forking a benchmark's child as a bundle for plain `node`, as the branch server runs in production
 * (`server/build/main.js`). Kept apart from util.ts, which the children themselves import.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { bundleNode } from '../../../scripts/bundle-node';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/**
 * Bundles a TypeScript module (scripts/bundle-node.ts: our workspaces inlined, no tsx loader) into
 * bench/build/ and forks it under plain node (with `nodeFlags`) with an IPC channel; its stdout goes to
 * the parent's stderr, so the parent's last stdout line stays the JSON result.
 */
export async function forkBundled(file: string, env: Record<string, string> = {}, nodeFlags: readonly string[] = []): Promise<ChildProcess> {
  const name = path.relative(path.join(ROOT, 'bench/src'), file).replace(/[/\\]/g, '-').replace(/\.ts$/, '.js');
  const outfile = path.join(ROOT, 'bench/build', name);
  await bundleNode(file, outfile);
  const child = fork(outfile, [], { execArgv: [...nodeFlags], env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  child.stdout!.pipe(process.stderr, { end: false });
  return child;
}
