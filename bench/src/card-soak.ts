/**
 * card-soak: 500 insert/read/remove cycles of a virtual card through the real pcscd and the kiosk's reader
 * service (test/helpers/card-soak.ts). Target: 0 stuck cycles, every read with the right CPR. Also reports what
 * the service repaired by itself (missed card events, stuck reads) and the insert → read times.
 * CARD_SOAK_CYCLES sets the number of cycles.
 */
import { cardSoak } from '../../test/helpers/card-soak';
import { startPcscd, type Pcscd } from '../../test/helpers/pcscd';
import { log, percentile, round } from './lib/util';

const CYCLES = Number(process.env.CARD_SOAK_CYCLES ?? 500);

export async function run(): Promise<Record<string, unknown>> {
  const started = performance.now();
  let pcscd: Pcscd | null = null;
  try {
    pcscd = await startPcscd();
    log(`card-soak: ${CYCLES} cycles on pcscd ${pcscd.pid ?? '(already running)'}, vpcd port ${pcscd.ports[0]}`);
    const r = await cardSoak(pcscd, CYCLES, {
      progress: (done, s) => log(`${done}/${CYCLES}: ok ${s.ok}, stuck ${s.stuck.length}, errors ${s.errors.length}, recovered ${JSON.stringify(s.recovered)}`),
    });
    return {
      bench: 'card-soak',
      cycles: r.cycles,
      ok: r.ok,
      stuck: r.stuck.length,
      stuck_cycles: r.stuck.slice(0, 10),
      wrong_cpr: r.wrongCpr,
      errors: r.errors.length,
      error_codes: [...new Set(r.errors)],
      recovered: r.recovered,
      read_p50_ms: round(percentile(r.readMs, 50), 1),
      read_p95_ms: round(percentile(r.readMs, 95), 1),
      meets_target: r.stuck.length === 0 && r.wrongCpr === 0 && r.ok === CYCLES,
      wall_s: round((performance.now() - started) / 1000, 1),
    };
  } finally {
    await pcscd?.stop();
  }
}
