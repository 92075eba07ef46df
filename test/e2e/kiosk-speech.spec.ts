/**
 * Speech output for headphone use (checklist items 7–9): pre-made clips, started by the visitor, in the
 * screen's language, with the ticket's numbers on the ticket screen; Stop stops. `window.__dawrKioskSpeech`
 * records what was played (kiosk/src/lib/speech/speech.svelte.ts).
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { KioskPage } from './pages/kiosk-page';

interface SpeechRecord {
  screen: string;
  lang: string;
  clips: string[];
  endedAt: number | null;
  stopped: boolean;
}

const records = (page: Page): Promise<SpeechRecord[]> => page.evaluate(() => (window as unknown as { __dawrKioskSpeech?: SpeechRecord[] }).__dawrKioskSpeech ?? []);
const lastRecord = async (page: Page): Promise<SpeechRecord | undefined> => (await records(page)).at(-1);

test('speak the start screen in Arabic and English, then the ticket; stop stops', async ({ page, branch }) => {
  const kiosk = new KioskPage(page, branch.kioskUrl);
  await kiosk.open();

  // Arabic start screen: Speak plays its script.
  const speak = page.getByTestId('speech-speak');
  await expect(speak).toBeVisible();
  await expect(speak).toContainText('القراءة بصوت عالٍ');
  await expect(speak).toContainText('Read aloud');
  await speak.click();
  await expect.poll(async () => (await lastRecord(page))?.clips).toEqual([
    'ar/kiosk.welcome',
    'ar/kiosk.start.title',
    'ar/kiosk.start.card',
    'ar/kiosk.start.scan',
    'ar/kiosk.start.typeCpr',
    'ar/kiosk.start.noId',
  ]);
  expect((await lastRecord(page))?.screen).toBe('start');

  // English: the same screen's script in English.
  await kiosk.switchLanguage();
  await expect(page).toHaveURL(/lang=en/);
  await kiosk.hydrated();
  await page.getByTestId('speech-speak').click();
  await expect.poll(async () => (await lastRecord(page))?.lang).toBe('en');
  expect((await lastRecord(page))?.clips).toEqual([
    'en/kiosk.welcome',
    'en/kiosk.start.title',
    'en/kiosk.start.card',
    'en/kiosk.start.scan',
    'en/kiosk.start.typeCpr',
    'en/kiosk.start.noId',
  ]);

  // A walk-in ticket without an ID: Speak says its number, people ahead and the wait.
  const number = await kiosk.takeTicket('collection');
  const facts = await kiosk.ticketFacts();
  const [, letter, digits] = /^([A-Z])-(\d{3})$/.exec(number)!;
  const before = (await records(page)).length;
  await page.getByTestId('speech-speak').click();
  await expect.poll(async () => (await records(page)).length).toBe(before + 1);
  const ticket = (await lastRecord(page))!;
  expect(ticket.screen).toBe('ticket');
  expect(ticket.clips.slice(0, 3)).toEqual(['en/kiosk.yourTicket', `en/letter-${letter!.toLowerCase()}`, `en/${Number(digits)}`]);
  if (facts.ahead !== null) expect(ticket.clips).toContain('en/kiosk.position');
  expect(ticket.clips).toContain('en/kiosk.estimatedWait');
  // Nothing personal or other-language.
  expect(ticket.clips.every((c) => c.startsWith('en/'))).toBe(true);

  // Stop: the script is cut short and Speak comes back.
  await page.getByTestId('speech-stop').click();
  await expect(page.getByTestId('speech-speak')).toBeVisible();
  await expect.poll(async () => (await lastRecord(page))?.stopped).toBe(true);
  expect((await lastRecord(page))?.endedAt).not.toBeNull();
});
