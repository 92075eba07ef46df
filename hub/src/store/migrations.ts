/**
 * The hub's schema, as numbered migrations applied in order, each once, under an advisory lock so that several
 * hub processes starting together on one PostgreSQL do not race. Times are milliseconds since the epoch (int8):
 * branch-local times as the branch sent them, and the hub's own received times beside them (sync.md §6).
 */
import type { Sql } from './engine';

const MIGRATIONS: string[] = [
  // 1: sync up (events per branch and epoch, cursors, the projection of tickets), sync down (per-branch log
  // with its own counter row: sync.md §5), conflicts, branch credentials.
  `
  CREATE TABLE branch_credentials (
    branch_id text PRIMARY KEY,
    secret_hash text NOT NULL,
    created_at bigint NOT NULL
  );
  CREATE TABLE sync_cursors (
    branch_id text NOT NULL,
    epoch text NOT NULL,
    start_seq bigint NOT NULL,
    acked_seq bigint NOT NULL,
    first_contact bigint NOT NULL,
    last_contact bigint NOT NULL,
    PRIMARY KEY (branch_id, epoch)
  );
  CREATE TABLE branch_events (
    branch_id text NOT NULL,
    epoch text NOT NULL,
    seq bigint NOT NULL,
    type text NOT NULL,
    type_version int NOT NULL,
    entity_id text NOT NULL,
    payload jsonb NOT NULL,
    created_at bigint NOT NULL,
    received_at bigint NOT NULL,
    known boolean NOT NULL,
    PRIMARY KEY (branch_id, epoch, seq)
  );
  CREATE TABLE hub_tickets (
    id text PRIMARY KEY,
    branch_id text NOT NULL,
    day text NOT NULL,
    service_id text NOT NULL,
    number text NOT NULL,
    state text NOT NULL,
    priority text,
    counter_id text,
    appointment_id text,
    slot_at bigint,
    arrived_at bigint NOT NULL,
    called_at bigint,
    started_at bigint,
    ended_at bigint,
    outcome text,
    epoch text NOT NULL,
    seq bigint NOT NULL
  );
  CREATE INDEX hub_tickets_branch_day ON hub_tickets (branch_id, day);
  CREATE TABLE down_counters (
    branch_id text PRIMARY KEY,
    last_seq bigint NOT NULL
  );
  CREATE TABLE down_log (
    branch_id text NOT NULL,
    seq bigint NOT NULL,
    type text NOT NULL,
    type_version int NOT NULL,
    payload jsonb NOT NULL,
    created_at bigint NOT NULL,
    PRIMARY KEY (branch_id, seq)
  );
  CREATE TABLE sync_conflicts (
    id bigserial PRIMARY KEY,
    branch_id text NOT NULL,
    kind text NOT NULL,
    entity_id text NOT NULL,
    detail jsonb NOT NULL,
    created_at bigint NOT NULL,
    resolved_at bigint
  );
  `,
  // 2: the centre's catalogue, one document per branch (branch, services, counters, holidays) with its version.
  `
  CREATE TABLE hub_catalogues (
    branch_id text PRIMARY KEY,
    version int NOT NULL,
    doc jsonb NOT NULL,
    updated_at bigint NOT NULL
  );
  `,
  // 3: counters as the branches report them, the branch clock's offset (for its local time), central staff.
  `
  CREATE TABLE hub_counters (
    id text PRIMARY KEY,
    branch_id text NOT NULL,
    number int NOT NULL,
    open boolean NOT NULL,
    epoch text NOT NULL,
    seq bigint NOT NULL
  );
  ALTER TABLE sync_cursors ADD COLUMN clock_offset bigint NOT NULL DEFAULT 0;
  CREATE TABLE hub_staff (
    id text PRIMARY KEY,
    username text NOT NULL UNIQUE,
    name text NOT NULL,
    role text NOT NULL,
    password_hash text NOT NULL
  );
  CREATE TABLE hub_sessions (
    token_hash text PRIMARY KEY,
    staff_id text NOT NULL REFERENCES hub_staff (id),
    csrf text NOT NULL,
    expires_at bigint NOT NULL
  );
  `,
  // 4: the socket.io PostgreSQL adapter's table for large or binary broadcasts between hub processes.
  `
  CREATE TABLE IF NOT EXISTS socket_io_attachments (
    id bigserial UNIQUE,
    created_at timestamptz DEFAULT NOW(),
    payload bytea
  );
  `,
  // 5: appointments, owned by the centre (booked here, sent down; check-ins come back up with the branch's events).
  `
  CREATE TABLE hub_appointments (
    id text PRIMARY KEY,
    branch_id text NOT NULL,
    service_id text NOT NULL,
    cpr text NOT NULL,
    slot_at bigint NOT NULL,
    status text NOT NULL,
    ticket_id text,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL
  );
  CREATE INDEX hub_appointments_branch_slot ON hub_appointments (branch_id, slot_at);
  CREATE INDEX hub_appointments_cpr ON hub_appointments (cpr);
  `,
  // 6: online bookings. Seats per slot (taken by a conditional upsert, so concurrent bookings never exceed them),
  // the citizen's details and reference beside the appointment, one active booking per CPR and service (by
  // code, across branches), and the centre's key that signs booking QR tokens.
  `
  ALTER TABLE hub_appointments ADD COLUMN service_code text;
  CREATE UNIQUE INDEX hub_appointments_one_active ON hub_appointments (cpr, service_code)
    WHERE status = 'booked' AND service_code IS NOT NULL;
  CREATE TABLE hub_slots (
    service_id text NOT NULL,
    slot_at bigint NOT NULL,
    branch_id text NOT NULL,
    seats int NOT NULL,
    booked int NOT NULL CHECK (booked >= 0),
    PRIMARY KEY (service_id, slot_at)
  );
  CREATE TABLE hub_bookings (
    appointment_id text PRIMARY KEY REFERENCES hub_appointments (id),
    reference text NOT NULL UNIQUE,
    name text NOT NULL,
    mobile text NOT NULL,
    email text NOT NULL,
    nationality text NOT NULL,
    birth_date text NOT NULL,
    card_expiry text,
    lang text NOT NULL,
    created_at bigint NOT NULL
  );
  CREATE TABLE hub_keys (
    id text PRIMARY KEY,
    private_key text NOT NULL,
    public_key text NOT NULL,
    created_at bigint NOT NULL
  );
  `,
  // 7: online card renewal. Applications (one open per CPR) with their history, the notification outbox, and
  // citizens signed in through the identity provider (pending logins and sessions, tokens stored hashed).
  `
  CREATE TABLE hub_applications (
    id text PRIMARY KEY,
    reference text NOT NULL UNIQUE,
    cpr text NOT NULL,
    name text NOT NULL,
    birth_date text,
    nationality text,
    email text,
    mobile text,
    lang text NOT NULL,
    pickup text NOT NULL CHECK (pickup IN ('branch', 'post')),
    branch_id text,
    address text,
    status text NOT NULL CHECK (status IN ('submitted', 'in_production', 'ready', 'posted', 'collected')),
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    CHECK ((pickup = 'branch') = (branch_id IS NOT NULL) AND (pickup = 'post') = (address IS NOT NULL))
  );
  CREATE UNIQUE INDEX hub_applications_one_open ON hub_applications (cpr) WHERE status <> 'collected';
  CREATE INDEX hub_applications_status ON hub_applications (status, updated_at);
  CREATE TABLE hub_application_events (
    id bigserial PRIMARY KEY,
    application_id text NOT NULL REFERENCES hub_applications (id),
    status text NOT NULL,
    actor text NOT NULL,
    at bigint NOT NULL
  );
  CREATE INDEX hub_application_events_app ON hub_application_events (application_id);
  CREATE TABLE hub_notifications (
    id bigserial PRIMARY KEY,
    application_id text REFERENCES hub_applications (id),
    channel text NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient text NOT NULL,
    subject text NOT NULL,
    body text NOT NULL,
    status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts int NOT NULL,
    next_attempt_at bigint NOT NULL,
    last_error text,
    created_at bigint NOT NULL,
    sent_at bigint
  );
  CREATE INDEX hub_notifications_due ON hub_notifications (next_attempt_at) WHERE status = 'pending';
  CREATE TABLE hub_citizen_logins (
    id_hash text PRIMARY KEY,
    state text NOT NULL,
    nonce text NOT NULL,
    verifier text NOT NULL,
    return_to text NOT NULL,
    expires_at bigint NOT NULL
  );
  CREATE TABLE hub_citizen_sessions (
    token_hash text PRIMARY KEY,
    cpr text NOT NULL,
    name text NOT NULL,
    birth_date text,
    nationality text,
    email text,
    mobile text,
    csrf text NOT NULL,
    expires_at bigint NOT NULL
  );
  `,
  // 8: when each branch last reached the hub with its credential, up or down (a branch that only pulls is in contact).
  `
  CREATE TABLE branch_contact (
    branch_id text PRIMARY KEY,
    last_contact bigint NOT NULL
  );
  `,
  // 9: reports read a range of days' ticket events by the ticket's own branch-local day (the daily close may end a
  // ticket days later; it still belongs to its day).
  `
  CREATE INDEX branch_events_ticket_day ON branch_events (((payload->'ticket'->>'day')), branch_id) WHERE type LIKE 'ticket.%';
  `,
  // 10: each branch's service-level targets as its manager set them (report.target.set); a cleared one is deleted.
  `
  CREATE TABLE hub_report_targets (
    branch_id text NOT NULL,
    service_id text NOT NULL,
    within_min double precision NOT NULL,
    share double precision NOT NULL,
    epoch text NOT NULL,
    seq bigint NOT NULL,
    PRIMARY KEY (branch_id, service_id)
  );
  `,
  // 11: a citizen may cancel an application before production starts (a closed one, like a collected one, lets
  // them apply again), and may change its pickup; a history row says what a change other than a status was.
  `
  ALTER TABLE hub_applications DROP CONSTRAINT hub_applications_status_check;
  ALTER TABLE hub_applications ADD CONSTRAINT hub_applications_status_check
    CHECK (status IN ('submitted', 'in_production', 'ready', 'posted', 'collected', 'cancelled'));
  DROP INDEX hub_applications_one_open;
  CREATE UNIQUE INDEX hub_applications_one_open ON hub_applications (cpr) WHERE status NOT IN ('collected', 'cancelled');
  ALTER TABLE hub_application_events ADD COLUMN detail text;
  `,
];

