/**
 * A man in the middle of branch ↔ hub sync, for tests that kill a process at an exact point of an exchange. It
 * passes every request through, except the one batch it is told to catch:
 *  - `drop`: the batch is read whole and never forwarded (the hub never sees it);
 *  - `answered`: the batch goes to the hub, which commits it and answers; the answer is kept from the branch.
 * Either way the branch is left waiting on that request, which is when the test kills it. `setOffline(true)` cuts
 * the link instead: every request's connection is dropped, as when the WAN is down, until `setOffline(false)`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { UpAck, UpBatch } from '@dawr/core';

export type CatchMode = 'drop' | 'answered';

/** What the proxy caught: the batch's seqs, and the hub's answer when it was forwarded. */
export interface Caught {
  mode: CatchMode;
  seqs: number[];
  ack: UpAck | null;
}

export interface SyncProxy {
  url: string;
  /** Catches the next up batch with events; resolves once it is held as `mode` says. */
  catchNextBatch(mode: CatchMode): Promise<Caught>;
  /** Batches that passed through untouched. */
  passed(): number;
  /** Drops every request (the centre is unreachable) while on. */
  setOffline(on: boolean): void;
  close(): Promise<void>;
}

/** Starts a proxy on a free port in front of the hub at `hubPort`. */
export async function startSyncProxy(hubPort: number): Promise<SyncProxy> {
  let armed: { mode: CatchMode; resolve: (c: Caught) => void; reject: (e: Error) => void } | null = null;
  let passed = 0;
  let offline = false;
  const held = new Set<http.ServerResponse>();

  const forward = (req: http.IncomingMessage, body: Buffer, onAnswer: (status: number, headers: http.IncomingHttpHeaders, answer: Buffer) => void) => {
    const out = http.request({ host: '127.0.0.1', port: hubPort, method: req.method, path: req.url, headers: req.headers }, (r) => {
      const parts: Buffer[] = [];
      r.on('data', (b: Buffer) => parts.push(b));
      r.on('end', () => onAnswer(r.statusCode ?? 502, r.headers, Buffer.concat(parts)));
      r.on('error', () => onAnswer(502, {}, Buffer.alloc(0)));
    });
    out.on('error', () => onAnswer(502, {}, Buffer.alloc(0)));
    out.end(body);
  };

  const server = http.createServer((req, res) => {
    if (offline) return void req.socket.destroy();
    const parts: Buffer[] = [];
    req.on('data', (b: Buffer) => parts.push(b));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const body = Buffer.concat(parts);
      const batch = req.method === 'POST' && req.url?.startsWith('/sync/v1/up') ? readBatch(req, body) : null;
      const reply = (status: number, headers: http.IncomingHttpHeaders, answer: Buffer) => {
        if (!res.destroyed) res.writeHead(status, headers).end(answer);
      };
      if (!batch || batch.events.length === 0 || !armed) {
        if (batch) passed += 1;
        return forward(req, body, reply);
      }
      const { mode, resolve, reject } = armed;
      armed = null;
      held.add(res);
      res.on('close', () => held.delete(res));
      const seqs = batch.events.map((e) => e.seq);
      if (mode === 'drop') return resolve({ mode, seqs, ack: null });
      forward(req, body, (status, headers, answer) => {
        const text = decode(headers, answer).toString();
        if (status !== 200) return reject(new Error(`the hub refused the caught batch: ${status} ${text}`));
        resolve({ mode, seqs, ack: JSON.parse(text) as UpAck });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    catchNextBatch: (mode) => new Promise((resolve, reject) => (armed = { mode, resolve, reject })),
    passed: () => passed,
    setOffline: (on) => {
      offline = on;
      // Kept-alive connections from before go too: nothing gets through while the link is down.
      if (on) server.closeAllConnections();
    },
    close: () =>
      new Promise((resolve) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function decode(headers: http.IncomingHttpHeaders, body: Buffer): Buffer {
  return headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
}

function readBatch(req: http.IncomingMessage, body: Buffer): UpBatch | null {
  try {
    return JSON.parse(decode(req.headers, body).toString()) as UpBatch;
  } catch {
    return null;
  }
}
