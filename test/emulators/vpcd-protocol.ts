/**
 * The wire protocol between vsmartcard's vpcd (a PC/SC reader driver inside pcscd) and a virtual card.
 * TCP; every message both ways is a 2-byte big-endian length, then the payload. From vpcd, a 1-byte payload is
 * a control byte, a longer one is a command APDU (answered by exactly one frame: response data + SW1 SW2).
 */

/** Control bytes vpcd sends. Only ATR expects an answer (one frame holding the ATR). */
export const VPCD_CTRL = { OFF: 0, ON: 1, RESET: 2, ATR: 4 } as const;

/** vpcd's default ports: reader "Virtual PCD 00 00" and "Virtual PCD 00 01" (0x8C7B, 0x8C7C). */
export const VPCD_PORTS = [35963, 35964] as const;

/** One frame: 2-byte big-endian length, then `payload` (at most 65535 bytes). */
export function encodeFrame(payload: Uint8Array): Buffer {
  if (payload.length > 0xffff) throw new RangeError(`frame too long: ${payload.length}`);
  const out = Buffer.alloc(2 + payload.length);
  out.writeUInt16BE(payload.length, 0);
  out.set(payload, 2);
  return out;
}

/**
 * Reassembles frames from a TCP byte stream: TCP may split a frame over several chunks or put several frames
 * in one. Feed every chunk to `push`; it returns the frames completed so far, in order.
 */
export class FrameDecoder {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Uint8Array): Buffer[] {
    this.pending = this.pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.pending, chunk]);
    const frames: Buffer[] = [];
    while (this.pending.length >= 2) {
      const len = this.pending.readUInt16BE(0);
      if (this.pending.length < 2 + len) break;
      frames.push(Buffer.from(this.pending.subarray(2, 2 + len)));
      this.pending = this.pending.subarray(2 + len);
    }
    return frames;
  }

  /** Bytes received that do not yet form a whole frame. */
  get buffered(): number {
    return this.pending.length;
  }
}

/** A parsed command APDU (ISO 7816-4 short form). `le` is null when absent; Le 00 means 256. */
export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data: Buffer;
  le: number | null;
}

/** Parses a short command APDU (cases 1-4), or null when it is malformed (the card answers 6700). */
export function parseApdu(bytes: Uint8Array): CommandApdu | null {
  if (bytes.length < 4) return null;
  const [cla, ins, p1, p2] = [bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!];
  const head = { cla, ins, p1, p2 };
  if (bytes.length === 4) return { ...head, data: Buffer.alloc(0), le: null };
  const b4 = bytes[4]!;
  if (bytes.length === 5) return { ...head, data: Buffer.alloc(0), le: b4 === 0 ? 256 : b4 };
  if (b4 === 0) return null; // extended length: not used by these cards
  const data = Buffer.from(bytes.subarray(5, 5 + b4));
  if (data.length !== b4) return null;
  if (bytes.length === 5 + b4) return { ...head, data, le: null };
  if (bytes.length === 6 + b4) {
    const le = bytes[5 + b4]!;
    return { ...head, data, le: le === 0 ? 256 : le };
  }
  return null;
}

/** Status words the virtual cards answer. */
export const SW = {
  OK: 0x9000,
  END_OF_FILE: 0x6282,
  WRONG_LENGTH: 0x6700,
  NO_CURRENT_EF: 0x6986,
  FILE_NOT_FOUND: 0x6a82,
  WRONG_P1P2: 0x6a86,
  OFFSET_PAST_END: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
} as const;

/** Response APDU: `data` followed by the two status bytes. */
export function response(sw: number, data: Uint8Array = new Uint8Array(0)): Buffer {
  const out = Buffer.alloc(data.length + 2);
  out.set(data, 0);
  out.writeUInt16BE(sw, data.length);
  return out;
}
