/** One handle on a branch database: its repositories and a transaction helper. */
import { ConfigRepo } from './repos/config-repo';
import { TicketRepo } from './repos/ticket-repo';
import { StaffRepo } from './repos/staff-repo';
import { AppointmentRepo } from './repos/appointment-repo';
import { PickupRepo } from './repos/pickup-repo';
import { Census } from './repos/census';
import { ReportRepo } from './repos/report-repo';
import { Outbox } from './outbox';
import { SyncState } from './sync-state';
import { openDatabase, type Db } from './open';

export class Store {
  readonly config: ConfigRepo;
  readonly tickets: TicketRepo;
  readonly outbox: Outbox;
  readonly sync: SyncState;
  readonly staff: StaffRepo;
  readonly appointments: AppointmentRepo;
  /** Cards ready for collection here (online renewal). */
  readonly pickups: PickupRepo;
  /** Read-only counts and checks (tests, benchmarks, operations). */
  readonly census: Census;
  /** What reports read, and the counters' open/close log. */
  readonly reports: ReportRepo;

  /** One transaction wrapper, reused: building it per call showed up in the issue-rate profile. */
  private readonly runner: { immediate: (fn: () => unknown) => unknown };

  /** The connection stays here: SQL lives in the repositories, never with their callers. */
  constructor(private readonly db: Db) {
    this.runner = db.transaction((fn: () => unknown) => fn());
    this.config = new ConfigRepo(db);
    this.tickets = new TicketRepo(db);
    this.outbox = new Outbox(db);
    this.sync = new SyncState(db, this.outbox);
    this.staff = new StaffRepo(db);
    this.appointments = new AppointmentRepo(db);
    this.pickups = new PickupRepo(db);
    this.census = new Census(db);
    this.reports = new ReportRepo(db);
  }

  /** Opens the file (WAL, synchronous=FULL, migrated) and wraps it. */
  static open(file: string, now: number = Date.now()): Store {
    return new Store(openDatabase(file, now));
  }

  /** Runs `fn` in one IMMEDIATE transaction: all of it commits, or none of it. */
  tx<T>(fn: () => T): T {
    return this.runner.immediate(fn) as T;
  }

  close(): void {
    this.db.close();
  }
}
