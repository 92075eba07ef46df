/**
 * The booking portal API's refusals in Arabic and English (hub → portal), and the problems of single fields.
 * Kept out of the merged dictionary the branch apps load. `{name}` placeholders are filled by fillBookingText.
 */
import type { Lang, Localized } from '../domain';

/** The seed's card rules before booking, explained (the portal shows them before it sends anything). */
export const BOOKING_RULE_MESSAGES = {
  UNDER_FOUR: {
    en: 'A child under four is issued the card online, with no visit to a branch: no appointment is needed.',
    ar: 'تُصدر بطاقة الطفل دون سن الرابعة إلكترونياً دون الحاجة لزيارة الفرع: لا حاجة لحجز موعد.',
  },
  CARD_STILL_VALID: {
    en: 'Your card is valid until {expiry}, and a valid card need not be replaced. A renewal can be booked from {renewFrom}. If your card is damaged, choose “Replacement of a damaged card”.',
    ar: 'بطاقتك سارية حتى {expiry}، ولا يلزم استبدال البطاقة السارية المفعول. يمكن حجز موعد التجديد ابتداءً من {renewFrom}. إذا كانت بطاقتك تالفة فاختر «بدل تالف».',
  },
} as const satisfies Record<string, Localized>;

export const BOOKING_ERRORS = {
  BAD_REQUEST: { en: 'The request could not be read. Please check what you entered and try again.', ar: 'تعذرت قراءة الطلب. يرجى مراجعة ما أدخلته والمحاولة مرة أخرى.' },
  TOO_LARGE: { en: 'What you entered is too long.', ar: 'ما أدخلته طويل جداً.' },
  NOT_JSON: { en: 'The request must be sent as JSON.', ar: 'يجب إرسال الطلب بصيغة JSON.' },
  RATE_LIMITED: { en: 'Too many requests. Please wait a few minutes and try again.', ar: 'طلبات كثيرة جداً. يرجى الانتظار بضع دقائق ثم المحاولة مرة أخرى.' },
  INVALID_FIELDS: { en: 'Some details need correcting (see the marked fields).', ar: 'بعض البيانات تحتاج إلى تصحيح (انظر الحقول المشار إليها).' },
  UNKNOWN_BRANCH: { en: 'There is no such branch.', ar: 'لا يوجد فرع بهذا الاسم.' },
  UNKNOWN_SERVICE: { en: 'This branch does not offer this service. Please choose another branch.', ar: 'هذا الفرع لا يقدم هذه الخدمة. يرجى اختيار فرع آخر.' },
  NO_APPOINTMENTS: {
    en: 'This service needs no appointment: come to a branch that offers it after you are notified.',
    ar: 'هذه الخدمة لا تحتاج إلى موعد: يرجى الحضور إلى فرع يقدمها بعد إشعارك.',
  },
  WEEKEND: { en: 'Branches are closed on Friday and Saturday. Please choose a day from Sunday to Thursday.', ar: 'الفروع مغلقة يومي الجمعة والسبت. يرجى اختيار يوم من الأحد إلى الخميس.' },
  HOLIDAY: { en: 'Branches are closed on this public holiday. Please choose another day.', ar: 'الفروع مغلقة في هذه العطلة الرسمية. يرجى اختيار يوم آخر.' },
  NOT_A_SLOT: { en: 'This is not an appointment time. Appointments are between 08:00 and 14:00.', ar: 'هذا ليس وقت موعد. المواعيد بين الساعة 08:00 و 14:00.' },
  SLOT_PAST: { en: 'This time has already passed. Please choose a later time.', ar: 'هذا الوقت قد مضى. يرجى اختيار وقت لاحق.' },
  BEYOND_HORIZON: { en: 'Appointments can be booked up to 30 days ahead. Please choose an earlier day.', ar: 'يمكن حجز المواعيد حتى 30 يوماً مقدماً. يرجى اختيار يوم أقرب.' },
  SLOT_FULL: { en: 'This time has just been fully booked. Please choose another time.', ar: 'تم حجز هذا الوقت بالكامل للتو. يرجى اختيار وقت آخر.' },
  ALREADY_BOOKED: {
    en: 'You already have an appointment for this service. Find it under “Manage a booking” to change or cancel it.',
    ar: 'لديك موعد لهذه الخدمة بالفعل. يمكنك تعديله أو إلغاؤه من خلال «إدارة الحجز».',
  },
  ...BOOKING_RULE_MESSAGES,
  NOT_FOUND: {
    en: 'No booking matches this reference and CPR. Check both and try again.',
    ar: 'لا يوجد حجز يطابق رقم الحجز والرقم الشخصي. يرجى التحقق منهما والمحاولة مرة أخرى.',
  },
  NOT_BOOKED: {
    en: 'This booking can no longer be changed or cancelled (it was used, cancelled or its day has passed).',
    ar: 'لم يعد بالإمكان تعديل هذا الحجز أو إلغاؤه (تم استخدامه أو إلغاؤه أو مضى يومه).',
  },
  NOT_FOUND_ROUTE: { en: 'Not found.', ar: 'غير موجود.' },
} as const satisfies Record<string, Localized>;

export type BookingErrorCode = keyof typeof BOOKING_ERRORS;

/** What is wrong with one field (core's FieldProblem), per field where the words differ. */
export const FIELD_PROBLEMS = {
  REQUIRED: { en: 'Please fill this in.', ar: 'يرجى تعبئة هذا الحقل.' },
  TOO_LONG: { en: 'This is too long.', ar: 'هذا طويل جداً.' },
  FUTURE: { en: 'This date is not possible.', ar: 'هذا التاريخ غير ممكن.' },
  NOT_ACCEPTED: { en: 'Please confirm that you meet these conditions.', ar: 'يرجى تأكيد استيفائك لهذه الشروط.' },
  'FORMAT.cpr': { en: 'A CPR number has 9 digits.', ar: 'الرقم الشخصي يتكون من 9 أرقام.' },
  'FORMAT.name': { en: 'Letters only, as on your card.', ar: 'أحرف فقط، كما في بطاقتك.' },
  'FORMAT.mobile': { en: 'A Bahraini mobile number: 8 digits starting with 3 or 6.', ar: 'رقم هاتف نقال بحريني: 8 أرقام تبدأ بـ 3 أو 6.' },
  'FORMAT.email': { en: 'An e-mail address such as name@example.com.', ar: 'بريد إلكتروني مثل name@example.com.' },
  'FORMAT.nationality': { en: 'Please choose.', ar: 'يرجى الاختيار.' },
  'FORMAT.birthDate': { en: 'A date such as 1990-05-31.', ar: 'تاريخ مثل 1990-05-31.' },
  'FORMAT.cardExpiry': { en: 'A date such as 2027-05-31.', ar: 'تاريخ مثل 2027-05-31.' },
  FORMAT: { en: 'Please check this.', ar: 'يرجى التحقق من هذا.' },
} as const satisfies Record<string, Localized>;

/** The words of a field's problem. */
export function fieldProblemText(field: string, problem: string, lang: Lang): string {
  const table = FIELD_PROBLEMS as Record<string, Localized>;
  return (table[`${problem}.${field}`] ?? table[problem] ?? FIELD_PROBLEMS.FORMAT)[lang];
}

/** Fills `{name}` placeholders of a booking text. */
export function fillBookingText(text: Localized, params: Record<string, string>): Localized {
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? `{${k}}`);
  return { ar: fill(text.ar), en: fill(text.en) };
}
