/** Kiosk texts in English and Arabic (Arabic is every screen's default). */
const en = {
  'kiosk.welcome': 'Welcome',
  'kiosk.chooseService': 'Choose a service',
  'kiosk.waiting': 'Waiting',
  'kiosk.estimatedWait': 'Estimated wait',
  'kiosk.minutes': '{n} min',
  'kiosk.unknownWait': 'not known yet',
  'kiosk.yourTicket': 'Your ticket number',
  'kiosk.position': 'People ahead of you',
  'kiosk.done': 'Done',
  'kiosk.closed': 'The branch is closed. Opening hours are {opens} to {closes}.',
  'kiosk.noWalkIns': 'Appointments only',
  'kiosk.offline': 'The kiosk cannot reach the branch server. Please ask a staff member.',
  'kiosk.help': 'Need help? Ask a staff member or call',
} as const;

const ar: Record<keyof typeof en, string> = {
  'kiosk.welcome': 'أهلاً وسهلاً',
  'kiosk.chooseService': 'اختر الخدمة',
  'kiosk.waiting': 'في الانتظار',
  'kiosk.estimatedWait': 'وقت الانتظار المتوقع',
  'kiosk.minutes': '{n} دقيقة',
  'kiosk.unknownWait': 'غير معروف بعد',
  'kiosk.yourTicket': 'رقم تذكرتك',
  'kiosk.position': 'عدد المنتظرين قبلك',
  'kiosk.done': 'تم',
  'kiosk.closed': 'الفرع مغلق. ساعات العمل من {opens} إلى {closes}.',
  'kiosk.noWalkIns': 'بموعد مسبق فقط',
  'kiosk.offline': 'لا يمكن للجهاز الاتصال بخادم الفرع. يرجى طلب المساعدة من أحد الموظفين.',
  'kiosk.help': 'تحتاج مساعدة؟ اسأل أحد الموظفين أو اتصل على',
};

export const kiosk = { en, ar };