/** The schema version this code needs. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the database to SCHEMA_VERSION; refuses one made by a newer hub. */
export async function migrate(sql: Sql, now: number): Promise<void> {
  await sql.tx(async (q) => {
    // One migrator at a time across hub processes; the lock ends with the transaction. Taken before anything
    // else: two concurrent CREATE TABLE IF NOT EXISTS of one table can both try to create it and one fails.
    await q.query('SELECT pg_advisory_xact_lock(72627)');
    await q.query('CREATE TABLE IF NOT EXISTS hub_migrations (version int PRIMARY KEY, applied_at bigint NOT NULL)');
    const [row] = await q.query<{ v: number | null }>('SELECT MAX(version) AS v FROM hub_migrations');
    const current = row?.v ?? 0;
    if (current > SCHEMA_VERSION) {
      throw new Error(`the hub database is at schema ${current}, newer than this hub (${SCHEMA_VERSION}): upgrade the hub`);
    }
    for (let v = current + 1; v <= SCHEMA_VERSION; v++) {
      for (const statement of splitStatements(MIGRATIONS[v - 1]!)) await q.query(statement);
      await q.query('INSERT INTO hub_migrations (version, applied_at) VALUES ($1, $2)', [v, now]);
    }
  });
}

/** A migration's statements (they hold no semicolons inside strings or bodies). */
function splitStatements(text: string): string[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}
