/**
 * Online renewal's words: the API's refusals (sent with each answer in both languages) and the notice texts'
 * field problems. Kept apart from the branch screens' dictionaries: only the portal and the hub read them.
 */
import type { Localized } from '../domain';

export const RENEWAL_MESSAGES = {
  BAD_REQUEST: { en: 'The request could not be read.', ar: 'تعذرت قراءة الطلب.' },
  UNAUTHENTICATED: { en: 'Please log in with your e-key first.', ar: 'يرجى تسجيل الدخول بالمفتاح الإلكتروني أولاً.' },
  CSRF: { en: 'The page is out of date. Please reload it and try again.', ar: 'الصفحة قديمة. يرجى إعادة تحميلها والمحاولة مرة أخرى.' },
  NOT_FOUND: { en: 'Not found.', ar: 'غير موجود.' },
  RATE_LIMITED: { en: 'Too many attempts. Please wait a few minutes and try again.', ar: 'محاولات كثيرة جداً. يرجى الانتظار بضع دقائق ثم المحاولة مرة أخرى.' },
  LOGIN_UNAVAILABLE: {
    en: 'Logging in with the e-key is not available right now. Please try again later or call 80008001.',
    ar: 'تسجيل الدخول بالمفتاح الإلكتروني غير متاح حالياً. يرجى المحاولة لاحقاً أو الاتصال على 80008001.',
  },
  LOGIN_FAILED: {
    en: 'The e-key login did not complete. Please log in again.',
    ar: 'لم يكتمل تسجيل الدخول بالمفتاح الإلكتروني. يرجى تسجيل الدخول مرة أخرى.',
  },
  NO_CPR: {
    en: 'Your e-key account did not share your CPR number, so the renewal cannot continue online. Please call 80008001.',
    ar: 'لم يشارك حساب المفتاح الإلكتروني رقمك الشخصي، لذا لا يمكن متابعة التجديد إلكترونياً. يرجى الاتصال على 80008001.',
  },
  BAD_FORM: { en: 'Please check the highlighted fields.', ar: 'يرجى مراجعة الحقول المحددة.' },
  ALREADY_APPLIED: {
    en: 'You already have a card application in progress. You can follow it on this page.',
    ar: 'لديك طلب بطاقة قيد المعالجة. يمكنك متابعته في هذه الصفحة.',
  },
  NOT_HANDOVER_BRANCH: {
    en: 'Cards are not handed over at this branch. Please choose another branch or delivery by post.',
    ar: 'لا يتم تسليم البطاقات في هذا الفرع. يرجى اختيار فرع آخر أو الاستلام عبر البريد.',
  },
  BAD_MOVE: {
    en: 'This application cannot move to that status from where it is now.',
    ar: 'لا يمكن نقل هذا الطلب إلى هذه الحالة من حالته الحالية.',
  },
  NOT_RETRYABLE: { en: 'Only a failed notice can be sent again.', ar: 'لا يمكن إعادة إرسال إلا الإشعارات التي فشل إرسالها.' },
} as const satisfies Record<string, Localized>;
export type RenewalCode = keyof typeof RENEWAL_MESSAGES;

/** What a renewal form field's problem says. */
export const RENEWAL_FIELD_MESSAGES = {
  REQUIRED: { en: 'Required.', ar: 'مطلوب.' },
  FORMAT: { en: 'Not valid.', ar: 'غير صحيح.' },
  TOO_LONG: { en: 'Too long.', ar: 'طويل جداً.' },
} as const satisfies Record<string, Localized>;

