/** The kiosk bench needs the machine's one pcscd to itself: another run's daemon is refused, never stopped. */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runningPcscdPid, type Pcscd } from '../../../test/helpers/pcscd';

/**
 * A pcscd that another live test run started (its --config dir is a dawr-pcscd-… dir and its parent is alive),
 * described, or null. startPcscd() takes any such daemon for a crashed run's leftover and stops it, which breaks
 * the other run; and the other run's helper does the same to ours. There is one pcscd per machine, so refuse.
 */
export function pcscdOfAnotherRun(): string | null {
  const pid = runningPcscdPid();
  if (pid === null) return null;
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const dir = argv[argv.indexOf('--config') + 1] ?? '';
    if (!path.basename(dir).startsWith('dawr-pcscd-')) return null; // a system pcscd: shared, fine
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid <= 1) return null; // orphaned: a crashed run's leftover
    const parent = readFileSync(`/proc/${ppid}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 120);
    return `pcscd (pid ${pid}) of another test run (parent pid ${ppid}: ${parent})`;
  } catch {
    return null; // gone meanwhile
  }
}

/** Stops our own pcscd at once (interrupt or watchdog: nothing may wait), and removes its config folder. */
export function killOwnPcscdSync(pcscd: Pcscd | null): void {
  if (!pcscd?.owned || !pcscd.pid) return;
  const argv = readFileSync(`/proc/${pcscd.pid}/cmdline`, 'utf8').split('\0');
  const dir = argv[argv.indexOf('--config') + 1];
  if (dir && path.basename(dir).startsWith('dawr-pcscd-')) {
    process.kill(pcscd.pid, 'SIGTERM'); // it removes its socket and pid file itself
    rmSync(dir, { recursive: true, force: true });
  }
}
