/**
 * A local SMS gateway that sends nothing: `POST /sms` with JSON `{to, text}` and the bearer token is accepted (202)
 * and appended to `sms.jsonl` in a folder; it can answer 503 to the next requests, as a gateway under trouble does.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface SunkSms {
  to: string;
  text: string;
  receivedAt: number;
}

export interface SmsGateway {
  url: string;
  token: string;
  failNext(n: number): void;
  messages(): SunkSms[];
  close(): Promise<void>;
}

/** The messages kept in `dir` (also for a gateway run by another process). */
export function readSunkSms(dir: string): SunkSms[] {
  try {
    return readFileSync(path.join(dir, 'sms.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as SunkSms);
  } catch {
    return [];
  }
}

/** Starts the gateway on 127.0.0.1 (port 0: any free one). */
export async function startSmsGateway(dir: string, token: string, port = 0): Promise<SmsGateway> {
  mkdirSync(dir, { recursive: true });
  let refuse = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c;
    });
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/sms') return void res.writeHead(404).end();
      if (req.headers.authorization !== `Bearer ${token}`) return void res.writeHead(401).end();
      if (refuse > 0) {
        refuse--;
        return void res.writeHead(503).end();
      }
      let msg: { to?: unknown; text?: unknown };
      try {
        msg = JSON.parse(body) as typeof msg;
      } catch {
        return void res.writeHead(400).end();
      }
      if (typeof msg.to !== 'string' || typeof msg.text !== 'string') return void res.writeHead(400).end();
      appendFileSync(path.join(dir, 'sms.jsonl'), `${JSON.stringify({ to: msg.to, text: msg.text, receivedAt: Date.now() })}\n`);
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  return {
    url,
    token,
    failNext: (k) => {
      refuse = k;
    },
    messages: () => readSunkSms(dir),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
