/** Display texts in English and Arabic (Arabic is every screen's default). */
const en = {
  'display.nowServing': 'Now serving',
  'display.ticket': 'Ticket',
  'display.counter': 'Counter',
  'display.recentCalls': 'Recent calls',
  'display.waiting': 'Waiting',
  'display.reconnecting': 'Reconnecting…',
  'display.noCalls': 'No tickets called yet',
} as const;

const ar: Record<keyof typeof en, string> = {
  'display.nowServing': 'يتم الآن خدمة',
  'display.ticket': 'التذكرة',
  'display.counter': 'الكاونتر',
  'display.recentCalls': 'آخر النداءات',
  'display.waiting': 'في الانتظار',
  'display.reconnecting': 'جارٍ إعادة الاتصال…',
  'display.noCalls': 'لم يتم نداء أي تذكرة بعد',
};

export const display = { en, ar };
