/**
 * Builds the branch server's bundle (server/build/main.js, see scripts/server-bundle.ts) and the browser apps
 * (display, counter, phone, central, portal, kiosk) — only those whose inputs changed since their last
 * build — with one line of progress per app. The bundlers' output goes to a log file, shown only on failure.
 *
 * An app's inputs are the files git sees (tracked, or untracked and not ignored) in its own folder and in every
 * workspace it depends on (@dawr/…, followed through their own dependencies), plus the lock file. Their hash is
 * written beside the app's build as a stamp; the same hash next time means the build is current.
 * Run directly: `node --import tsx scripts/build-apps.ts [--force] [app …]`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** The apps in the order they are built (the server first: it takes a second; the kiosk last: it is the largest). */
export const APPS = ['server', 'display', 'counter', 'phone', 'central', 'portal', 'kiosk'] as const;
export type App = (typeof APPS)[number];

const STAMP = '.dawr-build-stamp';
const LOG_DIR = path.join(ROOT, '.build-logs');

interface Manifest {
  name?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function readManifest(dir: string): Manifest | null {
  try {
    return JSON.parse(readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

/** Workspace folders by package name (@dawr/core → core). */
function workspaceFolders(): Map<string, string> {
  const root = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
  const byName = new Map<string, string>();
  for (const dir of root.workspaces) {
    const name = readManifest(dir)?.name;
    if (name) byName.set(name, dir);
  }
  return byName;
}

/** The app's folder and the folders of every workspace it depends on, directly or not. */
export function inputFolders(app: string): string[] {
  const byName = workspaceFolders();
  const seen = new Set<string>([app]);
  const queue = [app];
  while (queue.length) {
    const m = readManifest(queue.shift()!);
    const deps = { ...m?.dependencies, ...m?.devDependencies, ...m?.optionalDependencies };
    for (const name of Object.keys(deps)) {
      const dir = byName.get(name);
      if (dir && !seen.has(dir)) {
        seen.add(dir);
        queue.push(dir);
      }
    }
  }
  return [...seen].sort();
}

/** Tools a build uses when present (the voice clips need espeak-ng and sox; without them an app builds silent). */
const OPTIONAL_TOOLS = ['espeak-ng', 'sox'];

/** Which optional tools are on PATH: part of the inputs, so installing them later makes the next build include clips. */
function toolsPresent(): string {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return OPTIONAL_TOOLS.map((t) => `${t}=${dirs.some((d) => existsSync(path.join(d, t)))}`).join(',');
}

/** Hash of every input file's path and content; null when git cannot list them (then always build). */
export function fingerprint(app: string): string | null {
  const listed = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z', '--', ...inputFolders(app)], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (listed.status !== 0) return null;
  const files = listed.stdout.split('\0').filter(Boolean).sort();
  const hash = createHash('sha256').update(toolsPresent()).update('\0');
  for (const file of [...files, 'package-lock.json']) {
    const full = path.join(ROOT, file);
    if (!existsSync(full)) continue; // deleted but still in the index
    hash.update(file).update('\0').update(readFileSync(full)).update('\0');
  }
  return hash.digest('hex');
}

function stampPath(app: string): string {
  return path.join(ROOT, app, 'build', STAMP);
}

/** True when the app's last build was made from exactly the inputs it has now. */
export function isCurrent(app: string, print = fingerprint(app)): boolean {
  if (!print || !existsSync(stampPath(app))) return false;
  return readFileSync(stampPath(app), 'utf8').trim() === print;
}

function runBuild(app: string, logFile: string): Promise<boolean> {
  mkdirSync(LOG_DIR, { recursive: true });
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', 'build', '--silent', '-w', app], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => chunks.push(b));
    child.stderr.on('data', (b: Buffer) => chunks.push(b));
    child.on('close', (code) => {
      writeFileSync(logFile, Buffer.concat(chunks));
      resolve(code === 0);
    });
  });
}

/** The last lines of a build log, for the failure message. */
function tail(file: string, lines = 25): string {
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

export interface BuildOptions {
  apps?: readonly string[];
  force?: boolean;
  /** Where the progress lines go. */
  say?: (line: string) => void;
}

/** Builds the apps that changed; resolves true when all are current, false (after saying why) when one failed. */
export async function buildApps(o: BuildOptions = {}): Promise<boolean> {
  const say = o.say ?? ((line: string) => console.log(line));
  for (const app of o.apps ?? APPS) {
    const print = fingerprint(app);
    if (!o.force && isCurrent(app, print)) {
      say(`  ${app.padEnd(8)} up to date`);
      continue;
    }
    const started = Date.now();
    const logFile = path.join(LOG_DIR, `${app}.log`);
    if (!(await runBuild(app, logFile))) {
      say(`  ${app.padEnd(8)} build FAILED — the last lines of ${path.relative(ROOT, logFile)}:\n${tail(logFile)}`);
      return false;
    }
    // Stamp with the inputs as they were before the build (a file edited meanwhile makes the next run build again).
    if (print && existsSync(path.join(ROOT, app, 'build'))) writeFileSync(stampPath(app), `${print}\n`);
    say(`  ${app.padEnd(8)} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const args = process.argv.slice(2);
  const apps = args.filter((a) => !a.startsWith('--'));
  const unknown = apps.filter((a) => !(APPS as readonly string[]).includes(a));
  if (unknown.length) {
    console.error(`Unknown app(s): ${unknown.join(', ')}. The apps are: ${APPS.join(', ')}.`);
    process.exit(2);
  }
  console.log('Building the apps (only those that changed):');
  const ok = await buildApps({ apps: apps.length ? apps : APPS, force: args.includes('--force') });
  process.exit(ok ? 0 : 1);
}

