/**
 * Connects the ID-card reader service to the kiosk: a card read becomes the visit's identity (server side
 * only), every change of the reader becomes a personal-data-free event for the page, and the reader's
 * health becomes a staff alert. Without pcscd the kiosk keeps working (scan or typed CPR) and recovers by
 * itself when pcscd returns: the reader service supervises PC/SC.
 */
import type { CardUi } from '$lib/events';
import { alertStates, reportAlert } from './alerts';
import { publish } from './bus';
import { kioskConfig } from './config';
import type { CardEvent } from '@dawr/hardware/card';
// types.ts only: the service itself (and its native binding) is loaded in startCardReader.
import { CARD_READ_MESSAGES } from '@dawr/hardware/card/types';
import { identify, visitChanged } from './visit';

interface Bridge {
  ui: CardUi;
  started: boolean;
}

declare global {
  var __dawrKioskCard: Bridge | undefined;
}

function bridge(): Bridge {
  return (globalThis.__dawrKioskCard ??= { ui: { reader: 'unavailable', reading: false, error: null }, started: false });
}

/** The card reader as the start screen shows it. */
export function cardUi(): CardUi {
  return bridge().ui;
}

function update(change: Partial<CardUi>): void {
  const b = bridge();
  b.ui = { ...b.ui, ...change };
  publish({ kind: 'card', card: b.ui });
}

/** Forgets a read error (a reset: the next visitor must not see it). */
export function clearCardError(): void {
  if (bridge().ui.error) update({ error: null });
}

/** At every start-up pcscd is reported down for a moment before the first monitor event: wait that out. */
const READER_ALERT_GRACE_MS = 3_000;

function onEvent(ev: CardEvent): void {
  switch (ev.kind) {
    case 'status':
      update({ reader: ev.status === 'ready' ? 'ready' : 'unavailable', reading: ev.status === 'ready' && bridge().ui.reading });
      if (ev.status === 'ready') reportAlert('card_reader', 'ok', 'ready');
      else reportAlert('card_reader', 'error', ev.status, READER_ALERT_GRACE_MS);
      return;
    case 'inserted':
      update({ reading: true, error: null });
      return;
    case 'read': {
      if (alertStates().card_reader?.level === 'warning') reportAlert('card_reader', 'ok', 'ready'); // reading again
      const visit = identify({ via: 'chip', card: ev.data });
      update({ reading: false, error: null });
      publish({ kind: 'identified', visitId: visit.id });
      visitChanged();
      return;
    }
    case 'error':
      update({ reading: false, error: { code: ev.code, retry: ev.retry, msgs: CARD_READ_MESSAGES[ev.code] } });
      return;
    case 'removed':
      if (bridge().ui.reading) update({ reading: false });
      return;
    case 'identified':
      return; // the full read follows within a few hundred ms: the visit starts with it
    case 'recovered':
      // The reader missed a card event or stalled and the service repaired it: staff should know it happens.
      reportAlert('card_reader', 'warning', ev.what);
      return;
  }
}

/**
 * Starts the reader service once (DAWR_CARD_READER=none or off: no reader). The service and its native
 * binding are loaded here, not at import time: a kiosk whose PC/SC library is missing still starts, and
 * staff get an alert.
 */
export async function startCardReader(env: Record<string, string | undefined>): Promise<void> {
  const b = bridge();
  if (b.started) return;
  b.started = true;
  const spec = kioskConfig().cardReader.toLowerCase();
  if (spec === 'none' || spec === 'off') {
    b.ui = { reader: 'off', reading: false, error: null };
    return;
  }
  try {
    const card = await import('@dawr/hardware/card');
    const reader = card.cardReader(card.cardReaderOptionsFromEnv(env));
    reader.subscribe(onEvent);
    // adapter-node waits for the event loop to empty before the process exits: let PC/SC go.
    process.once('sveltekit:shutdown', () => void reader.stop());
  } catch (e) {
    console.error(`[kiosk] the card reader could not be started: ${e instanceof Error ? e.message : String(e)}`);
    update({ reader: 'unavailable' });
    reportAlert('card_reader', 'error', 'driver_missing');
  }
}
