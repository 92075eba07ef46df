/**
 * A virtual smart card for vsmartcard's vpcd reader driver (pcscd's "Virtual PCD 00 00" listens on TCP 35963).
 * Inserting = connecting; removing = closing the connection. Personas:
 * - legacy: a pre-2025 Bahrain ID card with the iGA applet (files built by iga-card-files.ts);
 * - unknown: some other card (other ATR, 6A82 to SELECT, 6D00 to the rest);
 * - v1: a first-generation Bahrain card (ATR 3B 67 00 00 A8 10 41 …; the legacy applet is not on it);
 * - mute: a legacy ATR, then never answers an APDU;
 * - pulled: a legacy card taken out mid-read: answers `afterApdus` APDUs, then closes on the next one.
 *
 *   const card = await insertCard({ kind: 'legacy', holder: sampleHolder() });
 *   await card.remove();
 */
import { EventEmitter, once } from 'node:events';
import net from 'node:net';
import { iGaFileTree, IGA_AID, type CardHolder } from './iga-card-files';
import { encodeFrame, FrameDecoder, parseApdu, response, SW, VPCD_CTRL, VPCD_PORTS, type CommandApdu } from './vpcd-protocol';

const atr = (hex: string): Buffer => Buffer.from(hex.replaceAll(' ', ''), 'hex');

/** ATRs the personas present (each a well-formed T=0 ATR). */
export const ATRS = {
  /** Legacy iGA card: prefix 3B 7A 96 00 00 80 65 A2 01 01 01 from hardware.md, 10 historical bytes. */
  legacy: atr('3B 7A 96 00 00 80 65 A2 01 01 01 3D 72 D6 43'),
  /** First-generation card: prefix 3B 67 00 00 A8 10 41. */
  v1: atr('3B 67 00 00 A8 10 41 40 01 90 00'),
  /** Not a Bahrain ID card. */
  unknown: atr('3B 6E 00 00 80 31 80 66 B0 84 0C 01 6E 01 83 00 90 00'),
} as const;

export type Persona =
  | { kind: 'legacy'; holder: CardHolder; atr?: Buffer }
  | { kind: 'unknown'; atr?: Buffer }
  | { kind: 'v1'; atr?: Buffer }
  | { kind: 'mute'; atr?: Buffer }
  | { kind: 'pulled'; holder: CardHolder; afterApdus: number; atr?: Buffer };

export interface InsertOptions {
  /** vpcd's port: 35963 for "Virtual PCD 00 00" (default), 35964 for "… 00 01". */
  port?: number;
  host?: string;
  /** How long to wait for the TCP connection (ms). */
  connectTimeoutMs?: number;
}

/** The legacy applet's state machine: SELECT applet / DF / EF, READ BINARY. */
class IgaApplet {
  private appletSelected = false;
  private df: Map<number, Buffer> | null = null;
  private ef: Buffer | null = null;
  constructor(private readonly tree: Map<number, Map<number, Buffer>>) {}

  reset(): void {
    this.appletSelected = false;
    this.df = null;
    this.ef = null;
  }

  handle(apdu: CommandApdu): Buffer {
    if (apdu.cla !== 0x00) return response(SW.CLA_NOT_SUPPORTED);
    if (apdu.ins === 0xa4) return this.select(apdu);
    if (apdu.ins === 0xb0) return this.readBinary(apdu);
    return response(SW.INS_NOT_SUPPORTED);
  }

  private select(apdu: CommandApdu): Buffer {
    if (apdu.p1 === 0x04) {
      if (!apdu.data.equals(IGA_AID)) return response(SW.FILE_NOT_FOUND);
      this.reset();
      this.appletSelected = true;
      return response(SW.OK);
    }
    if (!this.appletSelected || apdu.data.length !== 2) return response(SW.FILE_NOT_FOUND);
    const fid = apdu.data.readUInt16BE(0);
    if (apdu.p1 === 0x00) {
      // Select by file id: a DF of the applet (child or sibling), or an EF of the current DF.
      const df = this.tree.get(fid);
      if (df) {
        this.df = df;
        this.ef = null;
        return response(SW.OK);
      }
    }
    if (apdu.p1 === 0x00 || apdu.p1 === 0x02) {
      const ef = this.df?.get(fid);
      if (!ef) return response(SW.FILE_NOT_FOUND);
      this.ef = ef;
      return response(SW.OK);
    }
    return response(SW.WRONG_P1P2);
  }

  private readBinary(apdu: CommandApdu): Buffer {
    if (!this.ef) return response(SW.NO_CURRENT_EF);
    if (apdu.p1 & 0x80) return response(SW.WRONG_P1P2); // short EF id addressing: not supported here
    const offset = (apdu.p1 << 8) | apdu.p2;
    const le = apdu.le ?? 256;
    if (offset >= this.ef.length) return response(SW.OFFSET_PAST_END);
    const data = this.ef.subarray(offset, Math.min(offset + le, this.ef.length));
    // ISO 7816-4: fewer bytes than Le because the file ends → 6282 with the bytes there are.
    return response(data.length < le ? SW.END_OF_FILE : SW.OK, data);
  }
}

