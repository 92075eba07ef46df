/**
 * Which script the screen on show has: read from the route and from the page's own markers (test ids, the
 * appointment's window, the idle dialog), never from its text, so nothing personal (a name, a CPR) can get
 * into speech. The ticket's facts are read from the ticket screen: number, people ahead, minutes.
 */
import { HOTLINE, type VisitorLang } from '@dawr/core';
import { errorScript, screenClips, ticketScript, type Screen } from './clips';

export interface Script {
  screen: string;
  clips: string[];
}

const has = (selector: string): boolean => document.querySelector(selector) !== null;
const numberIn = (selector: string): number | null => {
  const m = /(\d+)/.exec(document.querySelector(selector)?.textContent ?? '');
  return m ? Number(m[1]) : null;
};

function screenOf(path: string): Screen | null {
  if (path === '/') return 'start';
  if (path === '/cpr') return 'cpr';
  if (path === '/visit') {
    const appt = document.querySelector<HTMLElement>('[data-testid="appointment"]');
    if (!appt) return 'services-no-appt';
    if (has('[data-testid="check-in"]')) return appt.dataset.window === 'late' ? 'appt-late' : 'appt-on-time';
    return appt.dataset.window === 'too_early' ? 'appt-early' : 'appt-closed';
  }
  if (path === '/services') {
    if (has('[data-testid="card-ready"]')) return 'services-card-ready';
    if (has('[data-testid="card-pending"]')) return 'services-card-pending';
    if (has('[data-testid="no-appointment"]')) return 'services-no-appt';
    return has('[data-testid="no-id-note"]') ? 'services-no-id' : 'services';
  }
  if (path.startsWith('/service/')) {
    if (has('[data-testid="advice-online"]')) return 'advice-online';
    if (has('[data-testid="advice-valid"]')) return 'advice-valid';
    if (has('[data-testid="no-card"]')) return 'no-card';
    if (has('[data-testid="card-pending"]')) return 'card-pending';
    return has('[data-testid="card-ticket"]') ? 'priority-card' : 'priority';
  }
  return null;
}

/** The idle warning's script (read out when it opens, if the visitor uses speech). */
export function idleScript(lang: VisitorLang): Script {
  return { screen: 'idle', clips: screenClips(lang, 'idle') };
}

/** The script of the screen on show in `lang`: an error first, then the screen's own summary. */
export function currentScript(lang: VisitorLang): Script {
  if (has('[data-testid="idle-warning"][open]')) return idleScript(lang);
  const path = location.pathname;
  const error = has('[data-testid="error"]') ? errorScript(lang, HOTLINE) : [];
  if (path === '/ticket' && has('[data-testid="ticket-number"]')) {
    const number = document.querySelector('[data-testid="ticket-number"]')!.textContent?.trim() ?? '';
    const clips = ticketScript(lang, { number, ahead: numberIn('[data-testid="ticket-ahead"]'), waitMin: numberIn('[data-testid="ticket-wait"]') });
    return { screen: 'ticket', clips: [...clips, ...error] };
  }
  const screen = screenOf(path);
  return { screen: error.length ? `error${screen ? `+${screen}` : ''}` : (screen ?? 'unknown'), clips: [...error, ...(screen ? screenClips(lang, screen) : [])] };
}
