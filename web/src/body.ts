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
  const source: NodeJS.ReadableStream = encoding === 'gzip' ? req.pipe(createGunzip()) : req;
  // Listeners rather than `for await`: the async iterator's promise per chunk cost more than the rest of a small body.
  const chunks = await new Promise<Buffer[]>((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    const done = () => {
      source.off('data', onData);
      source.off('end', onEnd);
      source.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void parts.push(chunk);
      done();
      req.unpipe();
      req.resume();
      reject(new BodyError(413, 'body too large'));
    };
    const onEnd = () => {
      done();
      resolve(parts);
    };
    const onError = () => {
      done();
      req.resume();
      reject(new BodyError(400, 'body could not be decoded'));
    };
    source.on('data', onData);
    source.on('end', onEnd);
    source.on('error', onError);
  });
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError(400, 'body is not JSON');
  }
}
