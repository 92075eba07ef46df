/**
 * A process that starts pcscd through the test helper and then holds it (for card-pcscd.test.ts): prints
 * `{"pid": <daemon pid>}` once the readers are listed, then waits. `exit` as argv[2]: exits at once after
 * that, without stopping it (as a watchdog's process.exit does); `block`: blocks its main thread for good (as a
 * native call that never returns does), so no JS signal handler can run.
 */
import { startPcscd } from './pcscd';

const mode = process.argv[2] ?? 'wait';
const pcscd = await startPcscd();
process.stdout.write(`${JSON.stringify({ pid: pcscd.pid })}\n`);
if (mode === 'exit') process.exit(1);
if (mode === 'block') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
setInterval(() => {}, 60_000);
