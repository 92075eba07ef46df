/**
 * The other ways in: a CPR typed on the keypad (or with Arabic-Indic digits on a keyboard), the card's MRZ
 * and a booking QR typed by a keyboard-style scanner, and "continue without an ID card". The demo's
 * appointments (server/src/demo/appointments.ts) give every check-in case.
 */
import { localDayRange } from '@dawr/core';
import { generateBookingKey, signBookingToken } from '@dawr/web';
import { expect, OPEN_TIME, test } from './fixtures';
import { KioskPage, Staff, td1Mrz } from './pages/kiosk-page';

/** The demo's appointment ids on the test branch's day (seef-mall, 2026-11-24): n = 1…4. */
const appointmentId = (n: number) => `demo-seef-mall-2026-11-24-${n}`;

/** A stand-in for the centre's key: the branch verifies booking QRs with its public half (DAWR_HUB_BOOKING_KEY). */
const centre = generateBookingKey();
test.use({ kioskEnv: { DAWR_HUB_BOOKING_KEY: centre.publicKey } });
const DAY_END = localDayRange(Date.parse(OPEN_TIME), 'Asia/Bahrain').end - 1;
/** A booking QR as the portal prints it, for the demo appointment `n` (the branch's copy decides its time). */
const bookingQr = (id: string, key = centre.privateKey, slotAt = Date.parse(OPEN_TIME)) =>
  signBookingToken({ i: id, b: 'seef-mall', s: 'seef-mall.renewal', t: slotAt, c: '1002', e: DAY_END }, key);

test('walk-in by typed CPR: requirements, priority, ticket; a bad CPR is refused with help', async ({ page, branch }) => {
  const staff = await Staff.connect(branch.serverUrl);
  const kiosk = new KioskPage(page, branch.kioskUrl);
  await kiosk.open('en');

  // Eight digits: refused, with the reason, an icon and the staff help line.
  await page.getByTestId('type-cpr').click();
  for (const d of '87020304') await page.getByTestId(`key-${d}`).click();
  await page.getByTestId('cpr-submit').click();
  const error = page.getByTestId('error');
  await expect(error).toHaveAttribute('data-code', 'CPR_FORMAT');
  await expect(error).toContainText('exactly 9 digits');
  await expect(error.getByRole('img', { name: 'Warning' })).toBeVisible();
  await expect(error).toContainText('80008001');

  // Arabic-Indic digits from a keyboard are accepted (٨٧٠٢٠٣٠٤٥ = 870203045, no appointment).
  await page.getByTestId('cpr-input').fill('٨٧٠٢٠٣٠٤٥');
  await page.getByTestId('cpr-submit').click();
  await expect(page).toHaveURL(/\/services\?lang=en/);
  await expect(page.getByTestId('no-appointment')).toBeVisible();
  // The chosen service shows what it needs (the seed's conditions for non-Bahrainis and the photo rules).
  await page.getByTestId('service-renewal').click();
  await expect(page.getByTestId('requirements')).toContainText('grey background');
  await page.getByTestId('priority-elderly').click();
  const number = await kiosk.ticketNumber();
  expect(number).toMatch(/^B-\d{3}$/);
  await expect(kiosk.printStatus()).toHaveAttribute('data-state', 'printed');
  expect(await page.content()).not.toContain('870203045');

  const [ticket] = (await staff.tickets()).filter((t) => t.number === number);
  expect(ticket?.priority).toBe('elderly');
  expect(ticket?.visitor?.cprLast4).toBe('3045');
  staff.close();
});

test('MRZ scan: a wrong check digit is refused clearly; the right MRZ finds the late appointment', async ({ page, branch }) => {
  const kiosk = new KioskPage(page, branch.kioskUrl);
  await kiosk.open();
  const mrz = td1Mrz({ docNumber: 'A1234567', cpr: '850101003', birth: '850101', sex: 'M', expiry: '300101', surname: 'AL JABER', given: 'SALMAN ALI' });

  // The birth date's check digit changed: "misread, scan again", the box empty for the next try.
  const bad = [mrz[0]!, `${mrz[1]!.slice(0, 6)}${(Number(mrz[1]![6]) + 1) % 10}${mrz[1]!.slice(7)}`, mrz[2]!];
  await kiosk.scan(bad);
  const error = page.getByTestId('error');
  await expect(error).toHaveAttribute('data-code', 'MRZ_CHECK');
  await expect(error).toContainText('تمت قراءة الرمز الموجود على ظهر البطاقة بشكل غير صحيح');
  await expect(error).toContainText('80008001');
  await expect(page.getByTestId('scan-input')).toHaveValue('');

  await kiosk.scan(mrz);
  await expect(page).toHaveURL(/\/visit/);
  // The MRZ has only the Latin name: shown tagged as English on the Arabic page.
  await expect(page.getByTestId('person-name')).toHaveText('SALMAN ALI AL JABER');
  await expect(page.getByTestId('person-name')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('person-cpr')).toHaveText('•••••1003');
  await expect(page.getByTestId('appointment')).toHaveAttribute('data-window', 'late');
  await expect(page.getByTestId('late')).toBeVisible();
  await page.getByTestId('check-in').click();
  expect(await kiosk.ticketNumber()).toMatch(/^C-\d{3}$/);
  await expect(page.getByTestId('ticket-late')).toBeVisible();
});

