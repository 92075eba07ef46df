/**
 * The centre's national picture texts (hub → central managers), English and Arabic. Kept out of the merged
 * dictionary the branch apps load, so their bundles do not carry them.
 */
import type { Lang } from '../domain';
import { adminAr, adminEn, type AdminKey } from './central-admin';

const en = {
  'central.title': 'Dawr — every branch, live',
  'central.login.title': 'Centre staff sign-in',
  'central.login.username': 'Username',
  'central.login.password': 'Password',
  'central.login.submit': 'Sign in',
  'central.login.missing': 'Please enter your username and password.',
  'central.noAnswer': 'The centre server does not answer. Please try again in a moment.',
  'central.signOut': 'Sign out',
  'central.lang': 'العربية',
  'central.connecting': 'Connecting…',
  'central.reconnecting': 'Reconnecting… the figures may be out of date.',
  'central.waiting': 'Waiting',
  'central.longest': 'Longest wait',
  'central.minutes': '{n} min',
  'central.none': '—',
  'central.counters': 'Counters open',
  'central.today': 'Tickets today',
  'central.served': 'Served',
  'central.service': 'Service',
  'central.lastContact': 'Last heard from',
  'central.never': 'never',
  'central.secondsAgo': '{n} s ago',
  'central.minutesAgo': '{n} min ago',
  'central.stale': 'No contact for over 5 minutes',
  'central.totals': 'All branches',
} as const;

type NationalKey = keyof typeof en;
export type CentralKey = NationalKey | AdminKey;

const ar: Record<NationalKey, string> = {
  'central.title': 'دور — جميع الفروع مباشرة',
  'central.login.title': 'تسجيل دخول موظفي المركز',
  'central.login.username': 'اسم المستخدم',
  'central.login.password': 'كلمة المرور',
  'central.login.submit': 'تسجيل الدخول',
  'central.login.missing': 'يرجى إدخال اسم المستخدم وكلمة المرور.',
  'central.noAnswer': 'خادم المركز لا يستجيب. يرجى المحاولة مرة أخرى بعد قليل.',
  'central.signOut': 'تسجيل الخروج',
  'central.lang': 'English',
  'central.connecting': 'جارٍ الاتصال…',
  'central.reconnecting': 'جارٍ إعادة الاتصال… قد لا تكون الأرقام محدّثة.',
  'central.waiting': 'المنتظرون',
  'central.longest': 'أطول انتظار',
  'central.minutes': '{n} دقيقة',
  'central.none': '—',
  'central.counters': 'الكاونترات المفتوحة',
  'central.today': 'تذاكر اليوم',
  'central.served': 'تمت خدمتهم',
  'central.service': 'الخدمة',
  'central.lastContact': 'آخر اتصال',
  'central.never': 'لم يتصل بعد',
  'central.secondsAgo': 'قبل {n} ثانية',
  'central.minutesAgo': 'قبل {n} دقيقة',
  'central.stale': 'لا اتصال منذ أكثر من 5 دقائق',
  'central.totals': 'جميع الفروع',
};

const dictionaries: Record<Lang, Record<CentralKey, string>> = { en: { ...en, ...adminEn }, ar: { ...ar, ...adminAr } };

/** A central-page text in `lang`, `{n}` filled in. */
export function tc(lang: Lang, key: CentralKey, params: Record<string, string | number> = {}): string {
  return dictionaries[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}
