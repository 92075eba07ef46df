/**
 * The kiosk's hardware state as staff see it ('kiosk:alert:v1'). We keep the latest state per kind and
 * send it when it changes and again after every (re)connection: the branch server forgets a kiosk's alerts
 * when it disconnects, so "out of paper" must be said again when it comes back.
 */
import type { AlertKind, DeviceAlert } from '@dawr/core';
import { branchLink, sendAlert } from './branch';

type Level = DeviceAlert['level'];

interface AlertState {
  wanted: Map<AlertKind, { level: Level; code: string }>;
  /** What the branch server last acknowledged, per kind. */
  sent: Map<AlertKind, string>;
  /** Problems waiting out their grace period (see report's `graceMs`). */
  pending: Map<AlertKind, ReturnType<typeof setTimeout>>;
  hooked: boolean;
}

declare global {
  var __dawrKioskAlerts: AlertState | undefined;
}

function state(): AlertState {
  const s = (globalThis.__dawrKioskAlerts ??= { wanted: new Map(), sent: new Map(), pending: new Map(), hooked: false });
  if (!s.hooked) {
    s.hooked = true;
    branchLink().socket.on('connect', () => {
      s.sent.clear();
      for (const kind of s.wanted.keys()) void flush(kind);
    });
  }
  return s;
}

async function flush(kind: AlertKind): Promise<void> {
  const s = state();
  const want = s.wanted.get(kind);
  if (!want) return;
  const key = `${want.level}|${want.code}`;
  if (s.sent.get(kind) === key) return;
  // Not connected: the 'connect' handler sends it.
  if (await sendAlert(kind, want.level, want.code)) s.sent.set(kind, key);
}

/**
 * Records the state of one device kind and tells staff. `graceMs`: a problem is only reported if it is
 * still there after that long (the card reader reports "PC/SC down" for a moment at every start-up);
 * an 'ok' is always sent at once and cancels a pending problem.
 */
export function reportAlert(kind: AlertKind, level: Level, code: string, graceMs = 0): void {
  const s = state();
  const timer = s.pending.get(kind);
  if (timer) clearTimeout(timer);
  s.pending.delete(kind);
  const apply = () => {
    s.pending.delete(kind);
    const before = s.wanted.get(kind);
    if (before?.level === level && before.code === code) return;
    if (level !== 'ok' || before) console.info(`[kiosk] ${kind}: ${level} ${code}`);
    s.wanted.set(kind, { level, code });
    void flush(kind);
  };
  if (level === 'ok' || graceMs <= 0) return apply();
  const t = setTimeout(apply, graceMs);
  t.unref?.();
  s.pending.set(kind, t);
}

/** The current state per kind (for /health). */
export function alertStates(): Record<string, { level: Level; code: string }> {
  return Object.fromEntries(state().wanted);
}
