/**
 * The last seats of a slot under a rush, on real PostgreSQL: two hub processes on one database, a slot with 12 seats
 * of which 2 are taken, then 1 000 booking requests at once (900 people, 100 of them asking twice, each time at the
 * other hub) through the public portal API. Beside it, on the same database and at the same moment, the bare
 * baseline: as many conditional `UPDATE … SET booked = booked + 1 WHERE booked < seats` of one row through `pg`, at
 * the hubs' concurrency (two pools of 10). Rounds alternate the two on fresh slots, so both see the same machine.
 * Used by the contention test (test/integration) and `npm run bench -- booking-contention`.
 */
import net from 'node:net';
import { HubStore } from '@dawr/hub';
import { freePort, launchHub } from '../../scripts/launch';
import { tempDir } from './tmp';

export const RUSH = {
  branchId: 'seef-mall',
  serviceId: 'seef-mall.new-card',
  /** Monday 7 December 2026, 10:00 in Bahrain (round k: k quarter-hours later); the portal's clock starts at 08:00. */
  firstSlotAt: Date.parse('2026-12-07T10:00:00+03:00'),
  startTime: '2026-12-07T08:00:00+03:00',
  seats: 12,
  taken: 2,
  requests: 1000,
  people: 900,
} as const;

/** The warm-up's service: another slot, so the rushes' seats are untouched. */
const WARM_SERVICE = 'seef-mall.renewal';

type Answer = { status: number; code: string };

export interface RoundResult {
  /** Bookings the rush made (the slot's remaining seats: 10). */
  booked: number;
  /** Answers by code ('ok', 'SLOT_FULL', 'ALREADY_BOOKED', …). */
  answers: Record<string, number>;
  requestsPerS: number;
  /** The bare conditional UPDATEs: how many took a seat (10), and their rate. */
  bare: { booked: number; requestsPerS: number };
}

export interface RushResult {
  rounds: RoundResult[];
  /** After every round, as the store counts: bookings, seats taken, people with two active bookings of a service. */
  census: { bookings: number; seats: number; doubleBooked: number };
  /** appointment.created entries in the branch's down log. */
  sentDown: number;
  /** Bookings the warm-up made on its own slot (counted in `census` and `sentDown`). */
  warmBooked: number;
}

const bookingBody = (cpr: string, slotAt: number, serviceId: string = RUSH.serviceId) =>
  JSON.stringify({
    branchId: RUSH.branchId,
    serviceId,
    slotAt,
    lang: 'en',
    applicant: { cpr, name: 'Rush Visitor', mobile: '36000000', email: 'rush@example.bh', nationality: 'BH', birthDate: '1990-01-01', cardExpiry: '2027-01-01' },
  });

/**
 * A lean load generator (the system under test is the hubs, not the client): `sockets` keep-alive connections to one
 * hub, all connected before the returned run starts (as the baseline's pool connections are), then each sends its
 * share of the requests one after the other with prebuilt bytes, reading back only the status, length and code.
 * Answers land in `out` at each request's index.
 */
