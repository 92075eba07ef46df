/** What the kiosk knows about a visitor's ID card, whichever way it was read. */
import type { IgaCardInfo, IgaIdentity, IgaNationality } from './iga';
import type { MrzData } from './mrz';

/** How the card data was obtained. */
export type IdCardSource = 'chip' | 'mrz' | 'typed';

/**
 * One visitor's card data. Only `cpr` is always there; the rest is null when the source does not carry it
 * (the MRZ has no Arabic name or issue date; a typed CPR has nothing else). Dates are 'YYYY-MM-DD'.
 */
export interface IdCardData {
  cpr: string;
  /** Given names first, family name last (the chip's order; the MRZ's surname is moved to the end). */
  nameEn: string | null;
  nameAr: string | null;
  gender: 'M' | 'F' | null;
  birthDate: string | null;
  expiryDate: string | null;
  issueDate: string | null;
  nationality: string | null;
  source: IdCardSource;
}

/** Card data from the chip's files; the nationality file is optional (it is in another DF). */
export function idCardFromChip(identity: IgaIdentity, card: IgaCardInfo | null, nat: IgaNationality | null): IdCardData {
  return {
    cpr: identity.cpr,
    nameEn: identity.nameEn,
    nameAr: identity.nameAr,
    gender: identity.gender,
    birthDate: identity.birthDate,
    expiryDate: card?.expiryDate ?? null,
    issueDate: card?.issueDate ?? null,
    nationality: nat?.nationality ?? null,
    source: 'chip',
  };
}

/** Card data from a parsed MRZ, or null when the MRZ holds no CPR (not a Bahraini ID card, say). */
export function idCardFromMrz(mrz: MrzData): IdCardData | null {
  if (mrz.cpr === null) return null;
  const name = [mrz.givenNames, mrz.surname].filter((s) => s !== '').join(' ');
  return {
    cpr: mrz.cpr,
    nameEn: name || null,
    nameAr: null,
    gender: mrz.sex === 'X' ? null : mrz.sex,
    birthDate: mrz.birthDate,
    expiryDate: mrz.expiryDate,
    issueDate: null,
    nationality: mrz.nationality || null,
    source: 'mrz',
  };
}

/** Card data from a CPR typed on the keypad (already accepted by parseCpr). */
export function idCardFromTyped(cpr: string): IdCardData {
  return {
    cpr,
    nameEn: null,
    nameAr: null,
    gender: null,
    birthDate: null,
    expiryDate: null,
    issueDate: null,
    nationality: null,
    source: 'typed',
  };
}
