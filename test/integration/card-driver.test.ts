/**
 * The card reader service when the PC/SC binding (`smartcard`, an optional dependency) is not installed: the
 * reader is reported absent ('driver_missing'), nothing throws, and stop() still ends cleanly. No pcscd needed.
 */
import { expect, it } from 'vitest';
import { CardReaderService, type CardEvent } from '@dawr/hardware/card';

function missingModule(): Promise<never> {
  const e = Object.assign(new Error("Cannot find package 'smartcard' imported from reader-service.ts"), { code: 'ERR_MODULE_NOT_FOUND' });
  return Promise.reject(e);
}

it('reports driver_missing, not a crash, when the PC/SC binding cannot be loaded', async () => {
  const events: CardEvent[] = [];
  const warnings: string[] = [];
  let loads = 0;
  const service = new CardReaderService({
    loadPcsc: () => (loads++, missingModule()),
    logger: { info: () => {}, warn: (m) => warnings.push(m) },
  });
  service.subscribe((e) => events.push(e));
  service.start();
  expect(await service.loaded()).toBe(false);
  await new Promise((resolve) => setImmediate(resolve)); // the status follows the load's settlement
  expect(service.status).toBe('driver_missing');
  expect(service.reader).toBeNull();
  expect(events.map((e) => (e.kind === 'status' ? e.status : e.kind))).toEqual(['pcsc_down', 'driver_missing']);
  expect(warnings.join('\n')).toMatch(/PC\/SC binding could not be loaded: Cannot find package 'smartcard'/);
  // Starting again (a restart of the kiosk's hook) does not retry the load or throw.
  service.start();
  expect(loads).toBe(1);
  await service.stop();
  expect(service.status).toBe('pcsc_down');
});

it('does not report driver_missing when stopped before the load settles', async () => {
  const events: CardEvent[] = [];
  const service = new CardReaderService({ loadPcsc: missingModule, logger: { info: () => {}, warn: () => {} } });
  service.subscribe((e) => events.push(e));
  service.start();
  await service.stop();
  await service.loaded();
  expect(events.map((e) => (e.kind === 'status' ? e.status : e.kind))).toEqual(['pcsc_down']);
});