async function connectBlast(url: URL, path: string, requests: [number, string][], sockets: number, out: Answer[]): Promise<() => Promise<void>> {
  let next = 0;
  const connected = await Promise.all(
    Array.from({ length: Math.min(sockets, requests.length) }, () =>
      new Promise<net.Socket>((resolve, reject) => {
        const socket = net.connect(Number(url.port), url.hostname, () => resolve(socket));
        socket.setNoDelay(true);
        socket.once('error', reject);
      }),
    ),
  );
  const run = (socket: net.Socket) =>
    new Promise<void>((resolve, reject) => {
      let buf: Buffer = Buffer.alloc(0);
      let current = -1;
      const send = () => {
        if (next >= requests.length) return void socket.end();
        const [index, body] = requests[next++]!;
        current = index;
        socket.write(`POST ${path} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      };
      socket.on('data', (d: Buffer) => {
        buf = buf.length ? Buffer.concat([buf, d]) : d;
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.subarray(0, end).toString('latin1');
        const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? NaN);
        if (!(buf.length >= end + 4 + length)) return;
        const answer = JSON.parse(buf.subarray(end + 4, end + 4 + length).toString('utf8')) as { ok: boolean; code?: string };
        out[current] = { status: Number(head.slice(9, 12)), code: answer.ok ? 'ok' : String(answer.code) };
        buf = buf.subarray(end + 4 + length);
        send();
      });
      socket.on('error', reject);
      socket.on('close', () => resolve());
      send();
    });
  return async () => {
    await Promise.all(connected.map(run));
    if (requests.some(([i]) => out[i] === undefined)) throw new Error('a request got no answer');
  };
}

/** Keep-alive connections to each hub, as a balancer keeps (the baseline's statements share 10 per pool likewise). */
export const CONNECTIONS_PER_HUB = Number(process.env.BENCH_CONNECTIONS_PER_HUB ?? 32);

/**
 * Requests spread over the hubs (request i to hub i mod n), all issued at once and queued on each hub's connections
 * (connected first): the clock runs from then until the last answer. The answers in request order, and the time.
 */
async function toHubs(hubs: { url: string }[], bodies: string[]): Promise<{ answers: Answer[]; ms: number }> {
  const byHub = hubs.map(() => [] as [number, string][]);
  bodies.forEach((body, i) => byHub[i % hubs.length]!.push([i, body]));
  const answers: Answer[] = new Array(bodies.length);
  const go = await Promise.all(hubs.map((h, n) => connectBlast(new URL(h.url), '/api/portal/v1/bookings', byHub[n]!, CONNECTIONS_PER_HUB, answers)));
  const started = performance.now();
  await Promise.all(go.map((g) => g()));
  return { answers, ms: performance.now() - started };
}

/** `requests` conditional updates of one seat row (10 seats) at once through the given pools, timed. */
async function bareRound(pools: NonNullable<HubStore['sql']['pool']>[], requests: number): Promise<{ booked: number; requestsPerS: number }> {
  await pools[0]!.query('INSERT INTO bench_seats VALUES (1, 10, 0) ON CONFLICT (id) DO UPDATE SET booked = 0');
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: requests }, (_, i) => pools[i % pools.length]!.query('UPDATE bench_seats SET booked = booked + 1 WHERE id = 1 AND booked < seats RETURNING booked')),
  );
  const elapsedMs = performance.now() - started;
  return { booked: results.filter((r) => r.rowCount === 1).length, requestsPerS: requests / (elapsedMs / 1000) };
}

/** Runs `rounds` rushes (each on its own slot) against two hub processes on the database at `url` (a fresh one). */
export async function rush(url: string, rounds = 1, log: (m: string) => void = () => undefined): Promise<RushResult> {
  // The slots' seats, set by the centre before the hubs start.
  const setup = await HubStore.open({ url }, Date.parse(RUSH.startTime));
  await setup.editCatalogue(
    RUSH.branchId,
    (c) => ({ ...c, booking: { horizonDays: 30, leadMin: 0, services: { [RUSH.serviceId]: { slotMin: 15, seats: RUSH.seats } } } }),
    Date.parse(RUSH.startTime),
  );
  await setup.close();
  const tmp = tempDir('dawr-rush-');
  const env = {
    DAWR_HUB_DATABASE_URL: url,
    DAWR_HUB_START_TIME: RUSH.startTime,
    DAWR_PORTAL_WRITES_PER_ADDRESS: '1000000',
    DAWR_PORTAL_WRITES_PER_CPR: '1000000',
    DAWR_LOG_LEVEL: 'warn',
  };
  const hubs = await Promise.all([0, 1].map(async () => launchHub({ dataDir: tmp.dir, port: await freePort(), env })));
  // The baseline's two pools of 10 connections (as each hub has), from stores opened on the same database.
  const bareStores = await Promise.all([0, 1].map(() => HubStore.open({ url })));
  const pools = bareStores.map((s) => s.sql.pool!);
  try {
    await pools[0]!.query('CREATE TABLE IF NOT EXISTS bench_seats (id int PRIMARY KEY, seats int NOT NULL, booked int NOT NULL)');
    // Both sides warm before any clock starts (a hub in service is): the same path on another service's slot
    // (renewal, 3 seats) by other people, and the baseline's connections exercised.
    const { answers: warm } = await toHubs(hubs, Array.from({ length: 400 }, (_, i) => bookingBody(`930${String(i).padStart(6, '0')}`, RUSH.firstSlotAt, WARM_SERVICE)));
    await bareRound(pools, 200);
    const results: RoundResult[] = [];
    for (let round = 0; round < rounds; round++) {
      const slotAt = RUSH.firstSlotAt + round * 15 * 60_000;
      for (let i = 0; i < RUSH.taken; i++) {
        const [a] = (await toHubs([hubs[i % 2]!], [bookingBody(`92${round}${String(i).padStart(6, '0')}`, slotAt)])).answers;
        if (a!.code !== 'ok') throw new Error(`could not take seat ${i + 1}: ${a!.status} ${a!.code}`);
      }
      // 900 people; the first 100 ask twice (i and i + 900 go to different hubs).
      const bodies = Array.from({ length: RUSH.requests }, (_, i) => bookingBody(`91${round}${String(i % RUSH.people).padStart(6, '0')}`, slotAt));
      const { answers, ms } = await toHubs(hubs, bodies);
      const requestsPerS = RUSH.requests / (ms / 1000);
      const bare = await bareRound(pools, RUSH.requests);
      const counted: Record<string, number> = {};
      for (const a of answers) counted[a.code] = (counted[a.code] ?? 0) + 1;
      results.push({ booked: counted.ok ?? 0, answers: counted, requestsPerS, bare });
      log(`  round ${round + 1}: ${JSON.stringify(counted)}, ${Math.round(requestsPerS)} requests/s; bare: ${Math.round(bare.requestsPerS)}/s`);
    }
    const census = await bareStores[0]!.bookings.census();
    const sentDown = (await bareStores[0]!.pullDown(RUSH.branchId, 0, 10_000)).filter((c) => c.type === 'appointment.created').length;
    return { rounds: results, census, sentDown, warmBooked: warm.filter((a) => a.code === 'ok').length };
  } finally {
    await Promise.all(bareStores.map((s) => s.close()));
    await Promise.all(hubs.map((h) => h.stop()));
    tmp.cleanup();
  }
}
