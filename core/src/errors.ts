/** Error codes every command can answer with, and their messages in both languages. */
import type { Lang, Localized } from './domain';

export const ERROR_MESSAGES = {
  BAD_REQUEST: {
    en: 'The request is missing information or has a wrong value.',
    ar: 'الطلب ناقص أو يحتوي على قيمة غير صحيحة.',
  },
  UNKNOWN_SERVICE: { en: 'This service is not offered at this branch.', ar: 'هذه الخدمة غير متوفرة في هذا الفرع.' },
  UNKNOWN_COUNTER: { en: 'This counter does not exist at this branch.', ar: 'هذا الكاونتر غير موجود في هذا الفرع.' },
  UNKNOWN_TICKET: { en: 'This ticket was not found.', ar: 'لم يتم العثور على هذه التذكرة.' },
  UNKNOWN_DEVICE: { en: 'This device is not enrolled at this branch.', ar: 'هذا الجهاز غير مسجل في هذا الفرع.' },
  NO_KIOSK: {
    en: 'No kiosk is connected to print on. Check the kiosk, then try again.',
    ar: 'لا يوجد جهاز خدمة ذاتية متصل للطباعة. يرجى التحقق من الجهاز ثم المحاولة مرة أخرى.',
  },
  CHOOSE_KIOSK: {
    en: 'The kiosk that issued this ticket is not connected. Choose a connected kiosk to print on.',
    ar: 'جهاز الخدمة الذاتية الذي أصدر هذه التذكرة غير متصل. اختر جهازاً متصلاً للطباعة.',
  },
  FORBIDDEN: { en: 'This device is not allowed to do that.', ar: 'هذا الجهاز غير مصرح له بهذا الإجراء.' },
  UNAUTHENTICATED: { en: 'This device is not enrolled.', ar: 'هذا الجهاز غير مسجل.' },
  BRANCH_CLOSED: {
    en: 'The branch is closed now. Opening hours are 08:00 to 14:00.',
    ar: 'الفرع مغلق الآن. ساعات العمل من 08:00 إلى 14:00.',
  },
  BRANCH_HOLIDAY: {
    en: 'The branch is closed today for a public holiday. Please come back on another day, or book an appointment online.',
    ar: 'الفرع مغلق اليوم بمناسبة العطلة الرسمية. يرجى الحضور في يوم آخر، أو حجز موعد عبر الإنترنت.',
  },
  SERVICE_FULL: {
    en: 'No more tickets can be issued for this service today. Please book an appointment online.',
    ar: 'لا يمكن إصدار المزيد من التذاكر لهذه الخدمة اليوم. يرجى حجز موعد عبر الإنترنت.',
  },
  WALK_INS_CLOSED: {
    en: 'This service does not accept walk-ins. Please book an appointment online.',
    ar: 'هذه الخدمة لا تقبل الحضور بدون موعد. يرجى حجز موعد عبر الإنترنت.',
  },
  COUNTER_CLOSED: { en: 'This counter is closed.', ar: 'هذا الكاونتر مغلق.' },
  COUNTER_BUSY: {
    en: 'This counter is still serving a ticket. Finish it first.',
    ar: 'هذا الكاونتر ما زال يخدم تذكرة. يرجى إنهاؤها أولاً.',
  },
  ILLEGAL_TRANSITION: {
    en: 'This action is not possible for the ticket in its current state.',
    ar: 'لا يمكن تنفيذ هذا الإجراء على التذكرة في حالتها الحالية.',
  },
  CLOSING_SOON: {
    en: 'The estimated wait runs past closing time (14:00). Please book an appointment online.',
    ar: 'وقت الانتظار المتوقع يتجاوز موعد الإغلاق (14:00). يرجى حجز موعد عبر الإنترنت.',
  },
  NO_APPOINTMENT: {
    en: 'No appointment today at this branch was found for this CPR.',
    ar: 'لا يوجد موعد اليوم في هذا الفرع لهذا الرقم الشخصي.',
  },
  TOO_EARLY: {
    en: 'It is too early to check in for your appointment. Check-in opens 30 minutes before it.',
    ar: 'الوقت مبكر لتسجيل الحضور لموعدك. يبدأ تسجيل الحضور قبل الموعد بـ 30 دقيقة.',
  },
  BOOKING_INVALID: {
    en: 'This booking QR code is not valid. Please type your CPR instead, or ask a staff member.',
    ar: 'رمز الحجز هذا غير صالح. يرجى إدخال رقمك الشخصي بدلاً منه، أو طلب المساعدة من أحد الموظفين.',
  },
  BOOKING_EXPIRED: {
    en: 'This booking QR code is for a day that has passed. Please book a new appointment or take a ticket.',
    ar: 'رمز الحجز هذا ليوم قد مضى. يرجى حجز موعد جديد أو أخذ تذكرة.',
  },
  BOOKING_OTHER_BRANCH: {
    en: 'This booking is for another branch. Please go to the branch shown in your booking.',
    ar: 'هذا الحجز لفرع آخر. يرجى التوجه إلى الفرع المذكور في حجزك.',
  },
  ALREADY_CHECKED_IN: {
    en: 'This appointment has already been checked in.',
    ar: 'تم تسجيل الحضور لهذا الموعد مسبقاً.',
  },
  NOT_AT_THIS_COUNTER: {
    en: 'This ticket is being handled at another counter.',
    ar: 'هذه التذكرة قيد المعالجة في كاونتر آخر.',
  },
  BAD_LOGIN: { en: 'Wrong username or password.', ar: 'اسم المستخدم أو كلمة المرور غير صحيحة.' },
  CSRF_FAILED: {
    en: 'Your session could not be verified. Please reload the page.',
    ar: 'تعذر التحقق من الجلسة. يرجى إعادة تحميل الصفحة.',
  },
  NOT_YOUR_COUNTER: {
    en: 'You can open or close only the counter you are working at. Ask a manager for the others.',
    ar: 'يمكنك فتح أو إغلاق الكاونتر الذي تعمل عليه فقط. اطلب من المدير ذلك للكاونترات الأخرى.',
  },
  PROFILE_EMPTY: {
    en: 'A work profile needs at least one service, or the counter could never call anyone.',
    ar: 'يجب أن يتضمن ملف العمل خدمة واحدة على الأقل، وإلا فلن يستطيع الكاونتر استدعاء أحد.',
  },
  PROFILE_DUPLICATE_SERVICE: {
    en: 'A service appears twice in the work profile. List each service once.',
    ar: 'تتكرر خدمة في ملف العمل. يرجى ذكر كل خدمة مرة واحدة.',
  },
  UNKNOWN_CONFLICT: {
    en: 'This sync conflict was not found, or it has already been marked handled.',
    ar: 'لم يتم العثور على تعارض المزامنة هذا، أو تم تعليمه كمعالَج مسبقاً.',
  },
  PAYLOAD_TOO_LARGE: { en: 'The request is too large.', ar: 'الطلب كبير جداً.' },
  UNKNOWN_COMMAND: { en: 'This command does not exist.', ar: 'هذا الأمر غير موجود.' },
  RATE_LIMITED: { en: 'Too many requests. Please wait a moment.', ar: 'طلبات كثيرة. يرجى الانتظار قليلاً.' },
  STAFFING_UNAVAILABLE: {
    en: 'The staffing advice could not be worked out just now. Please try again in a minute.',
    ar: 'تعذر إعداد توصيات توزيع الموظفين الآن. يرجى المحاولة مرة أخرى بعد دقيقة.',
  },
  INTERNAL: {
    en: 'Something went wrong. Please ask a staff member for help.',
    ar: 'حدث خطأ. يرجى طلب المساعدة من أحد الموظفين.',
  },
} as const satisfies Record<string, Localized>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** The failed answer of a command. `msg` is in the caller's language; `msgs` carries both. */
export interface Failure {
  ok: false;
  code: ErrorCode;
  msg: string;
  msgs: Localized;
}

/** Builds the failed answer for `code` in `lang`. */
export function failure(code: ErrorCode, lang: Lang = 'ar'): Failure {
  const msgs = ERROR_MESSAGES[code];
  return { ok: false, code, msg: msgs[lang], msgs: { ar: msgs.ar, en: msgs.en } };
}

/** A domain error the server turns into a Failure for the caller. */
export class DawrError extends Error {
  constructor(
    readonly code: ErrorCode,
    detail?: string,
  ) {
    super(detail ?? ERROR_MESSAGES[code].en);
  }
}
