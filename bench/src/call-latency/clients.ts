/**
 * The clients of `call-latency`: socket.io-client sockets (as the apps use), bare `ws` sockets (the
 * baseline's), and a wall display that speaks socket.io's wire protocol over a bare `ws` socket and
 * decodes each frame as the baseline's clients do (one string conversion, one JSON.parse). The last one
 * takes socket.io-client's own per-message work off the clients' shared event loop, so the two servers
 * are compared with the same decoding on the other end (BENCH_DISPLAY_CLIENT=wire).
 */
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import type { CallPush, ClientToServerEvents, ServerToClientEvents } from '@dawr/core';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What the bench needs of a wall display: its call pushes, and closing it. */
export interface DisplayClient {
  on(event: 'ticket:called:v2', fn: (call: CallPush) => void): unknown;
  once(event: 'ticket:called:v2', fn: (call: CallPush) => void): unknown;
  close(): void;
}

/** A socket.io-client socket over WebSocket only, connected with `token`. */
export function sioConnect(url: string, token: string): Promise<Client> {
  const s: Client = io(url, { auth: { token, lang: 'en' }, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', (e) => {
      s.close();
      reject(e);
    });
  });
}

/** A bare `ws` client. */
export function wsConnect(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/**
 * A display on socket.io's wire protocol (Engine.IO 4 over WebSocket): it answers the open packet with
 * a connect to the main namespace carrying `token`, answers pings, and hands `42[event, payload]` frames
 * to its listeners.
 */
export function wireDisplay(port: number, token: string): Promise<DisplayClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`);
  const listeners: ((call: CallPush) => void)[] = [];
  const display: DisplayClient = {
    on: (_event, fn) => listeners.push(fn),
    once: (_event, fn) => {
      const once = (call: CallPush) => {
        listeners.splice(listeners.indexOf(once), 1);
        fn(call);
      };
      listeners.push(once);
    },
    close: () => ws.terminate(),
  };
  return new Promise((resolve, reject) => {
    ws.on('message', (data) => {
      const frame = String(data);
      if (frame.startsWith('42')) {
        const [event, payload] = JSON.parse(frame.slice(2)) as [string, CallPush];
        if (event === 'ticket:called:v2') for (const fn of [...listeners]) fn(payload);
      } else if (frame === '2') ws.send('3');
      else if (frame.startsWith('0{')) ws.send(`40${JSON.stringify({ token, lang: 'en' })}`);
      else if (frame.startsWith('40')) resolve(display);
      else if (frame.startsWith('44')) reject(new Error(`display refused: ${frame.slice(2)}`));
    });
    ws.once('error', reject);
  });
}

/** Runs `make` for 0..n-1, `batch` at a time. */
export async function inBatches<T>(n: number, batch: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i += batch) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(batch, n - i) }, (_, j) => make(i + j)))));
  }
  return out;
}
