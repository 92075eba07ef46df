/**
 * The schema, one entry per migration, in order; never edit an entry that has shipped.
 * Ids are UUIDv7 text made where the entity is born; times are epoch ms on the branch clock.
 */
export const MIGRATIONS: { name: string; sql: string }[] = [
  {
    name: 'init',
    sql: `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE branches (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name_ar TEXT NOT NULL,
  name_en TEXT NOT NULL,
  timezone TEXT NOT NULL DEFAULT 'Asia/Bahrain',
  opens_at TEXT NOT NULL DEFAULT '08:00',
  closes_at TEXT NOT NULL DEFAULT '14:00'
);

CREATE TABLE services (
  id TEXT PRIMARY KEY,
  branch_id TEXT NOT NULL REFERENCES branches(id),
  code TEXT NOT NULL,
  prefix TEXT NOT NULL CHECK (length(prefix) = 1),
  name_ar TEXT NOT NULL,
  name_en TEXT NOT NULL,
  requirements_ar TEXT NOT NULL DEFAULT '',
  requirements_en TEXT NOT NULL DEFAULT '',
  accepts_appointments INTEGER NOT NULL DEFAULT 1,
  accepts_walk_ins INTEGER NOT NULL DEFAULT 1,
  daily_cap INTEGER,
  sort_order INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  UNIQUE (branch_id, code),
  UNIQUE (branch_id, prefix)
);

CREATE TABLE counters (
  id TEXT PRIMARY KEY,
  branch_id TEXT NOT NULL REFERENCES branches(id),
  number INTEGER NOT NULL,
  name_ar TEXT NOT NULL,
  name_en TEXT NOT NULL,
  open INTEGER NOT NULL DEFAULT 1,
  UNIQUE (branch_id, number)
);

-- A counter's work profile: the services it serves, in order, with weights.
CREATE TABLE counter_services (
  counter_id TEXT NOT NULL REFERENCES counters(id) ON DELETE CASCADE,
  service_id TEXT NOT NULL REFERENCES services(id),
  position INTEGER NOT NULL,
  weight INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (counter_id, service_id)
);

-- Enrolled devices; only a hash of the token is kept. Revoked devices stay for the record.
CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  branch_id TEXT NOT NULL REFERENCES branches(id),
  role TEXT NOT NULL CHECK (role IN ('kiosk', 'display', 'counter')),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  revoked_at INTEGER
);

-- The last number given per service per branch-local day; bumped in the issuing transaction.
CREATE TABLE ticket_sequences (
  branch_id TEXT NOT NULL,
  service_id TEXT NOT NULL REFERENCES services(id),
  day TEXT NOT NULL,
  last_seq INTEGER NOT NULL,
  PRIMARY KEY (branch_id, service_id, day)
);

CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  branch_id TEXT NOT NULL REFERENCES branches(id),
  service_id TEXT NOT NULL REFERENCES services(id),
  issue_service_id TEXT NOT NULL REFERENCES services(id),
  day TEXT NOT NULL,
  seq INTEGER NOT NULL,
  number TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('waiting','called','serving','parked','done','no_show','cancelled')),
  priority TEXT CHECK (priority IN ('elderly','disability','pregnancy')),
  counter_id TEXT REFERENCES counters(id),
  appointment_id TEXT,
  slot_at INTEGER,
  arrived_at INTEGER NOT NULL,
  called_at INTEGER,
  started_at INTEGER,
  ended_at INTEGER,
  outcome TEXT,
  UNIQUE (branch_id, issue_service_id, day, seq)
);
CREATE INDEX tickets_queue ON tickets (branch_id, state, service_id, arrived_at);
CREATE INDEX tickets_counter ON tickets (counter_id, state);

CREATE TABLE ticket_events (
  id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  branch_id TEXT NOT NULL,
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  counter_id TEXT,
  clerk_id TEXT,
  service_id TEXT NOT NULL
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, at);

-- Changes to send to the centre (shared/docs/sync.md): per-origin seq + database epoch.
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  epoch TEXT NOT NULL,
  type TEXT NOT NULL,
  type_version INTEGER NOT NULL,
  entity_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  acked_at INTEGER
);
`,
  },
  {
    name: 'staff-sessions-appointments',
    sql: `
CREATE TABLE staff (
  id TEXT PRIMARY KEY,
  branch_id TEXT NOT NULL REFERENCES branches(id),
  username TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('clerk', 'manager', 'admin')),
  password_hash TEXT NOT NULL,
  disabled_at INTEGER
);

-- Only a hash of the session token is kept; the CSRF token is sent with each state-changing request.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff(id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_staff ON sessions (staff_id);

-- Appointments are owned by the centre; the branch keeps a copy and records check-ins.
CREATE TABLE appointments (
  id TEXT PRIMARY KEY,
  branch_id TEXT NOT NULL REFERENCES branches(id),
  service_id TEXT NOT NULL REFERENCES services(id),
  cpr TEXT NOT NULL,
  slot_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('booked', 'checked_in', 'cancelled', 'no_show')),
  ticket_id TEXT REFERENCES tickets(id)
);
CREATE INDEX appointments_cpr ON appointments (branch_id, cpr, slot_at);

-- A kiosk's idempotency key: a retried issue returns the ticket already made, never a second one.
ALTER TABLE tickets ADD COLUMN request_id TEXT;
CREATE UNIQUE INDEX tickets_request ON tickets (request_id) WHERE request_id IS NOT NULL;

-- The unguessable token of the visitor's phone page, and who the visitor is, for the clerk only:
-- names and the CPR's last 4 digits (the full CPR is not kept with the ticket).
ALTER TABLE tickets ADD COLUMN track_token TEXT;
CREATE UNIQUE INDEX tickets_track ON tickets (track_token) WHERE track_token IS NOT NULL;
ALTER TABLE tickets ADD COLUMN visitor_name_ar TEXT;
ALTER TABLE tickets ADD COLUMN visitor_name_en TEXT;
ALTER TABLE tickets ADD COLUMN visitor_cpr_last4 TEXT;

-- Recent measured services (start → end) are read by type and time at start-up.
CREATE INDEX ticket_events_type_at ON ticket_events (branch_id, type, at);

-- Days whose queue was closed (the waiting tickets left were ended, the day moved to history).
CREATE TABLE closed_days (
  branch_id TEXT NOT NULL,
  day TEXT NOT NULL,
  closed_at INTEGER NOT NULL,
  PRIMARY KEY (branch_id, day)
);
`,
  },
  {
    name: 'ticket-visitor-note',
    sql: `
-- The kiosk's note to the clerk on a visitor's request (core's TICKET_NOTES), e.g. a valid card asked
-- to be replaced for a reason only the clerk can judge.
ALTER TABLE tickets ADD COLUMN visitor_note TEXT;
`,
  },
  {
    name: 'service-typical-duration',
    sql: `
-- Minutes one visit of a service usually takes, as configured: the wait estimate's basis until the
-- branch has measured the service (NULL: no estimate before the first measurement).
ALTER TABLE services ADD COLUMN typical_service_min REAL CHECK (typical_service_min IS NULL OR typical_service_min > 0);
`,
  },
  {
    name: 'issuer-device-counter-session-counter',
    sql: `
-- The device that issued a ticket (a reprint goes back to it); backfilled from the outbox rows still kept.
ALTER TABLE tickets ADD COLUMN issued_by TEXT;
UPDATE tickets SET issued_by = (
  SELECT json_extract(o.payload, '$.deviceId') FROM outbox o
  WHERE o.entity_id = tickets.id AND o.type IN ('ticket.issued', 'ticket.checked_in') ORDER BY o.seq LIMIT 1);
-- A counter PC enrolled for one counter may open and close that counter only.
ALTER TABLE devices ADD COLUMN counter_id TEXT REFERENCES counters(id);
-- The counter a clerk's session works at (the last one it called or served at): the one it may pause.
ALTER TABLE sessions ADD COLUMN counter_id TEXT REFERENCES counters(id);
-- The retention job finds old appointments by slot.
CREATE INDEX appointments_slot ON appointments (branch_id, slot_at);
`,
  },
  {
    name: 'ticket-events-by-counter',
    sql: `
-- Every "Call next" reads its counter's latest calls (the weighted interleaving): without this index
-- that read scanned the whole day's events, inside the call's transaction.
CREATE INDEX ticket_events_counter ON ticket_events (counter_id, type, at);
`,
  },
  {
    name: 'card-pickups',
    sql: `
-- Cards the centre made ready for collection here (online renewal): found by the visitor's CPR when a collection
-- ticket is issued, linked to that ticket, collected when it is served. Kept with the full CPR until collected.
CREATE TABLE card_pickups (
  id TEXT PRIMARY KEY,
  reference TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  cpr TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ready', 'collected')),
  ready_at INTEGER NOT NULL,
  ticket_id TEXT,
  collected_at INTEGER
);
CREATE INDEX card_pickups_cpr ON card_pickups (branch_id, cpr, status);
CREATE INDEX card_pickups_ticket ON card_pickups (ticket_id) WHERE ticket_id IS NOT NULL;
`,
  },
  {
    name: 'branch-holidays',
    sql: `
-- The branch's public holidays from the centre's catalogue (branch-local days, 'YYYY-MM-DD'): closed all day.
CREATE TABLE branch_holidays (
  branch_id TEXT NOT NULL REFERENCES branches(id),
  day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  PRIMARY KEY (branch_id, day)
) WITHOUT ROWID;
`,
  },
  {
    name: 'reports',
    sql: `
-- Reports read a range of days' tickets (and through them their events): by day, not by a scan of the year.
CREATE INDEX tickets_day ON tickets (branch_id, day);
-- Counters opened and closed (a clerk's pause and resume, a manager's change), with who and when: the clerks'
-- paused and idle time are computed from it. Kept like the ticket events (the outbox is pruned once synced).
CREATE TABLE counter_events (
  id TEXT PRIMARY KEY,
  branch_id TEXT NOT NULL,
  counter_id TEXT NOT NULL REFERENCES counters(id),
  clerk_id TEXT,
  open INTEGER NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX counter_events_at ON counter_events (branch_id, at);
-- Each service's service-level target (share called within so many minutes), set by the manager; default 80 % / 20 min.
CREATE TABLE report_targets (
  branch_id TEXT NOT NULL,
  service_id TEXT NOT NULL REFERENCES services(id),
  within_min REAL NOT NULL CHECK (within_min > 0),
  share REAL NOT NULL CHECK (share > 0 AND share <= 1),
  PRIMARY KEY (branch_id, service_id)
);
`,
  },
  {
    name: 'report-cache',
    sql: `
-- Closed days' transactions as the reports read them from the event log (core's encodeDay), so a month's report
-- reads a text per day instead of every event again. Derived data: a day is dropped when an event of its tickets
-- is written after it was cached (report_cache_seen: the last ticket_events rowid checked), and read again.
CREATE TABLE report_days (
  branch_id TEXT NOT NULL,
  day TEXT NOT NULL,
  transactions TEXT NOT NULL,
  PRIMARY KEY (branch_id, day)
) WITHOUT ROWID;
CREATE TABLE report_cache_seen (
  branch_id TEXT PRIMARY KEY,
  event_rowid INTEGER NOT NULL
);
`,
  },
  {
    name: 'card-pending',
    sql: `
-- Applications for collection here that the centre is still making (card.pending): the kiosk tells their holder
-- the card is being made instead of "no card is waiting". One row per application, dropped when its card.ready
-- arrives (card_pickups then holds it), so a CPR is kept here no longer than as a ready card.
CREATE TABLE card_pending (
  id TEXT PRIMARY KEY,
  reference TEXT NOT NULL,
  branch_id TEXT NOT NULL,
  cpr TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('submitted', 'in_production')),
  at INTEGER NOT NULL
);
CREATE INDEX card_pending_cpr ON card_pending (branch_id, cpr);
`,
  },
  {
    name: 'report-targets-up',
    sql: `
-- Targets now go up to the centre (report.target.set v1) when the manager sets them: the ones set before this
-- version are sent once, so the centre's reports judge the branch by them too. A new database has none.
INSERT INTO outbox (epoch, type, type_version, entity_id, payload, created_at)
SELECT (SELECT value FROM meta WHERE key = 'epoch'), 'report.target.set', 1, service_id,
       json_object('serviceId', service_id, 'withinMin', within_min, 'share', share),
       CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
FROM report_targets ORDER BY branch_id, service_id;
`,
  },
];
