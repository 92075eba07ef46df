/**
 * The virtual card on its own, behind a fake vpcd (a TCP server speaking vpcd's framing), and the kiosk's iGA
 * read sequence over that link: no pcscd needed, so these run anywhere and pin the card's behaviour down.
 */
import net from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { readIgaCard, type Transmit } from '@dawr/hardware/card';
import { cardFile, identityFile, nationalityFile, sampleHolder } from '../emulators/iga-card-files';
import { ATRS, insertCard, type Persona, type VirtualCard } from '../emulators/virtual-card';
import { encodeFrame, FrameDecoder, VPCD_CTRL } from '../emulators/vpcd-protocol';

const hex = (s: string): Buffer => Buffer.from(s.replaceAll(' ', ''), 'hex');

/** vpcd's side of the link: sends control bytes and APDUs, receives the card's frames. */
class FakeVpcd {
  private readonly decoder = new FrameDecoder();
  private readonly frames: Buffer[] = [];
  private waiter: (() => void) | null = null;
  closed = false;
  constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.frames.push(...this.decoder.push(chunk));
      this.waiter?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiter?.();
    });
  }
  /** The next frame from the card, or null if none comes within `ms` (or the card went away). */
  async reply(ms = 2_000): Promise<Buffer | null> {
    const deadline = Date.now() + ms;
    while (this.frames.length === 0 && !this.closed && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, deadline - Date.now());
        this.waiter = () => (clearTimeout(t), resolve());
      });
    }
    return this.frames.shift() ?? null;
  }
  send(payload: Uint8Array): void {
    this.socket.write(encodeFrame(payload));
  }
  async command(apdu: Uint8Array | string): Promise<Buffer | null> {
    this.send(typeof apdu === 'string' ? hex(apdu) : apdu);
    return this.reply();
  }
  /** The read sequence's transport: one APDU frame out, one frame back. */
  transmit: Transmit = async (cmd) => {
    const r = await this.command(cmd);
    if (!r) throw new Error('no answer');
    return r;
  };
}

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function link(persona: Persona): Promise<{ vpcd: FakeVpcd; card: VirtualCard }> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanup.push(() => new Promise((r) => server.close(r)));
  const accepted = once(server, 'connection') as Promise<[net.Socket]>;
  const card = await insertCard(persona, { port: (server.address() as net.AddressInfo).port });
  cleanup.push(() => card.remove());
  const [socket] = await accepted;
  cleanup.push(() => socket.destroy());
  return { vpcd: new FakeVpcd(socket), card };
}

describe('vpcd framing', () => {
  it('reassembles frames split anywhere and several frames in one chunk', () => {
    const stream = Buffer.concat([encodeFrame(hex('01')), encodeFrame(hex('00A4040000')), encodeFrame(hex('04'))]);
    const byteByByte = new FrameDecoder();
    const got = [...stream].flatMap((b) => byteByByte.push(Uint8Array.of(b)));
    expect(got.map((f) => f.toString('hex'))).toEqual(['01', '00a4040000', '04']);
    expect(byteByByte.buffered).toBe(0);
    const atOnce = new FrameDecoder();
    expect(atOnce.push(stream.subarray(0, 4))).toHaveLength(1);
    expect(atOnce.push(stream.subarray(4)).map((f) => f.length)).toEqual([5, 1]);
  });
});

describe('virtual legacy card', () => {
  const holder = sampleHolder();

  it('answers ATR requests, stays silent on power/reset, and serves its files with offsets and Le', async () => {
    const { vpcd, card } = await link({ kind: 'legacy', holder });
    vpcd.send(Uint8Array.of(VPCD_CTRL.ON));
    vpcd.send(Uint8Array.of(VPCD_CTRL.RESET));
    vpcd.send(Uint8Array.of(VPCD_CTRL.ATR));
    expect(await vpcd.reply()).toEqual(ATRS.legacy); // the first reply is the ATR: no answer to ON / RESET
    await card.seen;
    expect((await vpcd.command('00 A4 02 0C 02 00 01'))?.toString('hex')).toBe('6a82'); // no applet selected
    expect((await vpcd.command('00 A4 04 00 0D D4 99 00 00 01 01 01 00 01 00 00 00 01'))?.toString('hex')).toBe('9000');
    expect((await vpcd.command('00 A4 00 0C 02 01 01'))?.toString('hex')).toBe('9000');
    expect((await vpcd.command('00 A4 02 0C 02 00 09'))?.toString('hex')).toBe('6a82');
    expect((await vpcd.command('00 A4 02 0C 02 00 01'))?.toString('hex')).toBe('9000');
    const file = identityFile(holder);
    expect(await vpcd.command('00 B0 01 00 FF')).toEqual(Buffer.concat([file.subarray(256, 511), hex('9000')]));
    expect(await vpcd.command('00 B0 02 50 10')).toEqual(Buffer.concat([file.subarray(592), hex('6282')])); // 5 bytes left
    expect((await vpcd.command('00 B0 02 55 01'))?.toString('hex')).toBe('6b00'); // offset 597: past the end
    expect((await vpcd.command('00 A4 00 0C 02 03 01'))?.toString('hex')).toBe('9000');
    expect((await vpcd.command('00 A4 02 0C 02 00 01'))?.toString('hex')).toBe('9000');
    expect(await vpcd.command('00 B0 00 00 FF')).toEqual(Buffer.concat([nationalityFile(holder), hex('6282')]));
    expect((await vpcd.command('80 CA 00 00 00'))?.toString('hex')).toBe('6e00');
    // The card runs in its own process: its record of an APDU comes by IPC and may trail the reply on the socket.
    await card.waitForApdus(12);
    expect(card.apdus).toHaveLength(12);
  });

  it('is read completely by the kiosk sequence over the link (two APDUs in one TCP write are both answered)', async () => {
    const { vpcd } = await link({ kind: 'legacy', holder });
    vpcd.socket.write(Buffer.concat([encodeFrame(hex('00 A4 00 0C 02 01 01')), encodeFrame(hex('00 B0 00 00 01'))]));
    expect((await vpcd.reply())?.toString('hex')).toBe('6a82');
    expect((await vpcd.reply())?.toString('hex')).toBe('6986'); // no current EF
    const data = await readIgaCard(vpcd.transmit);
    expect(data).toEqual({
      cpr: holder.cpr,
      nameEn: holder.nameEnParts.join(' '),
      nameAr: holder.nameArParts.join(' '),
      gender: holder.gender,
      birthDate: holder.birthDate,
      expiryDate: holder.expiryDate,
      issueDate: holder.issueDate,
      nationality: holder.nationality,
      source: 'chip',
    });
    expect(cardFile(holder)).toHaveLength(36);
  });
});