/** Central staff's applications page (central/src/routes/applications), both languages. */
const STAFF_TEXT = {
  en: {
    'apps.title': 'Card applications',
    'apps.intro': 'Online renewals: move each card along. A card ready at a branch is collected when the branch serves its collection ticket.',
    'apps.filter': 'Status',
    'apps.all': 'All',
    'apps.none': 'No applications.',
    'apps.loading': 'Loading…',
    'apps.reference': 'Reference',
    'apps.citizen': 'Citizen',
    'apps.pickup': 'Pickup',
    'apps.post': 'By post: {address}',
    'apps.status': 'Status',
    'apps.actions': 'Next step',
    'apps.move.submitted': 'Back to submitted',
    'apps.move.in_production': 'Start production',
    'apps.move.ready': 'Card ready at the branch',
    'apps.move.posted': 'Card posted',
    'apps.move.collected': 'Delivered',
    'apps.status.submitted': 'Submitted',
    'apps.status.in_production': 'In production',
    'apps.status.ready': 'Ready at the branch',
    'apps.status.posted': 'Sent by post',
    'apps.status.collected': 'Collected',
    'apps.notices': 'Notices not delivered',
    'apps.notices.none': 'Every notice was delivered.',
    'apps.notice.line': '{channel} to {to}: {status} after {n} attempt(s). Last error: {error}',
    'apps.notice.retry': 'Send again',
    'apps.notice.pending': 'retrying',
    'apps.notice.failed': 'failed',
    'apps.nav': 'National picture',
  },
  ar: {
    'apps.title': 'طلبات البطاقات',
    'apps.intro': 'التجديد الإلكتروني: انقل كل بطاقة إلى مرحلتها التالية. تُستلم البطاقة الجاهزة في الفرع عند خدمة تذكرة الاستلام فيه.',
    'apps.filter': 'الحالة',
    'apps.all': 'الكل',
    'apps.none': 'لا توجد طلبات.',
    'apps.loading': 'جارٍ التحميل…',
    'apps.reference': 'رقم الطلب',
    'apps.citizen': 'المواطن',
    'apps.pickup': 'الاستلام',
    'apps.post': 'عبر البريد: {address}',
    'apps.status': 'الحالة',
    'apps.actions': 'الخطوة التالية',
    'apps.move.submitted': 'إعادة إلى مقدَّم',
    'apps.move.in_production': 'بدء الإنتاج',
    'apps.move.ready': 'البطاقة جاهزة في الفرع',
    'apps.move.posted': 'أُرسلت البطاقة بالبريد',
    'apps.move.collected': 'تم التسليم',
    'apps.status.submitted': 'مقدَّم',
    'apps.status.in_production': 'قيد الإنتاج',
    'apps.status.ready': 'جاهزة في الفرع',
    'apps.status.posted': 'أُرسلت بالبريد',
    'apps.status.collected': 'تم الاستلام',
    'apps.notices': 'إشعارات لم تصل',
    'apps.notices.none': 'وصلت جميع الإشعارات.',
    'apps.notice.line': '{channel} إلى {to}: {status} بعد {n} محاولة. آخر خطأ: {error}',
    'apps.notice.retry': 'إعادة الإرسال',
    'apps.notice.pending': 'قيد إعادة المحاولة',
    'apps.notice.failed': 'فشل',
    'apps.nav': 'الصورة الوطنية',
  },
} as const;
export type RenewalStaffKey = keyof (typeof STAFF_TEXT)['en'];

