/**
 * What a virtual card is and how it answers (no I/O): the personas, their ATRs and their answers to vpcd's
 * control bytes and command APDUs. The card host (card-host.ts) runs them on vpcd's TCP link.
 * - legacy: a pre-2025 Bahrain ID card with the iGA applet (files built by iga-card-files.ts);
 * - unknown: some other card (other ATR, 6A82 to SELECT, 6D00 to the rest);
 * - v1: a first-generation Bahrain card (ATR 3B 67 00 00 A8 10 41 …; the legacy applet is not on it);
 * - mute: a legacy ATR, then never answers an APDU;
 * - pulled: a legacy card taken out mid-read: answers `afterApdus` APDUs, then closes on the next one.
 */
import { iGaFileTree, IGA_AID, type CardHolder } from './iga-card-files';
import { parseApdu, response, SW, VPCD_CTRL, type CommandApdu } from './vpcd-protocol';

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

/** What the card does with one frame from vpcd: answer it, stay silent, or be pulled out (close the link). */
export type CardAction = { kind: 'answer'; frame: Buffer } | { kind: 'silent' } | { kind: 'pull' };

/** A card's answers, with the state its applet keeps between APDUs. */
export class CardBehaviour {
  private readonly applet: IgaApplet | null;
  private apduCount = 0;

  constructor(readonly persona: Persona) {
    const holder = persona.kind === 'legacy' || persona.kind === 'pulled' ? persona.holder : null;
    this.applet = holder ? new IgaApplet(iGaFileTree(holder)) : null;
  }

  /** The ATR this card presents. */
  get atr(): Buffer {
    const p = this.persona;
    return Buffer.from(p.atr ?? (p.kind === 'unknown' ? ATRS.unknown : p.kind === 'v1' ? ATRS.v1 : ATRS.legacy));
  }

  /** A control byte: ATR is answered with the ATR; power on/off and reset reset the applet, unanswered. */
  control(ctrl: number): CardAction {
    if (ctrl === VPCD_CTRL.ATR) return { kind: 'answer', frame: this.atr };
    if (ctrl === VPCD_CTRL.ON || ctrl === VPCD_CTRL.RESET || ctrl === VPCD_CTRL.OFF) this.applet?.reset();
    return { kind: 'silent' };
  }

  /** A command APDU. */
  apdu(frame: Buffer): CardAction {
    this.apduCount++;
    const p = this.persona;
    if (p.kind === 'mute') return { kind: 'silent' };
    if (p.kind === 'pulled' && this.apduCount > p.afterApdus) return { kind: 'pull' }; // pulled out while this APDU was on its way
    const apdu = parseApdu(frame);
    if (!apdu) return { kind: 'answer', frame: response(SW.WRONG_LENGTH) };
    return { kind: 'answer', frame: this.applet ? this.applet.handle(apdu) : foreignCard(apdu) };
  }
}