describe('other personas', () => {
  it('unknown card: its own ATR, 6A82 to SELECT, 6D00 to anything else', async () => {
    const { vpcd } = await link({ kind: 'unknown' });
    vpcd.send(Uint8Array.of(VPCD_CTRL.ATR));
    expect(await vpcd.reply()).toEqual(ATRS.unknown);
    expect((await vpcd.command('00 A4 04 00 0D D4 99 00 00 01 01 01 00 01 00 00 00 01'))?.toString('hex')).toBe('6a82');
    expect((await vpcd.command('00 B0 00 00 10'))?.toString('hex')).toBe('6d00');
  });

  it('V1 card presents the 3B 67 00 00 A8 10 41 ATR', async () => {
    const { vpcd } = await link({ kind: 'v1' });
    vpcd.send(Uint8Array.of(VPCD_CTRL.ATR));
    expect((await vpcd.reply())?.subarray(0, 7)).toEqual(hex('3B 67 00 00 A8 10 41'));
  });

  it('mute card: answers the ATR request, never an APDU', async () => {
    const { vpcd, card } = await link({ kind: 'mute' });
    vpcd.send(Uint8Array.of(VPCD_CTRL.ATR));
    expect(await vpcd.reply()).toEqual(ATRS.legacy);
    vpcd.send(hex('00 A4 04 00 0D D4 99 00 00 01 01 01 00 01 00 00 00 01'));
    expect(await vpcd.reply(400)).toBeNull();
    expect(card.apdus).toHaveLength(1);
    expect(card.present).toBe(true);
  });

  it('pulled card: answers N APDUs, then closes the connection on the next one', async () => {
    const { vpcd, card } = await link({ kind: 'pulled', holder: sampleHolder(), afterApdus: 2 });
    expect((await vpcd.command('00 A4 04 00 0D D4 99 00 00 01 01 01 00 01 00 00 00 01'))?.toString('hex')).toBe('9000');
    expect((await vpcd.command('00 A4 00 0C 02 01 01'))?.toString('hex')).toBe('9000');
    expect(await vpcd.command('00 A4 02 0C 02 00 01')).toBeNull();
    await card.closed;
    expect(vpcd.closed).toBe(true);
  });
});

describe('kiosk read sequence, status words', () => {
  /** A card that answers 6Cxx (exact length) to a READ BINARY asking more than is left, 6B00 past the end. */
  function exactLengthCard(files: Map<string, Buffer>): Transmit {
    let df = '';
    let ef: Buffer | null = null;
    return async (c) => {
      const fid = Buffer.from(c.subarray(5, 7)).toString('hex');
      if (c[1] === 0xa4 && c[2] === 0x04) return hex('9000');
      if (c[1] === 0xa4 && c[2] === 0x00) return (df = fid), hex('9000');
      if (c[1] === 0xa4) return (ef = files.get(`${df}/${fid}`) ?? null) ? hex('9000') : hex('6a82');
      const off = (c[2]! << 8) | c[3]!;
      const left = ef!.length - off;
      if (left <= 0) return hex('6b00');
      if (c[4]! > left) return Buffer.from([0x6c, left]);
      return Buffer.concat([ef!.subarray(off, off + c[4]!), hex('9000')]);
    };
  }
  const h = sampleHolder({ cpr: '12345678', nationality: 'SAU', birthCountry: 'KSA' }); // 8 digits: left-padded

  it('follows 6Cxx (wrong Le) to read a file of unknown length', async () => {
    const files = new Map([
      ['0101/0001', identityFile(h)],
      ['0101/0002', cardFile(h)],
      ['0301/0001', nationalityFile(h)],
    ]);
    expect(await readIgaCard(exactLengthCard(files))).toMatchObject({ cpr: '012345678', expiryDate: h.expiryDate, nationality: 'SAU' });
  });

  it('leaves the fields of a missing card or nationality file null', async () => {
    const files = new Map([['0101/0001', identityFile(h)]]);
    expect(await readIgaCard(exactLengthCard(files))).toMatchObject({ cpr: '012345678', expiryDate: null, issueDate: null, nationality: null });
  });

  it('refuses garbled identity data as UNREADABLE_CARD and a card without the applet as UNSUPPORTED_CARD', async () => {
    const bad = identityFile(h);
    bad.write('99999999', 586); // birth date 9999-99-99
    await expect(readIgaCard(exactLengthCard(new Map([['0101/0001', bad]])))).rejects.toMatchObject({ code: 'UNREADABLE_CARD' });
    await expect(readIgaCard(async () => hex('6a82'))).rejects.toMatchObject({ code: 'UNSUPPORTED_CARD' });
  });
});
