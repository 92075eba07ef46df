/** Request bodies: bounded, optionally gzip-compressed JSON. */
import type { IncomingMessage } from 'node:http';
import { createGunzip } from 'node:zlib';

/** A body refused: `status` is 413 (too large) or 400 (not JSON, bad encoding). */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a JSON body of at most `limit` bytes (after decompression when it is sent with `Content-Encoding: gzip`);
 * an empty body is `{}`. The rest of an oversized body is drained, so a keep-alive connection stays usable.
 */
export async function readJsonBody(req: IncomingMessage, limit = 64 * 1024): Promise<unknown> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') throw new BodyError(400, `unsupported content-encoding ${encoding}`);
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (encoding === 'identity' && declared > limit) {
    req.resume();
    throw new BodyError(413, 'body too large');
  }
  const source: AsyncIterable<Buffer> = encoding === 'gzip' ? req.pipe(createGunzip()) : req;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > limit) {
        req.unpipe();
        req.resume();
        throw new BodyError(413, 'body too large');
      }
      chunks.push(chunk);
    }
  } catch (e) {
    if (e instanceof BodyError) throw e;
    req.resume();
    throw new BodyError(400, 'body could not be decoded');
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError(400, 'body is not JSON');
  }
}
