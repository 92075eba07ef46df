/** Counter texts in English and Arabic (Arabic is every screen's default). */
const en = {
  'counter.title': 'Counter',
  'counter.choose': 'Choose your counter',
  'counter.callNext': 'Call next',
  'counter.current': 'Current ticket',
  'counter.none': 'No ticket',
  'counter.queueEmpty': 'Nobody is waiting for this counter’s services.',
  'counter.connecting': 'Connecting…',
  'counter.waiting': 'Waiting',
} as const;

const ar: Record<keyof typeof en, string> = {
  'counter.title': 'الكاونتر',
  'counter.choose': 'اختر الكاونتر',
  'counter.callNext': 'نداء التالي',
  'counter.current': 'التذكرة الحالية',
  'counter.none': 'لا توجد تذكرة',
  'counter.queueEmpty': 'لا يوجد أحد في انتظار خدمات هذا الكاونتر.',
  'counter.connecting': 'جارٍ الاتصال…',
  'counter.waiting': 'في الانتظار',
};

export const counter = { en, ar };