/** A text of the applications page in `lang`, with `{name}` placeholders filled. */
export function tapps(lang: 'ar' | 'en', key: RenewalStaffKey, params: Record<string, string | number> = {}): string {
  return (STAFF_TEXT[lang] as Record<RenewalStaffKey, string>)[key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

/** The citizen's renewal page (portal/src/routes/renew), both languages. */
const CITIZEN_TEXT = {
  en: {
    'renew.title': 'Renew your ID card online',
    'renew.intro': 'Log in with your e-key, confirm your details and choose how to receive the new card: at a branch or by post. You are notified when it is ready.',
    'renew.login': 'Log in with e-key',
    'renew.loading': 'Loading…',
    'renew.details': 'Your details (from your e-key)',
    'renew.name': 'Name',
    'renew.cpr': 'CPR',
    'renew.birth': 'Date of birth',
    'renew.nationality': 'Nationality',
    'renew.confirm': 'These details are correct',
    'renew.how': 'How do you want to receive the new card?',
    'renew.atBranch': 'Collect it at a branch',
    'renew.byPost': 'Send it by post',
    'renew.branch': 'Branch',
    'renew.address': 'Postal address',
    'renew.contact': 'Where should we tell you the card is ready?',
    'renew.email': 'E-mail',
    'renew.mobile': 'Mobile (Bahrain)',
    'renew.contactHint': 'At least one of the two.',
    'renew.submit': 'Send the application',
    'renew.sending': 'Sending…',
    'renew.yours': 'Your application',
    'renew.reference': 'Application number',
    'renew.status': 'Status',
    'renew.pickupAt': 'Pickup: {place}',
    'renew.pickupPost': 'By post to: {address}',
    'renew.readyHint': 'Bring your current card. At the kiosk choose "Card collection" and identify with your card or CPR.',
    'renew.logout': 'Log out',
    'renew.status.submitted': 'Submitted',
    'renew.status.in_production': 'In production',
    'renew.status.ready': 'Ready for collection',
    'renew.status.posted': 'Sent by post',
    'renew.status.collected': 'Collected',
  },
  ar: {
    'renew.title': 'تجديد البطاقة الذكية إلكترونياً',
    'renew.intro': 'سجّل الدخول بالمفتاح الإلكتروني، وتأكد من بياناتك، واختر طريقة استلام البطاقة الجديدة: من أحد الفروع أو عبر البريد. سنُشعرك عند جاهزيتها.',
    'renew.login': 'تسجيل الدخول بالمفتاح الإلكتروني',
    'renew.loading': 'جارٍ التحميل…',
    'renew.details': 'بياناتك (من المفتاح الإلكتروني)',
    'renew.name': 'الاسم',
    'renew.cpr': 'الرقم الشخصي',
    'renew.birth': 'تاريخ الميلاد',
    'renew.nationality': 'الجنسية',
    'renew.confirm': 'هذه البيانات صحيحة',
    'renew.how': 'كيف تريد استلام البطاقة الجديدة؟',
    'renew.atBranch': 'الاستلام من أحد الفروع',
    'renew.byPost': 'الإرسال عبر البريد',
    'renew.branch': 'الفرع',
    'renew.address': 'العنوان البريدي',
    'renew.contact': 'أين نُشعرك بجاهزية البطاقة؟',
    'renew.email': 'البريد الإلكتروني',
    'renew.mobile': 'الهاتف النقال (البحرين)',
    'renew.contactHint': 'واحد منهما على الأقل.',
    'renew.submit': 'إرسال الطلب',
    'renew.sending': 'جارٍ الإرسال…',
    'renew.yours': 'طلبك',
    'renew.reference': 'رقم الطلب',
    'renew.status': 'الحالة',
    'renew.pickupAt': 'الاستلام: {place}',
    'renew.pickupPost': 'عبر البريد إلى: {address}',
    'renew.readyHint': 'أحضر بطاقتك الحالية. اختر "استلام البطاقة" في جهاز الخدمة الذاتية وعرّف بنفسك ببطاقتك أو رقمك الشخصي.',
    'renew.logout': 'تسجيل الخروج',
    'renew.status.submitted': 'مقدَّم',
    'renew.status.in_production': 'قيد الإنتاج',
    'renew.status.ready': 'جاهزة للاستلام',
    'renew.status.posted': 'أُرسلت بالبريد',
    'renew.status.collected': 'تم الاستلام',
  },
} as const;
export type RenewKey = keyof (typeof CITIZEN_TEXT)['en'];

/** A text of the citizen's renewal page in `lang`, with `{name}` placeholders filled. */
export function trenew(lang: 'ar' | 'en', key: RenewKey, params: Record<string, string | number> = {}): string {
  return (CITIZEN_TEXT[lang] as Record<RenewKey, string>)[key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}
