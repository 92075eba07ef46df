/**
 * Dawr's clients in `call-latency`: a kiosk, `counters` clerks' screens, `displays` wall displays
 * (socket.io-client, or the wire client of clients.ts), and one visitor's phone for each of `phones`
 * tickets of the day (socket.io clients with `{track}`, as the phone page). A call is a clerk's "Call
 * next" until every display has `ticket:called:v2` (which brings the queue's counts too), the clerk has
 * the ack and (unless quick) every counter screen has `staff:queue:v2`, the last of the pushes that
 * follow a change: calls never overlap, so no push still being decoded holds up the next call's receipts
 * in this one client process. The phones' pushes are not waited for; their share of the server's work
 * stays in the measurement.
 */
import type { ChildProcess } from 'node:child_process';
import { io } from 'socket.io-client';
import type { CallPush } from '@dawr/core';
import { log, nextMessage } from '../lib/util';
import { inBatches, sioConnect, wireDisplay, type Client, type DisplayClient } from './clients';
import { newPending, timingOf, waitFor, type CallTiming, type Pending } from './pending';

export interface DawrSide {
  sockets: { close(): void }[];
  displays: DisplayClient[];
  /** One call; `quick` waits for the displays and the ack only. */
  call(quick?: boolean): Promise<CallTiming>;
  /** Issues `count` more walk-ins in the server process. */
  issue(count: number): Promise<string[]>;
  /** Pushes the phones have received so far. */
  phonePushes(): number;
  /** Call pushes that arrived with no call in flight. */
  stray(): number;
}

export interface DawrSideOptions {
  port: number;
  counterIds: string[];
  displays: number;
  phones: number;
  dayTickets: number;
  displayClient: 'socket.io' | 'wire';
}

/** Connects Dawr's clients to the branch server `child` on `port`, after issuing the day's tickets. */
export async function connectDawr(child: ChildProcess, o: DawrSideOptions): Promise<DawrSide> {
  const url = `http://127.0.0.1:${o.port}`;
  const counterCount = o.counterIds.length;
  const sockets: { close(): void }[] = [];
  let cur: Pending | null = null;
  let stray = 0;
  const complete = (p: Pending) => p.called === o.displays && p.changed >= p.changedNeeded && p.acked;
  const kiosk = await sioConnect(url, 'demo-kiosk-token');
  const counters = await inBatches(counterCount, 10, () => sioConnect(url, 'demo-counter-token'));
  const displays: DisplayClient[] = await inBatches(o.displays, 25, () =>
    o.displayClient === 'wire' ? wireDisplay(o.port, 'demo-display-token') : sioConnect(url, 'demo-display-token'),
  );
  sockets.push(kiosk, ...counters, ...displays);
  for (const d of displays) {
    d.on('ticket:called:v2', (call: CallPush) => {
      const p = cur;
      if (!p) return void stray++;
      if (p.ticketId === null) p.ticketId = call.ticketId;
      else if (p.ticketId !== call.ticketId) p.mismatches++;
      if (++p.called === 1) p.first = performance.now() - p.t0;
      if (p.called === o.displays) p.latency = performance.now() - p.t0;
      if (complete(p)) p.resolve();
    });
  }
  for (const c of counters) {
    c.on('staff:queue:v2', () => {
      const p = cur;
      if (!p) return; // pushes of the kiosk's issues, before the measurement
      ++p.changed;
      if (complete(p)) p.resolve();
    });
  }
  log(`connected 1 kiosk, ${counterCount} counters and ${o.displays} displays (${o.displayClient} clients)`);

  // The day's tickets, issued in the server process (the kiosk socket's round trips would only slow the
  // set-up), then one phone for each of `phones` tickets spread over the day.
  const issue = async (count: number): Promise<string[]> => {
    child.send({ type: 'issue', count });
    return (await nextMessage<{ type: 'issued'; tokens: string[] }>(child, 'issued', 120_000)).tokens;
  };
  const tokens = await issue(o.dayTickets);
  log(`issued ${tokens.length} tickets in the server`);
  let phonePushes = 0;
  const phones = await inBatches(o.phones, 50, (i) => {
    const track = tokens[Math.floor((i * tokens.length) / o.phones)]!;
    const s: Client = io(url, { auth: { track, lang: 'en' }, transports: ['websocket'], reconnection: false, forceNew: true });
    s.on('ticket:status:v1', () => void phonePushes++);
    return new Promise<Client>((resolve, reject) => {
      s.once('ticket:status:v1', () => resolve(s));
      s.once('connect_error', reject);
    });
  });
  sockets.push(...phones);
  log(`connected ${phones.length} phones, each following its own ticket`);

  let callNo = 0;
  return {
    sockets,
    displays,
    issue,
    phonePushes: () => phonePushes,
    stray: () => stray,
    async call(quick = false) {
      const counterId = o.counterIds[callNo % counterCount]!;
      const clerk = counters[callNo % counterCount]!;
      callNo++;
      const p = newPending(quick ? 0 : counterCount);
      const done = waitFor(p, `dawr call ${callNo}`);
      cur = p;
      p.t0 = performance.now();
      clerk.emit('counter:callNext:v1', { counterId }, (r) => {
        if (!r.ok) return p.fail(new Error(`callNext failed: ${r.code}`));
        if (!r.ticket) return p.fail(new Error('callNext: nobody waiting (issue more tickets)'));
        if (p.ticketId !== null && p.ticketId !== r.ticket.id) p.mismatches++;
        p.acked = true;
        if (complete(p)) p.resolve();
      });
      await done;
      cur = null;
      if (p.mismatches) throw new Error(`call ${callNo}: ${p.mismatches} displays got another ticket`);
      return timingOf(p);
    },
  };
}
