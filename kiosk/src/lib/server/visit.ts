/**
 * The one visit in progress at this kiosk, held in the kiosk server's memory only: who the visitor is (card,
 * MRZ, typed CPR or booking code), today's appointments, and the one ticket of the visit. Never in the URL,
 * never in cookies or logs; cleared by a reset (idle timeout, "start over", "done") and, should the page be
 * gone, by an expiry timer here.
 */
import type { AppointmentView, IdCardData, PendingCardView, PublicTicket, ReadyCard, VisitorInput } from '@dawr/core';
import type { PrintUi, VisitUi } from '$lib/events';
import { publish } from './bus';
import { kioskConfig } from './config';

/** How the visitor identified. */
export type Identity =
  | { via: 'chip' | 'mrz' | 'typed'; card: IdCardData }
  /** A booking QR code: the centre's signed token (the branch verifies it); no CPR or name. */
  | { via: 'booking'; token: string };

/** The visit's ticket as issued (or checked in) by the branch server. */
export interface IssuedTicket {
  ticket: PublicTicket;
  trackToken: string;
  /** Checked in after the appointment's window: joined the walk-in queue. */
  late: boolean;
  /** The phone-tracking URL of the QR code (on screen and on paper). */
  qrUrl: string;
}

export interface Visit {
  readonly id: string;
  /** The idempotency key of this visit's one ticket: a retry or a second tap never issues another. */
  readonly requestId: string;
  identity: Identity | null;
  identifiedAt: number;
  /** The visitor chose "continue without an ID card". */
  noId: boolean;
  /** Today's appointments for the identity; null until looked up. */
  appointments: AppointmentView[] | null;
  /** The card ready for collection here for the identity's CPR: null when none, undefined until looked up. */
  readyCard: ReadyCard | null | undefined;
  /** The card the centre is still making for collection here for that CPR (set with readyCard), or null. */
  pendingCard: PendingCardView | null;
  ticket: IssuedTicket | null;
  print: PrintUi | null;
  /** A ticket request in flight: a second tap waits for it instead of sending another. */
  pending: Promise<unknown> | null;
  touchedAt: number;
}

interface VisitStore {
  current: Visit | null;
  timer: ReturnType<typeof setInterval> | null;
}

declare global {
  var __dawrKioskVisit: VisitStore | undefined;
}

function store(): VisitStore {
  return (globalThis.__dawrKioskVisit ??= { current: null, timer: null });
}

/** The picture the page may see: no personal data. */
export function visitUi(v: Visit | null = store().current): VisitUi {
  return { id: v?.id ?? null, identified: v?.identity != null, ticket: v?.ticket?.ticket.number ?? null, print: v?.print ?? null };
}

/** Tells the page(s) that the visit changed. */
export function visitChanged(): void {
  publish({ kind: 'visit', visit: visitUi() });
}

/**
 * Forgets a visit nobody has touched for longer than the page's own idle timeout plus its warning (the page
 * is gone or stuck): the next visitor must never see the previous one's data.
 */
function watchExpiry(s: VisitStore): void {
  if (s.timer) return;
  s.timer = setInterval(() => {
    const { idleMs, warnMs } = kioskConfig();
    if (s.current && Date.now() - s.current.touchedAt > idleMs + warnMs + 30_000) resetVisit();
  }, 5_000);
  s.timer.unref?.();
}

/** The visit in progress, or null. */
export function currentVisit(): Visit | null {
  return store().current;
}

/** Marks the visit as in use (every screen of it, and "more time", call this). */
export function touchVisit(): void {
  const v = store().current;
  if (v) v.touchedAt = Date.now();
}

/** Starts a new, empty visit in place of any other. */
export function startVisit(): Visit {
  const s = store();
  const now = Date.now();
  s.current = {
    id: crypto.randomUUID(),
    requestId: crypto.randomUUID(),
    identity: null,
    identifiedAt: 0,
    noId: false,
    appointments: null,
    readyCard: undefined,
    pendingCard: null,
    ticket: null,
    print: null,
    pending: null,
    touchedAt: now,
  };
  watchExpiry(s);
  return s.current;
}

/** The visit in progress, or a new one. */
export function ensureVisit(): Visit {
  const v = store().current;
  if (v) {
    v.touchedAt = Date.now();
    return v;
  }
  return startVisit();
}

/** Ends the visit: every identity, appointment and ticket detail is dropped. */
export function resetVisit(): void {
  const s = store();
  if (!s.current) return;
  s.current = null;
  visitChanged();
}

/** The same person (same CPR) or the same booking code. */
function sameIdentity(a: Identity, b: Identity): boolean {
  if (a.via === 'booking') return b.via === 'booking' && a.token === b.token;
  return b.via !== 'booking' && a.card.cpr === b.card.cpr;
}

/**
 * Sets who the visitor is. A different person, or anyone after a ticket was issued, starts a new visit:
 * the previous visitor's appointments and ticket must not carry over.
 */
export function identify(identity: Identity): Visit {
  let v = store().current;
  if (!v || v.ticket || (v.identity && !sameIdentity(v.identity, identity))) v = startVisit();
  v.identity = identity;
  v.identifiedAt = Date.now();
  v.noId = false;
  v.appointments = null;
  v.readyCard = undefined;
  v.pendingCard = null;
  v.touchedAt = Date.now();
  return v;
}

/** What the branch server keeps with the ticket for the clerk (names and CPR; nothing for a booking code). */
export function visitorOf(identity: Identity | null): VisitorInput | undefined {
  if (!identity || identity.via === 'booking') return undefined;
  const { cpr, nameAr, nameEn } = identity.card;
  return { cpr, ...(nameAr ? { nameAr } : {}), ...(nameEn ? { nameEn } : {}) };
}
