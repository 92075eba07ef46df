/**
 * The seed's branches and services (shared/seed/README.md), as the demo configures them.
 * Adult smart cards: Salman Port, Seef Mall, Isa Town. Birth certificates: Muharraq, Seef Mall.
 */
import type { Branch, Localized } from '../domain';

export interface ServiceSeed {
  code: string;
  prefix: string;
  name: Localized;
  requirements: Localized;
  acceptsAppointments: boolean;
  /**
   * Minutes one visit usually takes, the wait estimate's basis until the branch has measured the service.
   * Working assumptions, to be replaced by each branch's own figures.
   */
  typicalServiceMin: number;
}

const NON_BAHRAINI: Localized = {
  en:
    'Non-Bahrainis: must be resident in Bahrain and registered in the residents’ registry; the sponsor must hold a ' +
    'valid, unsuspended commercial registration. Photo: recent, grey background, head and shoulders clearly visible.',
  ar:
    'لغير البحرينيين: أن يكون مقيماً في البحرين ومسجلاً في نظام تسجيل المقيمين، وأن يكون لدى الكفيل سجل تجاري ' +
    'ساري المفعول وغير موقوف. الصورة: حديثة، بخلفية رمادية، ويظهر فيها الرأس والكتفان بوضوح.',
};

const VALID_CARD: Localized = {
  en: 'A card that is still valid need not be replaced.',
  ar: 'لا يلزم استبدال البطاقة السارية المفعول.',
};

const join = (...parts: Localized[]): Localized => ({
  ar: parts.map((p) => p.ar).join(' '),
  en: parts.map((p) => p.en).join(' '),
});

export const CARD_SERVICES: ServiceSeed[] = [
  {
    code: 'new-card',
    prefix: 'A',
    name: { ar: 'إصدار بطاقة ذكية جديدة', en: 'New smart card' },
    requirements: join(NON_BAHRAINI, {
      en: 'Residents and citizens under four can have their card issued online, without a visit.',
      ar: 'يمكن للمقيمين والمواطنين دون سن الرابعة إصدار البطاقة إلكترونياً دون الحاجة للحضور.',
    }),
    acceptsAppointments: true,
    typicalServiceMin: 12,
  },
  {
    code: 'renewal',
    prefix: 'B',
    name: { ar: 'تجديد البطاقة', en: 'Card renewal' },
    requirements: join(NON_BAHRAINI, VALID_CARD),
    acceptsAppointments: true,
    typicalServiceMin: 8,
  },
  {
    code: 'replacement',
    prefix: 'C',
    name: { ar: 'بدل تالف', en: 'Replacement of a damaged card' },
    requirements: join({ en: 'Bring the damaged card.', ar: 'يرجى إحضار البطاقة التالفة.' }, NON_BAHRAINI),
    acceptsAppointments: true,
    typicalServiceMin: 10,
  },
  {
    code: 'collection',
    prefix: 'D',
    name: { ar: 'استلام البطاقة', en: 'Card collection' },
    requirements: {
      en: 'Come after you are notified that your card is ready.',
      ar: 'يرجى الحضور بعد إشعارك بجاهزية البطاقة.',
    },
    acceptsAppointments: false,
    typicalServiceMin: 4,
  },
];

export const BIRTH_CERTIFICATE: ServiceSeed = {
  code: 'birth-certificate',
  prefix: 'E',
  name: { ar: 'استلام شهادة الميلاد', en: 'Birth certificate collection' },
  requirements: {
    en: 'Come after you are notified that the certificate is ready. It can also be sent by post.',
    ar: 'يرجى الحضور بعد إشعارك بجاهزية الشهادة. ويمكن أيضاً استلامها عبر البريد.',
  },
  acceptsAppointments: false,
  typicalServiceMin: 10,
};

const hours = { timezone: 'Asia/Bahrain', opensAt: '08:00', closesAt: '14:00' };

export const BRANCHES: { branch: Branch; services: ServiceSeed[]; counters: number }[] = [
  {
    branch: { id: 'salman-port', code: 'SP', name: { ar: 'فرع ميناء سلمان', en: 'Salman Port' }, ...hours },
    services: CARD_SERVICES,
    counters: 4,
  },
  {
    branch: { id: 'seef-mall', code: 'SM', name: { ar: 'فرع السيف مول', en: 'Seef Mall' }, ...hours },
    services: [...CARD_SERVICES, BIRTH_CERTIFICATE],
    counters: 5,
  },
  {
    branch: { id: 'isa-town', code: 'IT', name: { ar: 'فرع مدينة عيسى', en: 'Isa Town' }, ...hours },
    services: CARD_SERVICES,
    counters: 4,
  },
  {
    branch: { id: 'muharraq', code: 'MU', name: { ar: 'فرع المحرق', en: 'Muharraq' }, ...hours },
    services: [BIRTH_CERTIFICATE],
    counters: 2,
  },
];