/** A card that answers 6A82 to SELECT and 6D00 to anything else. */
function foreignCard(apdu: CommandApdu): Buffer {
  return response(apdu.ins === 0xa4 ? SW.FILE_NOT_FOUND : SW.INS_NOT_SUPPORTED);
}

/**
 * An inserted virtual card. Events: 'control' (byte), 'apdu' (Buffer), 'close'.
 * `apdus` lists every command APDU received, in order (including unanswered ones).
 */
export class VirtualCard extends EventEmitter {
  readonly apdus: Buffer[] = [];
  readonly controls: number[] = [];
  /** Resolves when vpcd first asks for the ATR (pcscd has noticed the card). */
  readonly seen: Promise<void>;
  /** Resolves when the connection is closed, by us or by pcscd. */
  readonly closed: Promise<void>;
  private readonly decoder = new FrameDecoder();
  private readonly applet: IgaApplet | null;

  constructor(
    readonly persona: Persona,
    private readonly socket: net.Socket,
  ) {
    super();
    const holder = persona.kind === 'legacy' || persona.kind === 'pulled' ? persona.holder : null;
    this.applet = holder ? new IgaApplet(iGaFileTree(holder)) : null;
    this.seen = new Promise((resolve) => this.once('control', () => resolve()));
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('close', () => this.emit('close'));
    socket.on('error', () => {}); // a reset by pcscd is a removal, not a test failure
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.decoder.push(chunk)) this.onFrame(frame);
    });
  }

  /** The ATR this card presents. */
  get atr(): Buffer {
    const p = this.persona;
    return p.atr ?? (p.kind === 'unknown' ? ATRS.unknown : p.kind === 'v1' ? ATRS.v1 : ATRS.legacy);
  }

  /** Whether the card is still "in the reader" (connection open). */
  get present(): boolean {
    return !this.socket.destroyed;
  }

  /** Takes the card out; resolves once the connection is closed. */
  async remove(): Promise<void> {
    if (!this.socket.destroyed) this.socket.destroy();
    await this.closed;
  }

  /** Resolves once `n` APDUs have been received in total (rejects after `timeoutMs`). */
  async waitForApdus(n: number, timeoutMs = 10_000): Promise<void> {
    const signal = AbortSignal.timeout(timeoutMs);
    while (this.apdus.length < n) await once(this, 'apdu', { signal });
  }

  private onFrame(frame: Buffer): void {
    if (frame.length === 1) {
      const ctrl = frame[0]!;
      this.controls.push(ctrl);
      if (ctrl === VPCD_CTRL.ATR) this.send(this.atr);
      else if (ctrl === VPCD_CTRL.ON || ctrl === VPCD_CTRL.RESET || ctrl === VPCD_CTRL.OFF) this.applet?.reset();
      this.emit('control', ctrl);
      return;
    }
    this.apdus.push(frame);
    this.emit('apdu', frame);
    const p = this.persona;
    if (p.kind === 'mute') return;
    if (p.kind === 'pulled' && this.apdus.length > p.afterApdus) {
      this.socket.destroy(); // pulled out while this APDU was on its way
      return;
    }
    const apdu = parseApdu(frame);
    if (!apdu) return this.send(response(SW.WRONG_LENGTH));
    this.send(this.applet ? this.applet.handle(apdu) : foreignCard(apdu));
  }

  private send(payload: Uint8Array): void {
    if (!this.socket.destroyed) this.socket.write(encodeFrame(payload));
  }
}

/**
 * Inserts a virtual card into vpcd's reader: connects to its port (35963 = "Virtual PCD 00 00" by default).
 * Resolves once connected; `card.seen` resolves when pcscd has noticed it. Rejects when nothing listens
 * (pcscd not running, or vpcd not configured).
 */
export async function insertCard(persona: Persona, opts: InsertOptions = {}): Promise<VirtualCard> {
  const { port = VPCD_PORTS[0], host = '127.0.0.1', connectTimeoutMs = 5_000 } = opts;
  const socket = net.connect({ port, host, noDelay: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`vpcd at ${host}:${port}: no connection in ${connectTimeoutMs} ms`)), connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('error', (e) => {
        clearTimeout(timer);
        reject(new Error(`vpcd at ${host}:${port} is not listening (is pcscd running with vsmartcard-vpcd?): ${e.message}`));
      });
    });
  } catch (e) {
    socket.destroy();
    throw e;
  }
  return new VirtualCard(persona, socket);
}
