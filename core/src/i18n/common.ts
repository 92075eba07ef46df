/** Common texts in English and Arabic (Arabic is every screen's default). */
const en = {
  'app.name': 'Dawr',
  'app.hotline': 'Hotline',
  'lang.switch': 'العربية',
  'lang.switchLabel': 'Switch to Arabic',
} as const;

const ar: Record<keyof typeof en, string> = {
  'app.name': 'دور',
  'app.hotline': 'الخط الساخن',
  'lang.switch': 'English',
  'lang.switchLabel': 'التبديل إلى الإنجليزية',
};

export const common = { en, ar };

/** The hotline printed on every help screen and ticket (shared/seed). */
export const HOTLINE = '80008001';
