/** Answers: JSON (gzip-compressed when the caller accepts it and it is worth it), and the caller's language. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { Lang } from '@dawr/core';

const GZIP_FROM_BYTES = 1024;

/** Sends `body` as JSON with `status`; compressed when the request accepts gzip and the body is large enough. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}, req?: IncomingMessage): void {
  const text = Buffer.from(JSON.stringify(body));
  const gzip = req !== undefined && text.length >= GZIP_FROM_BYTES && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  sendJsonBytes(res, status, gzip ? gzipSync(text) : text, gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding', ...headers } : headers);
}

/**
 * Sends JSON already serialised (an answer made once and sent many times). With its length declared the answer goes
 * out in one piece, not chunked.
 */
export function sendJsonBytes(res: ServerResponse, status: number, bytes: Buffer, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': String(bytes.length),
    ...headers,
  });
  res.end(bytes);
}

/** `?lang=en`, else Accept-Language starting with en, else Arabic. */
export function langOf(req: IncomingMessage, url: URL): Lang {
  const q = url.searchParams.get('lang');
  if (q === 'en' || q === 'ar') return q;
  return /^\s*en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'ar';
}
