/**
 * The branch API's bounded JSON bodies (an oversized one drained so the keep-alive connection stays usable).
 * Answers and the caller's language come from the shared @dawr/web.
 */
import type { IncomingMessage } from 'node:http';

export { langOf, sendJson } from '@dawr/web';

export class BodyError extends Error {}

/** A body over the limit; `drained` says whether it was read to its end (the connection can be reused). */
export class BodyTooLarge extends BodyError {
  constructor(readonly drained: boolean) {
    super('body too large');
  }
}

/** Past this much, an oversized body is not read on: the answer closes the connection instead. */
const DRAIN_LIMIT = 1024 * 1024;

/**
 * Reads a JSON body of at most `limit` bytes; an empty body is `{}`. Throws BodyError on anything else.
 * An oversized body is read to its end without being kept (up to DRAIN_LIMIT), so the keep-alive
 * connection stays in step for the next request; leaving the loop early would destroy the socket.
 */
export async function readJson(req: IncomingMessage, limit = 64 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > DRAIN_LIMIT) throw new BodyTooLarge(false);
    if (size <= limit) chunks.push(chunk);
  }
  if (size > limit) throw new BodyTooLarge(true);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError('body is not JSON');
  }
}
