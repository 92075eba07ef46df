/**
 * What a clerk can do with the counter's ticket, and the keys for it. Availability comes from the one
 * state machine in core, so a button is never offered for a transition the server would refuse.
 */
import { canApply, type TicketCommand, type TicketState } from '@dawr/core';

/** The actions on the counter's current ticket, by their command names. */
export const TICKET_ACTIONS = ['recall', 'start', 'finish', 'noShow', 'park', 'transfer'] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/**
 * Every keyboard action of the desk: the ticket actions, "Call next", return the oldest parked ticket,
 * jump to the live queue (to call a ticket out of order with Tab and Enter), open/close the counter.
 */
export type DeskKey = TicketAction | 'callNext' | 'returnParked' | 'queue' | 'toggleOpen';

const MACHINE: Record<TicketAction, TicketCommand['kind']> = {
  recall: 'recall',
  start: 'start',
  finish: 'finish',
  noShow: 'no_show',
  park: 'park',
  transfer: 'transfer',
};

/** The socket command of each action that needs no dialog. */
export const SIMPLE_COMMANDS = {
  recall: 'ticket:recall:v1',
  start: 'ticket:start:v1',
  noShow: 'ticket:noShow:v1',
  park: 'ticket:park:v1',
} as const;

/**
 * Keys by physical position (KeyboardEvent.code), so they work whatever the keyboard layout: on an
 * Arabic layout the N key types "ى" but its code is still KeyN.
 */
export const SHORTCUTS: Record<DeskKey, { code: string; label: string }> = {
  callNext: { code: 'KeyN', label: 'N' },
  recall: { code: 'KeyR', label: 'R' },
  start: { code: 'KeyS', label: 'S' },
  finish: { code: 'KeyF', label: 'F' },
  noShow: { code: 'KeyX', label: 'X' },
  park: { code: 'KeyP', label: 'P' },
  transfer: { code: 'KeyT', label: 'T' },
  returnParked: { code: 'KeyB', label: 'B' },
  queue: { code: 'KeyQ', label: 'Q' },
  toggleOpen: { code: 'KeyC', label: 'C' },
};

/** The desk action bound to a key code, if any. */
export function actionForCode(code: string): DeskKey | null {
  for (const [action, key] of Object.entries(SHORTCUTS) as [DeskKey, { code: string }][]) {
    if (key.code === code) return action;
  }
  return null;
}

/** Whether `action` is allowed for a ticket in `state` (called: recall/start/no-show/park/transfer…). */
export function allowed(action: TicketAction, state: TicketState | null): boolean {
  return state !== null && canApply(state, MACHINE[action]);
}

/** Finish outcomes a clerk picks from (stored as these codes; reports translate them). */
export const OUTCOMES = ['served', 'incomplete_documents', 'referred', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Whether a key press should be left alone: modifiers, auto-repeat, or typing in a field. */
export function ignoredKey(e: KeyboardEvent): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return true;
  const target = e.target;
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** The screens of the app: the clerk's desk, and the branch overview for managers. */
export type View = 'desk' | 'manager' | 'reports';

/** Where a transfer sends the ticket (a service, optionally one counter) and whether it keeps its place. */
export interface TransferChoice {
  toServiceId: string;
  toCounterId: string | null;
  keepArrival: boolean;
}
