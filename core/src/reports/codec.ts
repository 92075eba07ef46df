/**
 * A day's transactions in a compact text form, for the branch's cache of closed days (a month's report then reads
 * 21 short texts instead of 125 000 events). Ids are written once per day and referred to by number. Lossless:
 * decode(encode(x)) equals x. Pure.
 */
import type { Priority } from '../domain';
import type { Hold, OpenState, Transaction, TransactionEnd } from './types';

const ENDS: readonly TransactionEnd[] = ['served', 'transferred', 'no_show', 'cancelled', 'day_closed', 'open'];
const OPEN: readonly (OpenState | null)[] = [null, 'waiting', 'called', 'serving', 'parked'];

/** The text of one day's transactions. */
export function encodeDay(txs: readonly Transaction[]): string {
  const ids: string[] = [];
  const index = new Map<string | null, number>([[null, -1]]);
  const ref = (s: string | null): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = ids.push(s!) - 1;
      index.set(s, i);
    }
    return i;
  };
  const rows = txs.map((t) => [
    t.ticketId,
    t.index,
    ref(t.serviceId),
    t.enteredAt,
    t.waitFrom - t.enteredAt,
    t.calledAt,
    t.startedAt,
    t.endedAt,
    ENDS.indexOf(t.end),
    OPEN.indexOf(t.openState),
    t.serviceMs,
    t.parkedMs,
    t.recalls,
    ref(t.counterId),
    ref(t.clerkId),
    t.holds.flatMap((h) => [ref(h.counterId), ref(h.clerkId), h.from, h.to - h.from]),
    t.appointment ? 1 : 0,
    ref(t.priority),
    ref(t.outcome),
    t.slotAt,
  ]);
  return JSON.stringify({ ids, rows });
}

/** The transactions of `day` from its text. */
export function decodeDay(text: string, day: string): Transaction[] {
  const { ids, rows } = JSON.parse(text) as { ids: string[]; rows: unknown[][] };
  const id = (i: number) => (i < 0 ? null : ids[i]!);
  return rows.map((r) => {
    const h = r[15] as number[];
    const holds: Hold[] = [];
    for (let k = 0; k < h.length; k += 4) holds.push({ counterId: id(h[k]!), clerkId: id(h[k + 1]!), from: h[k + 2]!, to: h[k + 2]! + h[k + 3]! });
    return {
      ticketId: r[0] as string,
      day,
      index: r[1] as number,
      serviceId: id(r[2] as number)!,
      enteredAt: r[3] as number,
      waitFrom: (r[3] as number) + (r[4] as number),
      calledAt: r[5] as number | null,
      startedAt: r[6] as number | null,
      endedAt: r[7] as number | null,
      end: ENDS[r[8] as number]!,
      openState: OPEN[r[9] as number]!,
      serviceMs: r[10] as number | null,
      parkedMs: r[11] as number,
      recalls: r[12] as number,
      counterId: id(r[13] as number),
      clerkId: id(r[14] as number),
      holds,
      appointment: r[16] === 1,
      priority: id(r[17] as number) as Priority | null,
      outcome: id(r[18] as number),
      slotAt: (r[19] as number | null | undefined) ?? null,
    };
  });
}
