/**
 * For card-host.test.ts: a process that does what deadlocked the kiosk bench. With a virtual card in the reader
 * and connected, its main thread stops for a while (vpcd's presence poll, every ~400 ms, then waits for the
 * card's ATR answer while holding pcscd's reader lock) and then makes the synchronous SCardDisconnect, which
 * needs that lock. Prints "done" if it returns. argv[2]: the vpcd port.
 */
import { Context, SCARD_LEAVE_CARD, SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, SCARD_SHARE_SHARED } from 'smartcard';
import { sampleHolder } from '../emulators/iga-card-files';
import { insertCard } from '../emulators/virtual-card';
import { VIRTUAL_READERS, waitForCardState } from './pcscd';

const card = await insertCard({ kind: 'legacy', holder: sampleHolder() }, { port: Number(process.argv[2]) });
await waitForCardState(VIRTUAL_READERS[0], true);
const ctx = new Context();
const reader = ctx.listReaders().find((r) => r.name === VIRTUAL_READERS[0])!;
const handle = await reader.connect(SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1);
for (let round = 0; round < 3; round++) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1_000); // the main thread busy past a presence poll
  if (round < 2) handle.transmit(Buffer.from('00a404000dd49900000101010001000000 01'.replaceAll(' ', ''), 'hex')).catch(() => {});
}
handle.disconnect(SCARD_LEAVE_CARD);
ctx.close();
process.stdout.write('done\n');
await card.remove();
process.exit(0);
