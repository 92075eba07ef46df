/**
 * The card host: a child process that holds the virtual cards' TCP links to vpcd (started by virtual-card.ts,
 * one per test or bench process, over an IPC channel).
 *
 * Why a process of its own: vpcd asks the card for its ATR about every 400 ms (its presence poll) and waits for
 * the answer while holding pcscd's lock on the reader. A PC/SC call that needs that lock and is synchronous in
 * the smartcard binding (SCardDisconnect, called when a read ends) blocks the caller's main thread until pcscd
 * answers. Were the card answered from that same main thread, the two would wait for each other for ever (seen
 * in the kiosk bench: the main thread in SCardDisconnect, pcscd's reader thread in vicc_present → recv). Real
 * cards answer in hardware; here the card answers from this process, whatever the test process is doing.
 *
 * Messages in: {op:'insert', id, persona, port, host, connectTimeoutMs} | {op:'remove', id}.
 * Messages out (per card id): connected | error (message) | control (byte) | apdu (bytes) | close. An APDU is
 * reported before it is answered, so the test process has it by the time the answer's effects reach it.
 */
import net from 'node:net';
import { CardBehaviour, type Persona } from './card-persona';
import { encodeFrame, FrameDecoder } from './vpcd-protocol';

export type HostRequest =
  | { op: 'insert'; id: number; persona: Persona; port: number; host: string; connectTimeoutMs: number }
  | { op: 'remove'; id: number };

export type HostEvent =
  | { id: number; ev: 'connected' }
  | { id: number; ev: 'error'; message: string }
  | { id: number; ev: 'control'; ctrl: number }
  | { id: number; ev: 'apdu'; apdu: Uint8Array }
  | { id: number; ev: 'close' };

const links = new Map<number, net.Socket>();

function tell(event: HostEvent): void {
  if (process.connected) process.send!(event);
}

/** Buffers arrive as Uint8Arrays over the IPC channel: make the persona's bytes Buffers again. */
function revive(persona: Persona): Persona {
  const p = { ...persona } as Persona & { holder?: unknown };
  if (p.atr) p.atr = Buffer.from(p.atr);
  return p;
}

function insert(req: Extract<HostRequest, { op: 'insert' }>): void {
  const card = new CardBehaviour(revive(req.persona));
  const socket = net.connect({ port: req.port, host: req.host, noDelay: true });
  const decoder = new FrameDecoder();
  let connected = false;
  links.set(req.id, socket);
  const timer = setTimeout(() => {
    tell({ id: req.id, ev: 'error', message: `vpcd at ${req.host}:${req.port}: no connection in ${req.connectTimeoutMs} ms` });
    socket.destroy();
  }, req.connectTimeoutMs);
  socket.once('connect', () => {
    clearTimeout(timer);
    connected = true;
    tell({ id: req.id, ev: 'connected' });
  });
  socket.on('error', (e) => {
    clearTimeout(timer);
    if (!connected) {
      tell({ id: req.id, ev: 'error', message: `vpcd at ${req.host}:${req.port} is not listening (is pcscd running with vsmartcard-vpcd?): ${e.message}` });
    }
  });
  socket.on('close', () => {
    clearTimeout(timer);
    links.delete(req.id);
    tell({ id: req.id, ev: 'close' });
  });
  socket.on('data', (chunk: Buffer) => {
    for (const frame of decoder.push(chunk)) {
      let action;
      if (frame.length === 1) {
        action = card.control(frame[0]!);
        tell({ id: req.id, ev: 'control', ctrl: frame[0]! });
      } else {
        tell({ id: req.id, ev: 'apdu', apdu: frame });
        action = card.apdu(frame);
      }
      if (action.kind === 'answer' && !socket.destroyed) socket.write(encodeFrame(action.frame));
      if (action.kind === 'pull') socket.destroy();
    }
  });
}

process.on('message', (req: HostRequest) => {
  if (req.op === 'insert') insert(req);
  else links.get(req.id)?.destroy();
});
// The test process is gone (or done with us): take every card out and end.
process.on('disconnect', () => {
  for (const s of links.values()) s.destroy();
  process.exit(0);
});
tell({ id: 0, ev: 'connected' });
