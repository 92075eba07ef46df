/**
 * The kiosk's speech clip set (checklist items 7–9): which clips exist and what each screen says. Shared by
 * the app (what to play) and by scripts/make-clips.ts (what the clip tool, speech/, makes), so the two never
 * disagree on a name.
 *
 * A clip name is a path without extension under /audio/: `ar/kiosk.start.title` (a dictionary text of
 * @dawr/core, said as written), `en/minutes`, `ar/letter-b`, `en/42`, `ar/300`. Numbers work as on the wall
 * display (core/src/speech.ts): 0–99 a clip each, hundreds 100…900 one each, 142 = `100`, `and`, `42`.
 *
 * Only fixed texts are spoken: never a name, a CPR or any other personal detail, and no placeholder texts
 * ({time}, {n}…) except through the number clips.
 */
import { numberClips, spokenNumberClipNames, ticketClips, type VisitorKey, type VisitorLang } from '@dawr/core';

/** The languages the kiosk speaks: every visitor language espeak-ng has a voice for (not Tagalog). */
export const SPEECH_LANGS: readonly VisitorLang[] = ['ar', 'en', 'ur', 'hi', 'ml', 'bn', 'ta'];

/** Whether the kiosk has clips in `lang` (without, the speech control stays hidden: text only). */
export function speaks(lang: VisitorLang): boolean {
  return SPEECH_LANGS.includes(lang);
}

/** Extra words the kiosk's dictionary has only inside placeholder texts ("{n} min"). */
export const WORDS = ['minutes', 'and'] as const;
export type Word = (typeof WORDS)[number];

/** The screens that have a spoken summary. */
export type Screen =
  | 'start'
  | 'cpr'
  | 'appt-on-time'
  | 'appt-early'
  | 'appt-late'
  | 'appt-closed'
  | 'services'
  | 'services-no-id'
  | 'services-no-appt'
  | 'services-card-ready'
  | 'services-card-pending'
  | 'no-card'
  | 'card-pending'
  | 'advice-valid'
  | 'advice-online'
  | 'priority'
  | 'priority-card'
  | 'ticket'
  | 'idle'
  | 'error';

/** Each screen's spoken script: dictionary texts without placeholders, in reading order. */
export const SCRIPTS: Record<Screen, readonly VisitorKey[]> = {
  start: ['kiosk.welcome', 'kiosk.start.title', 'kiosk.start.card', 'kiosk.start.scan', 'kiosk.start.typeCpr', 'kiosk.start.noId'],
  cpr: ['kiosk.cpr.title', 'kiosk.continue'],
  'appt-on-time': ['kiosk.appt.title', 'kiosk.appt.onTime', 'kiosk.appt.checkIn'],
  'appt-early': ['kiosk.appt.title', 'kiosk.appt.comeBack'],
  'appt-late': ['kiosk.appt.title', 'kiosk.ticket.late', 'kiosk.appt.checkInLate'],
  'appt-closed': ['kiosk.appt.title', 'kiosk.appt.inactive'],
  services: ['kiosk.chooseService'],
  'services-no-id': ['kiosk.chooseService', 'kiosk.services.noIdNote'],
  'services-no-appt': ['kiosk.services.noAppointment'],
  'services-card-ready': ['kiosk.card.readyTitle', 'kiosk.card.ready', 'kiosk.card.collect'],
  'services-card-pending': ['kiosk.card.pendingTitle', 'kiosk.card.pending', 'kiosk.chooseService'],
  'no-card': ['kiosk.card.noneTitle', 'kiosk.card.none'],
  'card-pending': ['kiosk.card.pendingTitle', 'kiosk.card.pending'],
  'advice-valid': ['kiosk.advice.validTitle', 'kiosk.advice.damagedQuestion'],
  'advice-online': ['kiosk.advice.onlineTitle', 'kiosk.advice.online'],
  priority: ['kiosk.priority.title', 'kiosk.priority.elderly', 'kiosk.priority.disability', 'kiosk.priority.pregnancy', 'kiosk.priority.none'],
  'priority-card': ['kiosk.card.forCollection', 'kiosk.priority.title', 'kiosk.priority.elderly', 'kiosk.priority.disability', 'kiosk.priority.pregnancy', 'kiosk.priority.none'],
  // The ticket's numbers are added by ticketScript.
  ticket: ['kiosk.yourTicket', 'kiosk.position', 'kiosk.estimatedWait', 'kiosk.unknownWait', 'kiosk.watchScreen'],
  idle: ['kiosk.idle.title', 'kiosk.idle.more', 'kiosk.idle.finish'],
  // The hotline's digits follow (errorScript).
  error: ['kiosk.warningIcon', 'kiosk.help'],
};

/** The clips of a screen's script in `lang`. */
export function screenClips(lang: VisitorLang, screen: Screen): string[] {
  return SCRIPTS[screen].map((key) => `${lang}/${key}`);
}

/** "Your ticket number B 4, people ahead of you 3, estimated wait 15 minutes, please take a seat…". */
export function ticketScript(lang: VisitorLang, t: { number: string; ahead: number | null; waitMin: number | null }): string[] {
  const c = (key: VisitorKey) => `${lang}/${key}`;
  const out = [c('kiosk.yourTicket'), ...ticketClips(lang, t.number)];
  if (t.ahead !== null) out.push(c('kiosk.position'), ...numberClips(lang, t.ahead));
  out.push(c('kiosk.estimatedWait'));
  if (t.waitMin === null) out.push(c('kiosk.unknownWait'));
  else out.push(...numberClips(lang, t.waitMin), `${lang}/minutes`);
  out.push(c('kiosk.watchScreen'));
  return out;
}

/** An error's script: "Warning. Need help? Ask a staff member or call 8 0 0 0 8 0 0 1". */
export function errorScript(lang: VisitorLang, hotline: string): string[] {
  return [...screenClips(lang, 'error'), ...[...hotline].filter((d) => /\d/.test(d)).map((d) => `${lang}/${d}`)];
}

/** Every clip name the app can ask for (what the generator must produce). */
export function allClipNames(): string[] {
  const keys = new Set(Object.values(SCRIPTS).flat());
  const names: string[] = [];
  for (const lang of SPEECH_LANGS) {
    for (const key of keys) names.push(`${lang}/${key}`);
    for (const w of WORDS) names.push(`${lang}/${w}`);
    names.push(...spokenNumberClipNames(lang));
  }
  return [...new Set(names)]; // `and` is both a word and a number clip
}
