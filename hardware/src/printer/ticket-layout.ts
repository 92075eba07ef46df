/**
 * What goes on the printed ticket, and where. The layout is pure data (text lines with fonts and
 * positions, filled rectangles) computed with a text measurer, so render.ts only has to draw it and tests
 * can read it. Shared labels come from @dawr/core's dictionaries so the paper says what the screen said
 * (kiosk checklist item 17); only the lines that exist on paper alone are defined here.
 */
import { languageOf, pick, t, waitWords, type Localized, type Script, type VisitorKey, type VisitorLang } from '@dawr/core';
import { ARABIC_FAMILY, LATIN_FAMILY, scriptFamily } from './fonts';

/** Everything printed on one ticket. Nothing personal: the paper may be left behind in the hall. */
export interface TicketPrintout {
  /** Ticket number as shown on screen, e.g. 'B-004' (Latin letter + Western digits). */
  number: string;
  service: Localized;
  branch: Localized;
  /** When the ticket was issued (epoch ms). */
  issuedAt: number;
  /** IANA zone for the printed date and time; the branch clock is 'Asia/Bahrain'. */
  timezone: string;
  /** People ahead in the queue; null hides the line (as the ticket screen does). */
  position: number | null;
  /** Estimated wait in minutes; null prints "not known yet" (and nobody ahead "you are next"). */
  estimatedWaitMin: number | null;
  /** The phone-tracking URL, printed as a QR code. ASCII only (it goes to the printer as ISO 8859-1). */
  qrUrl: string;
  /** Help line, e.g. '80008001'. */
  hotline: string;
  /** Appointment checked in late: the visitor joined the walk-in queue. */
  lateNotice?: boolean;
  /**
   * The visitor's language: the ticket speaks it and Arabic (staff read every ticket). Arabic and English
   * visitors (and no language) get Arabic and English. Its dictionary must be loaded (core loadLanguage).
   */
  lang?: VisitorLang;
}

/** Paper width in printer dots: 576 for 80 mm paper, 384 for 58 mm (203 dpi heads). */
export type PaperWidth = 576 | 384;

type Lang = VisitorLang;

/** The ticket's second language (beside Arabic): the visitor's, or English for Arabic and English visitors. */
export function secondLangOf(p: Pick<TicketPrintout, 'lang'>): VisitorLang {
  return p.lang && p.lang !== 'ar' ? p.lang : 'en';
}

/** One text in Arabic and in the ticket's second language. */
interface Bilingual {
  ar: string;
  other: string;
}
/** One thing to draw. Text is centred on `x`, with its alphabetic baseline at `y`. */
export type DrawItem =
  | { kind: 'text'; text: string; x: number; y: number; font: string; lang: Lang; color: Ink }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; color: Ink };

/** Black on white only: the printer has one colour. */
export type Ink = 'black' | 'white';

/** The laid-out ticket: its height is a multiple of 8 (raster images print in 8-dot bands). */
export interface TicketLayout {
  width: PaperWidth;
  height: number;
  items: DrawItem[];
}

/** Width and ink extent above/below the baseline of `text` in `font`. */
export type Measurer = (text: string, font: string, lang: Lang) => { width: number; ascent: number; descent: number };

/** Smallest text size in dots (see Column.text). */
const MIN_TEXT_PX = 17;

/** Line top (× size) and line step (× size) of each script: Nastaliq climbs and descends far, Arabic deep. */
const LINE: Record<Script, [lead: number, gap: number]> = {
  latin: [1.0, 1.28],
  arabic: [1.06, 1.5],
  nastaliq: [1.3, 2.1],
  devanagari: [1.05, 1.5],
  malayalam: [1.05, 1.5],
  bengali: [1.05, 1.5],
  tamil: [1.05, 1.5],
};

/** Nastaliq draws smaller than Naskh at the same size: it gets this much more to read alike. */
const NASTALIQ_SCALE = 1.15;

/**
 * Font shorthand. A line lists its own script's face first, then Latin (digits, "CPR", "QR") and Arabic;
 * Latin lines list the Latin face first (digits included).
 */
export function fontOf(lang: Lang, px: number, bold = false): string {
  const script = languageOf(lang).script;
  const stack = [...new Set([scriptFamily(script, bold), LATIN_FAMILY, ARABIC_FAMILY])].join(', ');
  return `${bold ? 'bold' : 'normal'} ${Math.round(px * (script === 'nastaliq' ? NASTALIQ_SCALE : 1))}px ${stack}`;
}

