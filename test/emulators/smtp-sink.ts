/**
 * A local SMTP server that delivers nowhere: each message it accepts is kept as a file (`<n>.eml`, the raw message,
 * and `<n>.json`, its parsed sender, recipients, subject and text) in a folder, for the demo and the tests to read.
 * It can refuse the next messages with a temporary error (451), as a real server under trouble does.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One kept message. */
export interface SunkMail {
  file: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  receivedAt: number;
}

export interface SmtpSink {
  url: string;
  port: number;
  dir: string;
  /** Refuse the next `n` messages with 451 (temporary failure). */
  failNext(n: number): void;
  /** Every kept message, oldest first. */
  messages(): SunkMail[];
  close(): Promise<void>;
}

/** The messages kept in `dir`, oldest first (also for a sink run by another process). */
export function readSunkMail(dir: string): SunkMail[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files.sort().map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as SunkMail);
}

/** Starts the sink on 127.0.0.1 (port 0: any free one), keeping messages in `dir`. */
export async function startSmtpSink(dir: string, port = 0): Promise<SmtpSink> {
  mkdirSync(dir, { recursive: true });
  let refuse = 0;
  let n = readSunkMail(dir).length;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refuse > 0) {
          refuse--;
          const err = Object.assign(new Error('Try again later'), { responseCode: 451 });
          return callback(err);
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((mail) => {
            const name = `${String(++n).padStart(6, '0')}`;
            const kept: SunkMail = {
              file: path.join(dir, `${name}.eml`),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              receivedAt: Date.now(),
            };
            writeFileSync(kept.file, raw);
            writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(kept, null, 2));
            callback();
          })
          .catch((e: Error) => callback(e));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${actual}`,
    port: actual,
    dir,
    failNext: (k) => {
      refuse = k;
    },
    messages: () => readSunkMail(dir),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
