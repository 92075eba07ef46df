/** A booking as an iCalendar file (RFC 5545) for the citizen's calendar. Pure. */

export interface IcsBooking {
  reference: string;
  slotAt: number;
  slotMin: number;
  summary: string;
  location: string;
  description: string;
  /** When the file is made (DTSTAMP), epoch ms. */
  now: number;
}

const stamp = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Escapes a TEXT value and folds the line at 75 octets (continuation lines start with a space). */
function line(name: string, value: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
  const bytes = new TextEncoder();
  const out: string[] = [];
  let current = `${name}:`;
  for (const ch of escaped) {
    if (bytes.encode(current + ch).length > 75) {
      out.push(current);
      current = ` ${ch}`;
    } else current += ch;
  }
  out.push(current);
  return out.join('\r\n');
}

/** The .ics text (CRLF line ends, times in UTC). */
export function bookingIcs(b: IcsBooking): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Dawr//Booking//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${b.reference}@dawr.booking`,
    `DTSTAMP:${stamp(b.now)}`,
    `DTSTART:${stamp(b.slotAt)}`,
    `DTEND:${stamp(b.slotAt + b.slotMin * 60_000)}`,
    line('SUMMARY', b.summary),
    line('LOCATION', b.location),
    line('DESCRIPTION', b.description),
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}
