/**
 * The baseline's clients in `call-latency`: `displays` bare `ws` clients that decode each frame (one
 * JSON.parse, as a display would) and a trigger socket; a call is the trigger's message until every
 * display has the frame and the trigger its "ack".
 */
import type WebSocket from 'ws';
import { inBatches, wsConnect } from './clients';
import { newPending, timingOf, waitFor, type CallTiming, type Pending } from './pending';

export interface BaselineSide {
  sockets: WebSocket[];
  call(): Promise<CallTiming>;
  /** Frames that arrived with no call in flight. */
  stray(): number;
}

/** Connects the baseline's clients to its server on `port`. */
export async function connectBaseline(port: number, displays: number): Promise<BaselineSide> {
  const url = `ws://127.0.0.1:${port}`;
  const screens = await inBatches(displays, 25, () => wsConnect(`${url}/display`));
  const trigger = await wsConnect(`${url}/trigger`);
  let cur: Pending | null = null;
  let stray = 0;
  for (const d of screens) {
    d.on('message', (data) => {
      JSON.parse(String(data)); // a display decodes what it gets, as socket.io-client does
      const p = cur;
      if (!p) return void stray++;
      if (++p.called === 1) p.first = performance.now() - p.t0;
      if (p.called === displays) {
        p.latency = performance.now() - p.t0;
        if (p.acked) p.resolve();
      }
    });
  }
  trigger.on('message', () => {
    const p = cur;
    if (!p) return void stray++;
    p.acked = true;
    if (p.called === displays) p.resolve();
  });
  return {
    sockets: [...screens, trigger],
    stray: () => stray,
    async call() {
      const p = newPending(0);
      const done = waitFor(p, 'baseline trigger');
      cur = p;
      p.t0 = performance.now();
      trigger.send('call');
      await done;
      cur = null;
      return timingOf(p);
    },
  };
}
