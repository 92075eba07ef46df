/**
 * Online card renewal (seed: "Online renewal (with e-key login)"): the application's states and who may move it,
 * the pickup choice, the card ready for collection as a branch holds it, and the sync change types that carry it.
 * Pure: no I/O.
 */
import { parseMobile } from './booking/applicant';
import type { Localized } from './domain';

/**
 * submitted → in_production → ready (at the pickup branch) | posted → collected; or cancelled by the citizen
 * before production starts. Collected and cancelled applications are closed: the citizen may apply again.
 */
export const APPLICATION_STATUSES = ['submitted', 'in_production', 'ready', 'posted', 'collected', 'cancelled'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** How the citizen receives the new card. */
export type Pickup = { kind: 'branch'; branchId: string } | { kind: 'post'; address: string };

/** The citizen as the identity provider vouches for them (never typed by the citizen). */
export interface Citizen {
  cpr: string;
  name: string;
  /** YYYY-MM-DD, or null when the provider did not say. */
  birthDate: string | null;
  nationality: string | null;
}

/** A card application as the citizen and the centre's staff see it. */
export interface CardApplication {
  id: string;
  /** Nine characters with a check character (core's booking references), shown `K7M-2QX-D4R`. */
  reference: string;
  cpr: string;
  name: string;
  pickup: Pickup;
  email: string | null;
  mobile: string | null;
  lang: 'ar' | 'en';
  status: ApplicationStatus;
  createdAt: number;
  updatedAt: number;
}

/** The branch's copy of a card waiting at its counter (sent down when the card is ready there). */
export interface CardPickup {
  /** The application's id. */
  id: string;
  reference: string;
  branchId: string;
  cpr: string;
  name: string;
  status: 'ready' | 'collected';
  readyAt: number;
}

/**
 * The branch's copy of an application for collection there that is not ready yet (sent down when it is submitted
 * and when it goes into production), so the kiosk can say the card is being made instead of "no card waiting".
 * No name: the kiosk only needs to find it by CPR and show its reference.
 */
export interface PendingCard {
  /** The application's id (the same as its CardPickup once ready). */
  id: string;
  reference: string;
  branchId: string;
  cpr: string;
  status: 'submitted' | 'in_production';
  /** When the application took this status. */
  at: number;
}

/** Down change: an application for collection at the branch is being made (payload `{card: PendingCard}`). */
export const CARD_PENDING_DOWN = 'card.pending';
/** Down change: a card is ready at the branch (payload `{pickup: CardPickup}`). */
export const CARD_READY_DOWN = 'card.ready';
/**
 * Down change: an application announced to the branch as pending there no longer comes to it (the citizen
 * cancelled it or chose another pickup); payload `{card: {id, branchId}}`.
 */
export const CARD_WITHDRAWN_DOWN = 'card.withdrawn';
/** Up event: the branch handed the card over (payload `{applicationId, ticketId}`). */
export const CARD_COLLECTED_UP = 'card.collected';

/** The service whose tickets hand cards over. A branch hands cards over when its catalogue offers it. */
export const CARD_COLLECTION_SERVICE = 'collection';

/** A status centre staff move an application to (only the citizen cancels). */
export type StaffMove = Exclude<ApplicationStatus, 'submitted' | 'cancelled'>;

/**
 * The moves centre staff make: into production, then ready at the branch or posted, and a posted card's delivery.
 * A card ready at a branch is collected only when the branch serves its collection ticket.
 */
export function staffMoves(status: ApplicationStatus, pickup: Pickup['kind']): StaffMove[] {
  if (status === 'submitted') return ['in_production'];
  if (status === 'in_production') return [pickup === 'branch' ? 'ready' : 'posted'];
  if (status === 'posted') return ['collected'];
  return [];
}

/** An application no longer open: the citizen may submit a new one. */
export function isClosed(status: ApplicationStatus): boolean {
  return status === 'collected' || status === 'cancelled';
}

/** The citizen may choose another pickup until the card is ready or posted (it has not left the centre). */
export function canChangePickup(status: ApplicationStatus): boolean {
  return status === 'submitted' || status === 'in_production';
}

/** The citizen may cancel until the centre starts making the card. */
export function canCancel(status: ApplicationStatus): boolean {
  return status === 'submitted';
}

/** Longest accepted values (characters). */
export const RENEWAL_FIELD_MAX = { address: 300, email: 254, mobile: 20 } as const;

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
/** What is wrong with a form field. */
type FieldProblem = 'REQUIRED' | 'FORMAT' | 'TOO_LONG';
/** A typed value as text, trimmed; anything else is empty. */
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

export type RenewalField = 'pickup' | 'branchId' | 'address' | 'email' | 'mobile';

/** What the citizen chose and typed on the renewal form (every field as typed). */
export interface RenewalInput {
  pickup?: unknown;
  branchId?: unknown;
  address?: unknown;
  email?: unknown;
  mobile?: unknown;
}

/**
 * Checks the renewal form: a pickup branch among `branches` (those that hand cards over) or a postal address, and
 * at least one way to tell the citizen the card is ready (e-mail or a Bahraini mobile).
 */
export function checkRenewal(
  input: RenewalInput,
  branches: readonly string[],
): { ok: true; pickup: Pickup; email: string | null; mobile: string | null } | { ok: false; fields: Partial<Record<RenewalField, FieldProblem>> } {
  const checked = checkPickup(input, branches);
  const fields: Partial<Record<RenewalField, FieldProblem>> = checked.ok ? {} : { ...checked.fields };
  const emailText = text(input.email);
  const mobileText = text(input.mobile);
  if (emailText.length > RENEWAL_FIELD_MAX.email) fields.email = 'TOO_LONG';
  else if (emailText && !EMAIL.test(emailText)) fields.email = 'FORMAT';
  const mobile = mobileText ? parseMobile(mobileText.slice(0, RENEWAL_FIELD_MAX.mobile + 1)) : null;
  if (mobileText && !mobile) fields.mobile = 'FORMAT';
  if (!emailText && !mobileText) fields.email = 'REQUIRED';
  if (Object.keys(fields).length > 0 || !checked.ok) return { ok: false, fields };
  return { ok: true, pickup: checked.pickup, email: emailText || null, mobile };
}

/** Checks the pickup part of the form alone (also used when the citizen changes it): a branch among `branches`, or an address. */
export function checkPickup(
  input: Pick<RenewalInput, 'pickup' | 'branchId' | 'address'>,
  branches: readonly string[],
): { ok: true; pickup: Pickup } | { ok: false; fields: Partial<Record<'pickup' | 'branchId' | 'address', FieldProblem>> } {
  if (input.pickup === 'branch') {
    const b = text(input.branchId);
    if (!b) return { ok: false, fields: { branchId: 'REQUIRED' } };
    if (!branches.includes(b)) return { ok: false, fields: { branchId: 'FORMAT' } };
    return { ok: true, pickup: { kind: 'branch', branchId: b } };
  }
  if (input.pickup === 'post') {
    const a = text(input.address).replace(/\s+/g, ' ');
    if (a.length < 5) return { ok: false, fields: { address: 'REQUIRED' } };
    if (a.length > RENEWAL_FIELD_MAX.address) return { ok: false, fields: { address: 'TOO_LONG' } };
    return { ok: true, pickup: { kind: 'post', address: a } };
  }
  return { ok: false, fields: { pickup: 'REQUIRED' } };
}

/** The "your card is ready" notice, in the citizen's language (e-mail subject and body; SMS body). */
export function cardReadyNotice(
  lang: 'ar' | 'en',
  a: { reference: string; status: 'ready' | 'posted' },
  branch: Localized | null,
): { subject: string; body: string; sms: string } {
  const ref = `${a.reference.slice(0, 3)}-${a.reference.slice(3, 6)}-${a.reference.slice(6)}`;
  if (lang === 'ar') {
    const where = a.status === 'ready' ? `وهي جاهزة للاستلام في ${branch?.ar ?? ''}. يرجى إحضار بطاقتك الحالية.` : 'وقد أُرسلت إليك بالبريد.';
    const body = `بطاقتك الجديدة (الطلب ${ref}) ${where}\nللاستفسار: 80008001`;
    return { subject: `بطاقتك جاهزة (${ref})`, body, sms: body };
  }
  const where = a.status === 'ready' ? `is ready for collection at ${branch?.en ?? ''} branch. Please bring your current card.` : 'has been sent to you by post.';
  const body = `Your new ID card (application ${ref}) ${where}\nQuestions: 80008001`;
  return { subject: `Your card is ready (${ref})`, body, sms: body };
}
