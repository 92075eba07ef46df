#!/usr/bin/env node
/**
 * `npm test`: every suite — types, unit and integration (Vitest), end-to-end in Chromium (Playwright) —
 * then one closing line of our own, `N passed, N failed[, N skipped]`, with the totals of all of them.
 * Missing system packages are installed when we are root with apt, or named with the exact command.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, '.test-out');
const totals = { passed: 0, failed: 0, skipped: 0 };

/** Debian packages the suites need, each with a file that shows it is there. */
const SYSTEM_PACKAGES = [
  ['chromium', '/usr/bin/chromium'],
  ['fonts-noto-core', '/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf'],
  ['pcscd', '/usr/sbin/pcscd'],
  ['libpcsclite-dev', '/usr/include/PCSC/winscard.h'],
  // A virtual card reader for the tests only: never install it on a production kiosk.
  ['vsmartcard-vpcd', '/usr/lib/pcsc/drivers/serial/libifdvpcd.so'],
  ['espeak-ng', '/usr/bin/espeak-ng'],
  ['sox', '/usr/bin/sox'],
  ['python3', '/usr/bin/python3'],
];

function run(cmd, args, opts = {}) {
  console.log(`\n▶ ${cmd} ${args.join(' ')}`);
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts }).status ?? 1;
}

function ensureSystemPackages() {
  const missing = SYSTEM_PACKAGES.filter(([, file]) => !existsSync(file)).map(([pkg]) => pkg);
  if (missing.length === 0) return;
  // The lock timeout waits for another apt run (an unattended upgrade, say) instead of failing at once.
  const command = `apt-get update && apt-get install -y -o DPkg::Lock::Timeout=600 ${missing.join(' ')}`;
  const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (canApt) {
    console.log(`Installing missing system packages: ${missing.join(' ')}`);
    if (run('sh', ['-c', `DEBIAN_FRONTEND=noninteractive ${command}`]) === 0) return;
  }
  console.error(`\nThe tests need these system packages: ${missing.join(' ')}.\nInstall them with:\n  sudo sh -c '${command}'`);
  console.log(`\n0 passed, 1 failed`);
  process.exit(1);
}

/**
 * Native parts that `npm install` may have skipped: `smartcard` is optional (it compiles against the PC/SC
 * headers, which a fresh machine lacks), so the demo installs without them. Now that the system packages are
 * here, build it before the card tests need it.
 */
function ensureNativeParts() {
  const loads = () => spawnSync(process.execPath, ['-e', "require('smartcard')"], { cwd: root, stdio: 'ignore' }).status === 0;
  if (loads()) return;
  console.log('Building the PC/SC binding (smartcard), skipped when npm install ran without the PC/SC headers');
  const env = { ...process.env };
  if (existsSync('/usr/include/node/node_api.h')) env.npm_config_nodedir = '/usr';
  run('npm', ['install', '--no-save', '--no-audit', '--no-fund'], { env });
  if (loads()) return;
  console.error('\nThe card tests need the smartcard binding, and it did not build (see above).');
  console.log(`\n0 passed, 1 failed`);
  process.exit(1);
}

/** A step that is not a counted test suite (build, type check): a failure counts as one failed test. */
function step(name, cmd, args) {
  const status = run(cmd, args);
  if (status !== 0) {
    console.error(`✗ ${name} failed`);
    totals.failed += 1;
  }
  return status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

ensureSystemPackages();
ensureNativeParts();
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// TypeScript over core, db, server (with their tests), test, bench and scripts; svelte-check over every app.
step('type check', 'npm', ['run', 'check', '--silent']);
const built = step('build', 'npm', ['run', 'build', '--silent']);

const vitestStatus = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${path.join(out, 'vitest.json')}`]);
const vitest = readJson(path.join(out, 'vitest.json'));
if (vitest) {
  totals.passed += vitest.numPassedTests;
  // A file that fails to load has no failed test but is a failure: count it as one.
  const brokenFiles = vitest.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  totals.failed += vitest.numFailedTests + brokenFiles;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
  if (vitestStatus !== 0 && vitest.numFailedTests + brokenFiles === 0) totals.failed += 1;
} else {
  totals.failed += 1;
}

if (built) {
  const pwStatus = run('npx', ['playwright', 'test', '-c', 'test/playwright.config.ts']);
  const pw = readJson(path.join(out, 'playwright.json'));
  if (pw?.stats) {
    totals.passed += pw.stats.expected + pw.stats.flaky;
    totals.failed += pw.stats.unexpected;
    totals.skipped += pw.stats.skipped;
    if (pwStatus !== 0 && pw.stats.unexpected === 0) totals.failed += 1;
  } else {
    totals.failed += 1;
  }
} else {
  console.error('✗ end-to-end tests not run: the build failed');
}

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed === 0 ? 0 : 1);