test('booking QR: too early shows when check-in opens; forged, unsigned and unknown codes are refused', async ({ page, branch }) => {
  const kiosk = new KioskPage(page, branch.kioskUrl);
  await kiosk.open('en');

  // Signed by another key: refused, with a way out.
  await kiosk.scan([bookingQr(appointmentId(2), generateBookingKey().privateKey)]);
  await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'BOOKING_INVALID');
  await expect(page.getByTestId('error')).toContainText('type your CPR');
  // The old unsigned code is no booking QR any more.
  await kiosk.scan([`DAWR-APPT:${appointmentId(2)}`]);
  await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'SCAN_UNKNOWN');
  // Genuine, but for a booking on another day.
  await kiosk.scan([bookingQr('no-such-appointment', centre.privateKey, Date.parse(OPEN_TIME) + 86_400_000)]);
  await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'NO_APPOINTMENT');

  // Appointment 2 (CPR 850101002) is 90 minutes away: check-in opens 30 minutes before it.
  await kiosk.scan([bookingQr(appointmentId(2))]);
  await expect(page).toHaveURL(/\/visit/);
  await expect(page.getByTestId('person')).toHaveCount(0); // a booking code carries no name or CPR
  const appt = page.getByTestId('appointment');
  await expect(appt).toHaveAttribute('data-window', 'too_early');
  await expect(page.getByTestId('too-early')).toContainText('Check-in opens at 10:00');
  await expect(page.getByTestId('too-early').locator('bdi', { hasText: '10:00' })).toHaveCount(1);
  await expect(page.getByTestId('check-in')).toHaveCount(0);
  await page.getByTestId('walk-in').click();
  await expect(page).toHaveURL(/\/services/);
});

test('on time by typed CPR, and "continue without an ID card" only for collections', async ({ page, branch }) => {
  const kiosk = new KioskPage(page, branch.kioskUrl);
  await kiosk.open('en');
  await kiosk.typeCpr('850101004');
  await expect(page.getByTestId('appointment')).toHaveAttribute('data-window', 'on_time');
  await expect(page.getByTestId('person-name')).toHaveCount(0); // a typed CPR has no name
  await page.getByTestId('check-in').click();
  expect(await kiosk.ticketNumber()).toMatch(/^B-\d{3}$/);
  await page.getByTestId('done').click();

  await expect(page.getByTestId('no-id')).toBeVisible();
  await page.getByTestId('no-id').click();
  await expect(page.getByTestId('no-id-note')).toBeVisible();
  await expect(page.getByTestId('service-renewal')).toHaveAttribute('data-blocked', 'needs_id');
  await expect(page.getByTestId('service-new-card')).toHaveAttribute('data-blocked', 'needs_id');
  await page.getByTestId('service-birth-certificate').click();
  await page.getByTestId('priority-pregnancy').click();
  expect(await kiosk.ticketNumber()).toMatch(/^E-\d{3}$/);
});

test('a valid card asked to be renewed: why it needs none, and honest ways on; "another reason" marks the ticket for the clerk', async ({ page, branch }) => {
  const staff = await Staff.connect(branch.serverUrl);
  const kiosk = new KioskPage(page, branch.kioskUrl);
  await kiosk.open('en');
  // A walk-in (no appointment) whose card is valid until 2030.
  await kiosk.scan(td1Mrz({ docNumber: 'B7654321', cpr: '870203045', birth: '870203', sex: 'F', expiry: '300101', surname: 'AL SAYED', given: 'MARYAM' }));
  await expect(page).toHaveURL(/\/services/);
  await page.getByTestId('service-renewal').click();
  const advice = page.getByTestId('advice-valid');
  await expect(advice).toContainText('A citizen is not obliged to replace a card that is still valid');
  // No answer is pushed on the visitor: none of the ways on is the highlighted one.
  for (const id of ['damaged-yes', 'other-reason', 'no-new-card', 'damaged-no']) await expect(advice.getByTestId(id)).toBeVisible();
  await expect(advice.locator('.button.primary')).toHaveCount(0);

  await advice.getByTestId('other-reason').click();
  await expect(page.getByTestId('clerk-decision')).toBeVisible();
  await page.getByTestId('priority-none').click();
  const number = await kiosk.ticketNumber();
  const ticket = (await staff.tickets()).find((t) => t.number === number);
  expect(ticket?.visitor?.note).toBe('clerk-decision');
  staff.close();

  // The same choice in Arabic.
  await page.getByTestId('done').click();
  await kiosk.scan(td1Mrz({ docNumber: 'B7654322', cpr: '880304056', birth: '880304', sex: 'M', expiry: '300101', surname: 'AL SAYED', given: 'ALI' }));
  await page.getByTestId('service-renewal').click();
  await expect(page.getByTestId('advice-valid')).toContainText('لا يُلزم المواطن باستبدال بطاقة لا تزال سارية المفعول');
  await expect(page.getByTestId('other-reason')).toContainText('اسأل');
});

test('the appointment screen offers another service instead: a walk-in ticket for it', async ({ page, branch }) => {
  const kiosk = new KioskPage(page, branch.kioskUrl);
  await kiosk.open('en');
  await kiosk.typeCpr('850101004'); // on time for a renewal
  await expect(page.getByTestId('appointment')).toBeVisible();
  await page.getByTestId('other-service').click();
  await expect(page).toHaveURL(/\/services\?lang=en/);
  await page.getByTestId('service-birth-certificate').click();
  await page.getByTestId('priority-none').click();
  expect(await kiosk.ticketNumber()).toMatch(/^E-\d{3}$/);
});
