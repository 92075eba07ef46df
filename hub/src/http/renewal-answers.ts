/** Online renewal's answers: `{ok:false, code, msg, msgs:{ar,en}}` from core's RENEWAL_MESSAGES, and bodies read safely. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RENEWAL_MESSAGES, type Lang, type RenewalCode } from '@dawr/core';
import { BodyError, readJsonBody, sendJson } from '@dawr/web';

/** Sends a refusal (draining the body, so a keep-alive connection stays usable); `extra` adds e.g. the fields. */
export function refuseRenewal(req: IncomingMessage, res: ServerResponse, lang: Lang, status: number, code: RenewalCode, extra: object = {}): true {
  req.resume();
  sendJson(res, status, { ok: false, code, msg: RENEWAL_MESSAGES[code][lang], msgs: RENEWAL_MESSAGES[code], ...extra });
  return true;
}

/** A JSON object body of at most `limit` bytes, or null when it is malformed, too big or not an object. */
export async function readObject(req: IncomingMessage, limit = 8 * 1024): Promise<Record<string, unknown> | null> {
  try {
    const body = await readJsonBody(req, limit);
    return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  } catch (e) {
    if (e instanceof BodyError) return null;
    throw e;
  }
}
