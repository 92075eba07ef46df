/**
 * The card soak (issue 13): insert → read → remove, `cycles` times, through the real pcscd and the kiosk's
 * reader service. A cycle is stuck when its read or its removal does not come within `stepMs` (then the card
 * is taken out and the next cycle starts on an empty reader). Used by test/integration/card-soak.test.ts (a
 * short run) and bench/src/card-soak.ts (500 cycles).
 */
import { CardReaderService, type CardEvent } from '@dawr/hardware/card';
import { sampleHolder } from '../emulators/iga-card-files';
import { insertCard } from '../emulators/virtual-card';
import { VIRTUAL_READERS, waitForCardState, type Pcscd } from './pcscd';

export interface SoakResult {
  cycles: number;
  /** Read with the right CPR and seen removed, each within stepMs. */
  ok: number;
  stuck: { cycle: number; step: string }[];
  wrongCpr: number;
  /** Read errors the service reported (with their codes). */
  errors: string[];
  /** What the service repaired by itself (missed events, stuck reads), by kind. */
  recovered: Record<string, number>;
  /** Insert → 'read' per cycle (ms). */
  readMs: number[];
}

/** Waits for the first event after `from` in `events` matching `pred`; null after `ms`. */
async function eventAfter(events: CardEvent[], from: number, pred: (e: CardEvent) => boolean, ms: number): Promise<CardEvent | null> {
  const until = Date.now() + ms;
  for (;;) {
    const e = events.slice(from).find(pred);
    if (e) return e;
    if (Date.now() > until) return null;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Runs the soak on reader "Virtual PCD 00 00" of `pcscd`; `progress` is called every 50 cycles. */
export async function cardSoak(pcscd: Pcscd, cycles: number, opts: { stepMs?: number; progress?: (done: number, r: SoakResult) => void } = {}): Promise<SoakResult> {
  const stepMs = opts.stepMs ?? 10_000;
  const reader = VIRTUAL_READERS[0];
  const events: CardEvent[] = [];
  const result: SoakResult = { cycles: 0, ok: 0, stuck: [], wrongCpr: 0, errors: [], recovered: {}, readMs: [] };
  const service = new CardReaderService({ reader, logger: { info: () => {}, warn: () => {} } });
  service.subscribe((e) => {
    events.push(e);
    if (e.kind === 'recovered') result.recovered[e.what] = (result.recovered[e.what] ?? 0) + 1;
  });
  service.start();
  try {
    if (!(await eventAfter(events, 0, (e) => e.kind === 'status' && e.status === 'ready', stepMs))) throw new Error('the reader service never became ready');
    for (let i = 1; i <= cycles; i++) {
      const cpr = `8${String(i).padStart(8, '0')}`;
      const from = events.length;
      const t0 = performance.now();
      const card = await insertCard({ kind: 'legacy', holder: sampleHolder({ cpr }) }, { port: pcscd.ports[0] });
      const read = await eventAfter(events, from, (e) => e.kind === 'read' || e.kind === 'error', stepMs);
      result.cycles = i;
      if (!read) {
        result.stuck.push({ cycle: i, step: 'read' });
      } else if (read.kind === 'error') {
        result.errors.push(read.code);
      } else {
        result.readMs.push(performance.now() - t0);
        if (read.kind === 'read' && read.data.cpr !== cpr) result.wrongCpr++;
      }
      const before = events.length;
      await card.remove();
      const removed = await eventAfter(events, before, (e) => e.kind === 'removed', stepMs);
      if (!removed) result.stuck.push({ cycle: i, step: 'removal' });
      if (read?.kind === 'read' && read.data.cpr === cpr && removed) result.ok++;
      if (!removed) await waitForCardState(reader, false, stepMs);
      if (i % 50 === 0) opts.progress?.(i, result);
    }
    return result;
  } finally {
    await service.stop();
  }
}
