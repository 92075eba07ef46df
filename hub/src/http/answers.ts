/** The hub API's refusals: `{ok:false, code, msg, msgs:{ar,en}}`, `msg` in the caller's language. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { Lang } from '@dawr/core';
import { BodyError, readJsonBody, sendJson } from '@dawr/web';

export const HUB_MESSAGES = {
  BAD_REQUEST: { en: 'The request could not be read.', ar: 'تعذرت قراءة الطلب.' },
  BAD_LOGIN: { en: 'Wrong username or password.', ar: 'اسم المستخدم أو كلمة المرور غير صحيحة.' },
  RATE_LIMITED: { en: 'Too many attempts. Please wait a few minutes and try again.', ar: 'محاولات كثيرة جداً. يرجى الانتظار بضع دقائق ثم المحاولة مرة أخرى.' },
  UNAUTHENTICATED: { en: 'Please sign in.', ar: 'يرجى تسجيل الدخول.' },
  FORBIDDEN: { en: 'Your account may not do this.', ar: 'لا يسمح حسابك بهذا الإجراء.' },
  CSRF: { en: 'The page is out of date. Please reload it and try again.', ar: 'الصفحة قديمة. يرجى إعادة تحميلها والمحاولة مرة أخرى.' },
  NOT_FOUND: { en: 'Not found.', ar: 'غير موجود.' },
  UNKNOWN_BRANCH: { en: 'There is no such branch.', ar: 'لا يوجد فرع بهذا الاسم.' },
  UNKNOWN_SERVICE: { en: 'This branch does not offer this service.', ar: 'هذا الفرع لا يقدم هذه الخدمة.' },
  NO_APPOINTMENTS: { en: 'This service takes no appointments: visitors come without one.', ar: 'هذه الخدمة لا تتطلب موعداً: يحضر المراجعون دون موعد.' },
  NOT_BOOKED: { en: 'Only a booked appointment can be moved or cancelled.', ar: 'لا يمكن تغيير أو إلغاء إلا المواعيد المحجوزة.' },
  BAD_CPR: { en: 'A CPR number has exactly 9 digits.', ar: 'الرقم الشخصي يتكون من 9 أرقام بالضبط.' },
  BAD_SLOT: { en: 'The appointment time is not valid.', ar: 'وقت الموعد غير صحيح.' },
  BAD_CATALOGUE: { en: 'This change to the catalogue is not valid.', ar: 'هذا التعديل على الدليل غير صحيح.' },
  BAD_HOURS: { en: 'The closing time must be later than the opening time.', ar: 'يجب أن يكون وقت الإغلاق بعد وقت الفتح.' },
  STALE_CATALOGUE: {
    en: 'Someone else changed this branch meanwhile. The page now shows the latest settings: check them and try again.',
    ar: 'قام شخص آخر بتعديل هذا الفرع في الأثناء. تعرض الصفحة الآن أحدث الإعدادات: راجعها ثم حاول مرة أخرى.',
  },
  NO_WAY_IN: {
    en: 'An offered service must take walk-ins, appointments or both.',
    ar: 'يجب أن تقبل الخدمة المقدَّمة الحضور دون موعد أو المواعيد أو كليهما.',
  },
  BAD_DAY: { en: 'The day is not a valid date.', ar: 'اليوم ليس تاريخاً صحيحاً.' },
} as const;
export type HubCode = keyof typeof HUB_MESSAGES;

/** Sends a refusal (draining whatever body is left, so a keep-alive connection stays usable). */
export function refuse(req: IncomingMessage, res: ServerResponse, lang: Lang, status: number, code: HubCode): true {
  req.resume();
  sendJson(res, status, { ok: false, code, msg: HUB_MESSAGES[code][lang], msgs: HUB_MESSAGES[code] });
  return true;
}

/** Reads a JSON body (at most `limit` bytes) against a schema: null when it is malformed, too big or does not fit. */
export async function readBody<T>(req: IncomingMessage, schema: z.ZodType<T>, limit = 16 * 1024): Promise<T | null> {
  try {
    const parsed = schema.safeParse(await readJsonBody(req, limit));
    return parsed.success ? parsed.data : null;
  } catch (e) {
    if (e instanceof BodyError) return null;
    throw e;
  }
}
