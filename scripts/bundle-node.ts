/**
 * Bundles a Node entry point of this repository into one ES module that plain `node` runs, without tsx:
 * the TypeScript of the entry and of every @dawr/* workspace it imports is compiled and inlined; other
 * packages stay imports, resolved from node_modules at run time as before (native ones such as
 * better-sqlite3 must). Running the bundle saves tsx's loader (its own thread and compiler, about 34 MB of
 * a branch server's memory) and its start-up compile.
 *
 * The bundle must sit two folders below the repository root (as `server/build/main.js` does), so that
 * `import.meta.dirname` in the inlined code points where it did in the sources.
 * Run directly: `node --import tsx scripts/bundle-node.ts ENTRY OUTFILE`.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

/** Bare imports that are not our workspaces stay imports (node resolves them from node_modules). */
const packagesStayExternal: Plugin = {
  name: 'packages-stay-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (a) => (a.path.startsWith('@dawr/') ? undefined : { path: a.path, external: true }));
  },
};

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Worker-thread entries: each is bundled as `<name>.js` beside any bundle that includes the module starting it,
 * which finds it there at run time (`new URL('./<name>.js', import.meta.url)`: in a bundle, the bundle's own URL).
 */
const WORKERS: readonly { startedBy: string; entry: string; name: string }[] = [
  { startedBy: 'server/src/reports/staffing-thread.ts', entry: 'server/src/reports/staffing-worker.ts', name: 'staffing-worker' },
];

/**
 * Bundles `entry` into `outfile` (written whole, then renamed into place: a running reader never sees half), and
 * the worker entries it starts beside it.
 */
export async function bundleNode(entry: string, outfile: string): Promise<void> {
  const out = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    // A map beside the bundle (node reads it only with --enable-source-maps; profilers use it to name frames).
    sourcemap: 'linked',
    logLevel: 'warning',
    metafile: true,
    plugins: [packagesStayExternal],
  });
  mkdirSync(path.dirname(outfile), { recursive: true });
  for (const f of out.outputFiles) {
    const tmp = `${f.path}.${process.pid}.tmp`;
    writeFileSync(tmp, f.contents);
    renameSync(tmp, f.path);
  }
  const inputs = new Set(Object.keys(out.metafile.inputs).map((i) => path.resolve(i)));
  for (const w of WORKERS) {
    if (inputs.has(path.join(ROOT, w.startedBy))) await bundleNode(path.join(ROOT, w.entry), path.join(path.dirname(outfile), `${w.name}.js`));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const [entry, outfile] = process.argv.slice(2);
  if (!entry || !outfile) {
    console.error('usage: node --import tsx scripts/bundle-node.ts ENTRY OUTFILE');
    process.exit(2);
  }
  await bundleNode(path.resolve(entry), path.resolve(outfile));
}
