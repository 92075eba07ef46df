/**
 * A short card soak (the 500-cycle one is `npm run bench -- card-soak`): 50 insert/read/remove cycles through
 * the real pcscd and the kiosk's reader service, none stuck, each read with the right CPR.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cardSoak } from '../helpers/card-soak';
import { startPcscd, type Pcscd } from '../helpers/pcscd';

let pcscd: Pcscd;
beforeAll(async () => {
  pcscd = await startPcscd();
}, 30_000);
afterAll(async () => {
  await pcscd?.stop();
});

it('50 insert/read/remove cycles: 0 stuck, every read with the right CPR', async () => {
  const r = await cardSoak(pcscd, 50);
  expect(r.stuck).toEqual([]);
  expect(r.errors).toEqual([]);
  expect(r.wrongCpr).toBe(0);
  expect(r.ok).toBe(50);
}, 240_000);