/** "2025-03-04 09:15" in `timezone`, Western digits whatever the host locale. */
export function formatIssuedAt(epochMs: number, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    numberingSystem: 'latn',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(epochMs));
  const p = (type: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === type)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`;
}

/** Splits `text` into lines no wider than `max` (by words; a single over-long word stays whole). */
function wrap(measure: Measurer, text: string, font: string, lang: Lang, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next, font, lang).width > max) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** A vertical cursor over a column (centre `cx`, width `max`) that appends items to a shared list. */
class Column {
  constructor(
    private readonly measure: Measurer,
    readonly items: DrawItem[],
    readonly cx: number,
    readonly max: number,
    public y: number,
  ) {}

  /** Wrapped, centred text. Line boxes are generous for Arabic, whose marks and descenders go deep. */
  text(text: string, lang: Lang, size: number, opts: { bold?: boolean; color?: Ink } = {}): this {
    // Below ~17 dots, regular strokes are one dot wide and break up on thermal paper.
    const px = Math.max(size, MIN_TEXT_PX);
    const font = fontOf(lang, px, opts.bold);
    const [lead, gap] = LINE[languageOf(lang).script];
    for (const line of wrap(this.measure, text, font, lang, this.max)) {
      this.items.push({ kind: 'text', text: line, x: this.cx, y: Math.round(this.y + px * lead), font, lang, color: opts.color ?? 'black' });
      this.y += Math.round(px * gap);
    }
    return this;
  }

  /** One line, shrunk until it fits the column; placed by its ink box so big type wastes no paper. */
  fitted(text: string, lang: Lang, px: number, bold: boolean): this {
    let size = px;
    let m = this.measure(text, fontOf(lang, size, bold), lang);
    while (m.width > this.max && size > 12) {
      size = Math.floor(size * 0.95);
      m = this.measure(text, fontOf(lang, size, bold), lang);
    }
    this.items.push({ kind: 'text', text, x: this.cx, y: Math.round(this.y + m.ascent), font: fontOf(lang, size, bold), lang, color: 'black' });
    this.y += Math.round(m.ascent + m.descent);
    return this;
  }

  /**
   * Arabic and the second language side by side on one line (Arabic on the right, where an Arabic reader
   * starts), or one under the other when that does not fit.
   */
  pair(text: Bilingual, other: Lang, arPx: number, enPx: number, bold = false): this {
    const [ar, en] = [Math.max(arPx, MIN_TEXT_PX), Math.max(enPx, MIN_TEXT_PX)];
    const wa = this.measure(text.ar, fontOf('ar', ar, bold), 'ar').width;
    const we = this.measure(text.other, fontOf(other, en, bold), other).width;
    const space = Math.round(en * 1.2);
    if (wa + we + space > this.max) return this.text(text.ar, 'ar', ar, { bold }).text(text.other, other, en, { bold });
    const left = this.cx - (wa + we + space) / 2;
    const [lead, gap] = LINE[languageOf(other).script];
    const y = Math.round(this.y + Math.max(ar * 1.06, en * lead));
    this.items.push({ kind: 'text', text: text.other, x: Math.round(left + we / 2), y, font: fontOf(other, en, bold), lang: other, color: 'black' });
    this.items.push({ kind: 'text', text: text.ar, x: Math.round(left + we + space + wa / 2), y, font: fontOf('ar', ar, bold), lang: 'ar', color: 'black' });
    this.y += Math.round(Math.max(ar * 1.5, en * gap));
    return this;
  }

  gap(px: number): this {
    this.y += Math.round(px);
    return this;
  }

  rule(thickness: number): this {
    this.items.push({ kind: 'rect', x: Math.round(this.cx - this.max / 2), y: this.y, w: Math.round(this.max), h: thickness, color: 'black' });
    this.y += thickness;
    return this;
  }
}

/**
 * Lays out `p` for paper `width`. 58 mm paper gets the same design at about 3/4 size; anything too
 * wide wraps (text) or shrinks (the number, the hotline).
 */
export function layoutTicket(p: TicketPrintout, width: PaperWidth, measure: Measurer): TicketLayout {
  const s = width === 576 ? 1 : 0.8;
  const margin = Math.round(20 * s);
  const items: DrawItem[] = [];
  const main = new Column(measure, items, width / 2, width - 2 * margin, Math.round(18 * s));
  const other = secondLangOf(p);
  /** A dictionary text in Arabic and the second language. */
  const tr = (key: VisitorKey, params?: Record<string, string | number>): Bilingual => ({ ar: t('ar', key, params), other: t(other, key, params) });
  /** A catalogue text (service, branch) in Arabic and the second language. */
  const cat = (text: Localized): Bilingual => ({ ar: text.ar, other: pick(text, other) });
  const both = (c: Column, text: Bilingual, arPx: number, enPx: number, bold = false) =>
    c.text(text.ar, 'ar', arPx * s, { bold }).text(text.other, other, enPx * s, { bold });

  both(main, cat(p.branch), 30, 25, true).gap(6 * s).rule(Math.max(2, Math.round(3 * s))).gap(14 * s);
  main.pair(tr('kiosk.yourTicket'), other, 25 * s, 22 * s);
  main.gap(10 * s).fitted(p.number, 'en', 168 * s, true).gap(22 * s);
  both(main, cat(p.service), 34, 27, true);
  main.gap(10 * s).text(formatIssuedAt(p.issuedAt, p.timezone), 'en', 23 * s);
  main.gap(6 * s).rule(Math.max(1, Math.round(2 * s))).gap(14 * s);

  // The two facts side by side, people-ahead on the right (Arabic reading order comes first); with no
  // position (as on screen) the wait takes the whole width.
  const top = main.y;
  const cols: Column[] = [];
  const half = (width - 2 * margin) / 2;
  if (p.position !== null) {
    const c = new Column(measure, items, width - margin - half / 2, half - 8 * s, top);
    both(c, tr('kiosk.position'), 22, 19);
    c.gap(4 * s).fitted(String(p.position), 'en', 64 * s, true);
    cols.push(c);
  }
  const w = p.position !== null ? new Column(measure, items, margin + half / 2, half - 8 * s, top) : new Column(measure, items, width / 2, width - 2 * margin, top);
  both(w, tr('kiosk.estimatedWait'), 22, 19);
  // The words the screen and the phone use (core's waitWords): "you are next" with nobody ahead, "not known
  // yet" without an estimate; otherwise the minutes, large.
  const words = waitWords(p.position === null ? null : p.position + 1, p.estimatedWaitMin);
  if (p.estimatedWaitMin === null || words.key === 'wait.next') {
    w.gap(6 * s);
    both(w, tr(words.key), 26, 22, true);
  } else {
    w.gap(4 * s).fitted(String(p.estimatedWaitMin), 'en', 64 * s, true).gap(8 * s);
    // The unit in both languages, as the screen's "{n} دقيقة" / "{n} min" without the number.
    const unit = tr('kiosk.minutes', { n: '' });
    w.pair({ ar: unit.ar.trim(), other: unit.other.trim() }, other, 22 * s, 19 * s);
  }
  cols.push(w);
  main.y = Math.max(...cols.map((c) => c.y)) + Math.round(10 * s);

  if (p.lateNotice) {
    // Inverted box: the one thing on the ticket that differs from what the visitor expected.
    const at = items.length;
    const boxTop = main.y;
    const inner = new Column(measure, items, width / 2, width - 2 * margin - 24 * s, boxTop + Math.round(10 * s));
    const late = tr('kiosk.ticket.late');
    inner.text(late.ar, 'ar', 22 * s, { bold: true, color: 'white' });
    inner.text(late.other, other, 20 * s, { bold: true, color: 'white' }).gap(4 * s);
    items.splice(at, 0, { kind: 'rect', x: margin, y: boxTop, w: width - 2 * margin, h: inner.y - boxTop, color: 'black' });
    main.y = inner.y + Math.round(12 * s);
  }

  main.rule(Math.max(1, Math.round(2 * s))).gap(12 * s);
  both(main, tr('ticket.keep'), 22, 19);
  main.gap(6 * s);
  both(main, tr('kiosk.help'), 20, 18);
  // The hotline alone on its line: mixed into the Arabic sentence it would need bidi care, and it is
  // the one thing someone in trouble must be able to read.
  main.gap(4 * s).fitted(p.hotline, 'en', 40 * s, true).gap(18 * s);
  both(main, tr('kiosk.ticket.qr'), 20, 18);
  main.gap(4 * s);

  return { width, height: Math.ceil(main.y / 8) * 8, items };
}
