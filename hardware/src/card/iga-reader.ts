/**
 * Reads a legacy iGA applet (pre-2025 Bahrain ID card) through any APDU transport: SELECT applet, DF 0101,
 * EF 0001 (identity) and EF 0002 (card dates), then DF 0301 / EF 0001 (nationality). APDUs, file layout and
 * parsing come from @dawr/core; this file only sequences the exchanges and judges status words.
 */
import {
  IGA_FILES,
  SELECT_DF_0101,
  SELECT_DF_0301,
  SELECT_IGA_APPLET,
  idCardFromChip,
  parseCardFile,
  parseIdentityFile,
  parseNationalityFile,
  readBinaryApdus,
  selectEf,
  type CardFailure,
  type IdCardData,
  type IgaResult,
} from '@dawr/core';
import type { CardReadErrorCode } from './types';

/** Sends one command APDU; resolves with the response (data + SW1 SW2). Transport failures reject. */
export type Transmit = (command: Uint8Array) => Promise<Uint8Array>;

/** A read that failed for a reason the card gave (as opposed to a transport failure). */
export class CardReadError extends Error {
  constructor(
    readonly code: CardReadErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'CardReadError';
  }
}

const SW_OK = 0x9000;
const SW_END_OF_FILE = 0x6282;
const SW_OFFSET_PAST_END = 0x6b00;
/** The nationality file's length is undocumented: read at most this much. */
const MAX_UNKNOWN_FILE = 1024;

const hex4 = (sw: number): string => sw.toString(16).toUpperCase().padStart(4, '0');

/** Splits a response into data and status word; a response without SW is a transport failure. */
function split(resp: Uint8Array): { data: Uint8Array; sw: number } {
  if (resp.length < 2) throw new CardReadError('UNREADABLE_CARD', `response of ${resp.length} bytes`);
  return { data: resp.subarray(0, resp.length - 2), sw: (resp[resp.length - 2]! << 8) | resp[resp.length - 1]! };
}

/** One READ BINARY; follows a 6Cxx (wrong Le, xx = available) once. `eof`: the file ends in this chunk. */
async function readChunk(transmit: Transmit, command: Uint8Array, what: string): Promise<{ data: Uint8Array; eof: boolean }> {
  let { data, sw } = split(await transmit(command));
  let corrected = false;
  if (sw >> 8 === 0x6c && (sw & 0xff) !== 0) {
    const cmd = Uint8Array.from(command);
    cmd[4] = sw & 0xff;
    corrected = true; // the card named the bytes left: the file ends with them
    ({ data, sw } = split(await transmit(cmd)));
  }
  const le = command[4] === 0 ? 256 : command[4]!;
  if (sw === SW_OK) return { data, eof: corrected || data.length < le };
  if (sw === SW_END_OF_FILE) return { data, eof: true };
  if (sw === SW_OFFSET_PAST_END) return { data: new Uint8Array(0), eof: true };
  throw new CardReadError('UNREADABLE_CARD', `READ BINARY ${what}: SW ${hex4(sw)}`);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Reads the current EF: `length` bytes in ≤255-byte chunks, or (null) until the card reports its end. */
async function readFile(transmit: Transmit, length: number | null, what: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  if (length !== null) {
    for (const cmd of readBinaryApdus(length)) {
      const { data, eof } = await readChunk(transmit, cmd, what);
      parts.push(data);
      if (eof) break;
    }
    return concat(parts);
  }
  for (let off = 0; off < MAX_UNKNOWN_FILE; ) {
    const cmd = Uint8Array.of(0x00, 0xb0, (off >> 8) & 0x7f, off & 0xff, 0xff);
    const { data, eof } = await readChunk(transmit, cmd, what);
    parts.push(data);
    off += data.length;
    if (eof || data.length === 0) break;
  }
  return concat(parts);
}

/**
 * SELECT; true on 9000 (or 61xx). Otherwise: for a required file (`failWith` given) the read fails with that
 * code; for an optional one it resolves false (6A82 not found, 6982 not allowed… the other files still count).
 */
async function select(transmit: Transmit, command: Uint8Array, what: string, failWith: CardReadErrorCode | null): Promise<boolean> {
  const { sw } = split(await transmit(command));
  if (sw === SW_OK || sw >> 8 === 0x61) return true;
  if (failWith === null) return false;
  throw new CardReadError(failWith, `SELECT ${what}: SW ${hex4(sw)}`);
}

function parsed<T>(result: IgaResult<T>, what: string): T {
  if (result.ok) return result.data;
  const f: CardFailure = result;
  throw new CardReadError('UNREADABLE_CARD', `${what}: ${f.error}${f.field ? ` (${f.field})` : ''}`);
}

/**
 * Reads the identity, card and nationality files and returns the card data. The identity file is required
 * (no applet or no DF 0101/EF 0001 → UNSUPPORTED_CARD); a missing card or nationality file leaves its fields
 * null. Garbled or short data → UNREADABLE_CARD. Transport failures (timeouts, removal) propagate unchanged.
 * `onIdentity` gets the identity (CPR, names, birth date; card dates and nationality still null) as soon as the
 * identity file is read, about half-way: the kiosk can start the branch look-up while the rest is read.
 */
export async function readIgaCard(transmit: Transmit, onIdentity?: (identity: IdCardData) => void): Promise<IdCardData> {
  const { identity, card, nationality } = IGA_FILES;
  await select(transmit, SELECT_IGA_APPLET, 'iGA applet', 'UNSUPPORTED_CARD');
  await select(transmit, SELECT_DF_0101, 'DF 0101', 'UNSUPPORTED_CARD');
  await select(transmit, selectEf(identity.ef), 'EF 0101/0001', 'UNSUPPORTED_CARD');
  const id = parsed(parseIdentityFile(await readFile(transmit, identity.length, 'EF 0101/0001')), 'EF 0101/0001');
  onIdentity?.(idCardFromChip(id, null, null));

  let cardInfo = null;
  if (await select(transmit, selectEf(card.ef), 'EF 0101/0002', null)) {
    cardInfo = parsed(parseCardFile(await readFile(transmit, card.length, 'EF 0101/0002')), 'EF 0101/0002');
  }
  let nat = null;
  if ((await select(transmit, SELECT_DF_0301, 'DF 0301', null)) && (await select(transmit, selectEf(nationality.ef), 'EF 0301/0001', null))) {
    nat = parsed(parseNationalityFile(await readFile(transmit, nationality.length, 'EF 0301/0001')), 'EF 0301/0001');
  }
  return idCardFromChip(id, cardInfo, nat);
}
