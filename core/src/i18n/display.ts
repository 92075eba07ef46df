/** Display texts in English and Arabic (Arabic is every screen's default). */
const en = {
  'display.nowServing': 'Now serving',
  'display.ticket': 'Ticket',
  'display.counter': 'Counter',
  'display.recentCalls': 'Recent calls',
  'display.waiting': 'Waiting',
  'display.reconnecting': 'Reconnecting…',
  'display.noCalls': 'No tickets called yet',
  'display.connecting': 'Connecting to the branch server…',
  'display.notEnrolled': 'This display is not enrolled.',
  'display.notEnrolledHelp': 'Ask the branch administrator to enrol it and to open it with its device link.',
  'display.hours': 'Opening hours {opens} to {closes}',
  'display.closed': 'The branch is closed',
  'display.waitingPerService': 'Waiting per service',
  'display.recall': 'Called again',
  'display.enableSound': 'Tap to enable sound',
} as const;

const ar: Record<keyof typeof en, string> = {
  'display.nowServing': 'يتم الآن خدمة',
  'display.ticket': 'التذكرة',
  'display.counter': 'الكاونتر',
  'display.recentCalls': 'آخر النداءات',
  'display.waiting': 'في الانتظار',
  'display.reconnecting': 'جارٍ إعادة الاتصال…',
  'display.noCalls': 'لم يتم نداء أي تذكرة بعد',
  'display.connecting': 'جارٍ الاتصال بخادم الفرع…',
  'display.notEnrolled': 'هذه الشاشة غير مسجلة.',
  'display.notEnrolledHelp': 'يرجى الطلب من مسؤول الفرع تسجيلها وفتحها عبر رابط الجهاز الخاص بها.',
  'display.hours': 'ساعات العمل من {opens} إلى {closes}',
  'display.closed': 'الفرع مغلق',
  'display.waitingPerService': 'عدد المنتظرين لكل خدمة',
  'display.recall': 'نداء متكرر',
  'display.enableSound': 'اضغط لتفعيل الصوت',
};

export const display = { en, ar };
