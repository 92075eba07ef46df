/** Small HTTP helpers: JSON answers, bounded JSON bodies, the caller's language. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Lang } from '@dawr/core';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

export class BodyError extends Error {}

/** Reads a JSON body of at most `limit` bytes; an empty body is `{}`. Throws BodyError on anything else. */
export async function readJson(req: IncomingMessage, limit = 64 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyError('body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError('body is not JSON');
  }
}

/** `?lang=en`, else Accept-Language starting with en, else Arabic. */
export function langOf(req: IncomingMessage, url: URL): Lang {
  const q = url.searchParams.get('lang');
  if (q === 'en' || q === 'ar') return q;
  return /^\s*en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'ar';
}
