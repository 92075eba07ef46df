/**
 * Reports in English and Arabic: the branch manager's reports view, the centre's side-by-side page and the CSV
 * exports. Kept out of the merged dictionary the branch apps load (only managers and the centre read them).
 */
import type { Lang } from '../domain';
import { reportsUiAr, reportsUiEn } from './reports-ui';

const en = {
  'reports.csv.day': 'Date',
  'reports.csv.service': 'Service',
  'reports.csv.issued': 'Tickets issued',
  'reports.csv.transfersIn': 'Transferred in',
  'reports.csv.served': 'Served',
  'reports.csv.noShows': 'No-shows',
  'reports.csv.cancelled': 'Cancelled',
  'reports.csv.closedAtDayEnd': 'Closed at day end',
  'reports.csv.transferredOut': 'Transferred out',
  'reports.csv.waitMean': 'Mean wait (min)',
  'reports.csv.waitP90': '90th percentile wait (min)',
  'reports.csv.serviceMean': 'Mean service time (min)',
  'reports.csv.withinTarget': 'Within target (%)',
  'reports.csv.target': 'Target',
  'reports.csv.allServices': 'All services',
  'reports.csv.ticket': 'Ticket',
  'reports.csv.transaction': 'Transaction',
  'reports.csv.counter': 'Counter',
  'reports.csv.clerk': 'Clerk',
  'reports.csv.arrived': 'Joined the queue',
  'reports.csv.called': 'Called',
  'reports.csv.started': 'Service started',
  'reports.csv.ended': 'Ended',
  'reports.csv.waitMin': 'Wait (min)',
  'reports.csv.serviceMin': 'Service time (min)',
  'reports.csv.result': 'Result',
  'reports.csv.branch': 'Branch',
  'reports.csv.busiestHour': 'Busiest hour',
  'reports.result.served': 'Served',
  'reports.result.transferred': 'Transferred',
  'reports.result.no_show': 'No-show',
  'reports.result.cancelled': 'Cancelled',
  'reports.result.day_closed': 'Closed at day end',
  'reports.result.waiting': 'Waiting',
  'reports.result.called': 'Called',
  'reports.result.serving': 'Being served',
  'reports.result.parked': 'Parked',
} as const;

const ar: Record<keyof typeof en, string> = {
  'reports.csv.day': 'التاريخ',
  'reports.csv.service': 'الخدمة',
  'reports.csv.issued': 'التذاكر الصادرة',
  'reports.csv.transfersIn': 'محوّلة إليها',
  'reports.csv.served': 'تمت خدمتهم',
  'reports.csv.noShows': 'لم يحضروا',
  'reports.csv.cancelled': 'ملغاة',
  'reports.csv.closedAtDayEnd': 'أُغلقت بنهاية اليوم',
  'reports.csv.transferredOut': 'محوّلة منها',
  'reports.csv.waitMean': 'متوسط الانتظار (دقيقة)',
  'reports.csv.waitP90': 'الانتظار عند المئين 90 (دقيقة)',
  'reports.csv.serviceMean': 'متوسط مدة الخدمة (دقيقة)',
  'reports.csv.withinTarget': 'ضمن الهدف (%)',
  'reports.csv.target': 'الهدف',
  'reports.csv.allServices': 'جميع الخدمات',
  'reports.csv.ticket': 'التذكرة',
  'reports.csv.transaction': 'المعاملة',
  'reports.csv.counter': 'الكاونتر',
  'reports.csv.clerk': 'الموظف',
  'reports.csv.arrived': 'دخول الطابور',
  'reports.csv.called': 'النداء',
  'reports.csv.started': 'بدء الخدمة',
  'reports.csv.ended': 'الانتهاء',
  'reports.csv.waitMin': 'الانتظار (دقيقة)',
  'reports.csv.serviceMin': 'مدة الخدمة (دقيقة)',
  'reports.csv.result': 'النتيجة',
  'reports.csv.branch': 'الفرع',
  'reports.csv.busiestHour': 'ساعة الذروة',
  'reports.result.served': 'تمت الخدمة',
  'reports.result.transferred': 'حُوّلت',
  'reports.result.no_show': 'لم يحضر',
  'reports.result.cancelled': 'ملغاة',
  'reports.result.day_closed': 'أُغلقت بنهاية اليوم',
  'reports.result.waiting': 'بالانتظار',
  'reports.result.called': 'تم النداء',
  'reports.result.serving': 'قيد الخدمة',
  'reports.result.parked': 'مُعلّقة',
};

export type ReportKey = keyof typeof en | keyof typeof reportsUiEn;
export const reportTexts: Record<Lang, Record<ReportKey, string>> = { en: { ...en, ...reportsUiEn }, ar: { ...ar, ...reportsUiAr } };

/** Looks up a report text in `lang` and fills `{name}` placeholders. */
export function tr(lang: Lang, key: ReportKey, params: Record<string, string | number> = {}): string {
  return reportTexts[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}
