/**
 * The printed ticket in every visitor language (issue 12): the visitor's language and Arabic, decoded from
 * the ESC/POS bytes (the raster rebuilt dot for dot, the QR command carrying the tracking link, and the
 * QR as the printer would print it decoded), and no text drawn as missing-glyph boxes: every line is
 * shaped again with HarfBuzz (harfbuzzjs) in the fonts its stack names, no glyph may be .notdef (id 0) in
 * every face of the stack, and the renderer's width of the line equals HarfBuzz's, so the renderer drew it
 * in that font, shaped (Nastaliq, Indic conjuncts), not in some fallback.
 */
import { readFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import * as hb from 'harfbuzzjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BRANCHES, CARD_SERVICES, dirOf, loadLanguage, pick, t, VISITOR_LANGS, type VisitorLang } from '@dawr/core';
import {
  encodeTicket,
  ensureTicketFonts,
  renderQrBitmap,
  renderTicket,
  SCRIPT_FAMILY,
  scriptFontFiles,
  secondLangOf,
  type DrawItem,
  type TicketPrintout,
} from '@dawr/hardware/printer';
import { decodeQr, outline, parseEscPos, rasterImages, type EscPosCommand } from '../emulators/escpos-parser';

const renewal = CARD_SERVICES.find((s) => s.code === 'renewal')!;
const seef = BRANCHES.find((b) => b.branch.id === 'seef-mall')!.branch;

const printout = (lang: VisitorLang): TicketPrintout => ({
  number: 'B-004',
  service: renewal.name,
  branch: seef.name,
  issuedAt: Date.UTC(2025, 2, 4, 6, 15),
  timezone: 'Asia/Bahrain',
  position: 3,
  estimatedWaitMin: 15,
  qrUrl: `https://dawr.example.bh/t/7f3a9c2e4b1d?lang=${lang}`,
  hotline: '80008001',
  lateNotice: true,
  lang,
});

/** HarfBuzz fonts by our family name and weight, with the code points each face covers. */
const faces = new Map<string, { font: hb.Font; upem: number; covers: Set<number> }>();

function face(family: string, bold: boolean) {
  const key = `${family}/${bold}`;
  const known = faces.get(key);
  if (known) return known;
  const base = ensureTicketFonts();
  // A visitor script's bold face has its own family name (<family>Bold).
  const script = Object.entries(SCRIPT_FAMILY).find(([, f]) => f === family || `${f}Bold` === family)?.[0];
  const files =
    script === 'arabic' ? base.arabic : script === 'latin' ? base.latin : scriptFontFiles(script as Parameters<typeof scriptFontFiles>[0]);
  if (!files) throw new Error(`no font file for ${family}`);
  const hbFace = new hb.Face(new hb.Blob(readFileSync(bold ? files.bold : files.regular)));
  const f = { font: new hb.Font(hbFace), upem: hbFace.upem, covers: new Set<number>(hbFace.collectUnicodes()) };
  faces.set(key, f);
  return f;
}

/** Glyph ids and total advance (font units) of `text` shaped by HarfBuzz. */
function shape(f: hb.Font, text: string, lang: VisitorLang) {
  const buffer = new hb.Buffer();
  buffer.addText(text);
  buffer.guessSegmentProperties();
  buffer.setLanguage(lang);
  hb.shape(f, buffer);
  const glyphs = buffer.getGlyphInfos().map((g) => g.codepoint);
  const advance = buffer.getGlyphPositions().reduce((sum, p) => sum + p.xAdvance, 0);
  return { glyphs, advance };
}

type TextItem = Extract<DrawItem, { kind: 'text' }>;

function stackOf(item: TextItem): { bold: boolean; px: number; families: string[] } {
  const m = /^(bold|normal) (\d+)px (.+)$/.exec(item.font);
  if (!m) throw new Error(`unexpected font ${item.font}`);
  return { bold: m[1] === 'bold', px: Number(m[2]), families: m[3]!.split(', ') };
}

/** Characters of `item` that no face of its stack has (each would print as a box). */
function missing(item: TextItem): string[] {
  const { bold, families } = stackOf(item);
  const isMark = (cp: number) => cp === 0x200c || cp === 0x200d; // joiners: invisible controls, no glyph needed
  return [...item.text].filter((ch) => {
    const cp = ch.codePointAt(0)!;
    return !/\s/.test(ch) && !isMark(cp) && !families.some((fam) => face(fam, bold).covers.has(cp));
  });
}

const of = <T extends EscPosCommand['type']>(cmds: EscPosCommand[], type: T) =>
  cmds.filter((c): c is Extract<EscPosCommand, { type: T }> => c.type === type);

describe('the printed ticket in every visitor language', () => {
  beforeAll(async () => {
    for (const lang of VISITOR_LANGS) await loadLanguage(lang);
  });

  it.each(VISITOR_LANGS)('%s: the visitor language and Arabic, decoded from the ESC/POS bytes', (lang) => {
    const p = printout(lang);
    const other = secondLangOf(p);
    expect(other).toBe(lang === 'ar' ? 'en' : lang);
    const ticket = renderTicket(p);
    const items = ticket.layout.items.filter((i): i is TextItem => i.kind === 'text');
    const lines = items.map((i) => i.text);
    for (const l of ['ar', other] as const) {
      for (const key of ['kiosk.yourTicket', 'kiosk.position', 'kiosk.estimatedWait', 'ticket.keep', 'kiosk.help', 'kiosk.ticket.qr'] as const) {
        expect(lines.join('\n'), `${l} ${key}`).toContain(t(l, key).split(' ')[0]);
      }
      expect(lines).toContain(pick(renewal.name, l));
    }
    expect(lines).toEqual(expect.arrayContaining(['B-004', '3', '15', '80008001']));
    // Every line of the second language is tagged with it (it picks the shaper's direction and script).
    expect(items.filter((i) => i.lang === other).length).toBeGreaterThanOrEqual(8);
    expect(items.filter((i) => i.lang === 'ar').length).toBeGreaterThanOrEqual(8);

    const { commands } = parseEscPos(encodeTicket(ticket, p.qrUrl));
    expect(outline(commands)).toEqual(['init', 'raster', 'qr', 'cut']);
    expect(of(commands, 'unknown')).toEqual([]);
    const [image] = rasterImages(commands);
    expect(image!.width).toBe(576);
    expect(image!.height).toBe(ticket.height);
    expect(Buffer.compare(Buffer.from(image!.bits), Buffer.from(ticket.bitmap.bits))).toBe(0);
    const stored = of(commands, 'qr-store')[0]!.data;
    expect(stored).toBe(p.qrUrl);
    // The QR as the printer prints it from the stored data, under the rebuilt ticket, scans to the link.
    const qr = renderQrBitmap(stored, 576);
    const paper = { width: 576, height: image!.height + qr.height, bits: new Uint8Array([...image!.bits, ...qr.bits]) };
    expect(decodeQr(paper)).toBe(p.qrUrl);
  });

  it.each(VISITOR_LANGS)('%s: no text is drawn as missing-glyph boxes; the renderer draws it in its font, shaped', (lang) => {
    const items = renderTicket(printout(lang)).layout.items.filter((i): i is TextItem => i.kind === 'text');
    const ctx = createCanvas(1, 1).getContext('2d');
    let shapedApart = 0;
    for (const item of items) {
      expect(missing(item), `${lang}: "${item.text}"`).toEqual([]);
      const { bold, px, families } = stackOf(item);
      const primary = face(families[0]!, bold);
      const { glyphs, advance } = shape(primary.font, item.text, item.lang);
      // Lines wholly in their first face (most of them): same width as HarfBuzz's shaping in that face.
      if (glyphs.includes(0)) continue;
      ctx.font = item.font;
      ctx.lang = item.lang;
      ctx.direction = dirOf(item.lang);
      const drawn = ctx.measureText(item.text).width;
      const expected = (advance * px) / primary.upem;
      expect(Math.abs(drawn - expected), `${lang}: "${item.text}" drawn ${drawn}, HarfBuzz ${expected}`).toBeLessThanOrEqual(1 + expected * 0.01);
      if (glyphs.length !== [...item.text].length) shapedApart++;
    }
    // Conjuncts, ligatures and joined forms: shaping changed the glyph count of some lines in every script.
    expect(shapedApart).toBeGreaterThan(0);
    // The check sees a script no face has (Ethiopic here).
    expect(missing({ ...items[0]!, text: 'ሰላም B-004' })).toEqual(['ሰ', 'ላ', 'ም']);
  });

  it.each(VISITOR_LANGS)('%s: fits 58 mm paper too, nothing past the margins', (lang) => {
    const { bitmap } = renderTicket(printout(lang), { width: 384 });
    let edge = 0;
    for (let y = 0; y < bitmap.height; y++) for (const x of [0, 1, 2, 3, 4, 5, 6, 7, 376, 377, 378, 379, 380, 381, 382, 383]) edge += bitmap.bits[y * 384 + x]!;
    expect(edge).toBe(0);
  });
});
