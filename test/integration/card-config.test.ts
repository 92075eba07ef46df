/** Choosing the PC/SC reader and reading the card reader's settings from the environment (pure). */
import { expect, it } from 'vitest';
import { cardReaderOptionsFromEnv, pickReader } from '@dawr/hardware/card';

const READERS = ['ACS ACR1252 Dual Reader [ACR1252 Dual Reader PICC] 00 00', 'ACS ACR1252 Dual Reader [ACR1252 Dual Reader SAM] 00 01', 'Gemalto PC Twin Reader 00 00'];

it('picks a contact reader by default, passing over contactless, SAM and virtual ones', () => {
  expect(pickReader(READERS, undefined)).toBe('Gemalto PC Twin Reader 00 00');
  expect(pickReader(['Virtual PCD 00 00', 'Virtual PCD 00 01'], undefined)).toBe('Virtual PCD 00 00');
  expect(pickReader([], undefined)).toBeNull();
});

it('picks by exact name, by case-insensitive part, or by RegExp; null when nothing matches', () => {
  expect(pickReader(READERS, 'Gemalto PC Twin Reader 00 00')).toBe('Gemalto PC Twin Reader 00 00');
  expect(pickReader(READERS, 'picc')).toBe(READERS[0]);
  expect(pickReader(READERS, /SAM\]/)).toBe(READERS[1]);
  expect(pickReader(READERS, 'Omnikey')).toBeNull();
});

it('reads DAWR_CARD_READER (plain or /regex/) and DAWR_CARD_APDU_TIMEOUT_MS', () => {
  expect(cardReaderOptionsFromEnv({})).toEqual({});
  expect(cardReaderOptionsFromEnv({ DAWR_CARD_READER: ' Gemalto ', DAWR_CARD_APDU_TIMEOUT_MS: '2500' })).toEqual({ reader: 'Gemalto', apduTimeoutMs: 2500 });
  expect(cardReaderOptionsFromEnv({ DAWR_CARD_READER: '/twin|omnikey/i' }).reader).toEqual(/twin|omnikey/i);
  expect(cardReaderOptionsFromEnv({ DAWR_CARD_READER: '/(/', DAWR_CARD_APDU_TIMEOUT_MS: 'soon' })).toEqual({ reader: '/(/' });
});
