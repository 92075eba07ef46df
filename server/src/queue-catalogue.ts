/**
 * The branch's configuration as the queue uses it: the branch, its services, counters and public holidays, read
 * once and re-read after a configuration change. Lookups throw the domain error a command answers with.
 */
import { DawrError, type Branch, type Counter, type Service } from '@dawr/core';
import type { Store } from '@dawr/db';

export class Catalogue {
  private current!: Branch;
  private servicesById = new Map<string, Service>();
  private countersById = new Map<string, Counter>();
  private typical = new Map<string, number>();
  private holidayDays: readonly string[] = [];
  private reloads = 0;

  constructor(
    private readonly store: Store,
    readonly branchId: string,
  ) {
    this.reload();
  }

  /** Re-reads branch, services, counters and public holidays (after a configuration change). */
  reload(): void {
    const branch = this.store.config.getBranch(this.branchId);
    if (!branch) throw new Error(`branch "${this.branchId}" is not configured in this database`);
    this.reloads++;
    this.current = branch;
    this.servicesById = new Map(this.store.config.listServices(this.branchId).map((s) => [s.id, s]));
    this.countersById = new Map(this.store.config.listCounters(this.branchId).map((c) => [c.id, c]));
    this.holidayDays = this.store.config.listHolidays(this.branchId);
    this.typical = new Map(
      [...this.servicesById.values()].flatMap((s) => (s.typicalServiceMin ? [[s.id, s.typicalServiceMin] as const] : [])),
    );
  }

  /** Changes with every reload: what was derived from the configuration is stale once it changes. */
  get generation(): number {
    return this.reloads;
  }

  get branch(): Branch {
    return this.current;
  }

  /** The branch's public holidays (branch-local days 'YYYY-MM-DD', earliest first): closed all day. */
  get holidays(): readonly string[] {
    return this.holidayDays;
  }

  /** Every service, active or not, in configuration order. */
  services(): Iterable<Service> {
    return this.servicesById.values();
  }

  /** Counters by id (for turning a ticket's counter into the number people see). */
  get counterIndex(): ReadonlyMap<string, Counter> {
    return this.countersById;
  }

  counters(): Counter[] {
    return [...this.countersById.values()];
  }

  /** Each service's configured typical duration in minutes (services without one are absent). */
  get typicalMin(): ReadonlyMap<string, number> {
    return this.typical;
  }

  /** A service's name for people, or empty names for an unknown one. */
  serviceName(id: string): Service['name'] {
    return this.servicesById.get(id)?.name ?? { ar: '', en: '' };
  }

  /** An active service, or UNKNOWN_SERVICE. */
  service(id: string): Service {
    const s = this.servicesById.get(id);
    if (!s || !s.active) throw new DawrError('UNKNOWN_SERVICE');
    return s;
  }

  /** A counter of this branch, or UNKNOWN_COUNTER. */
  counter(id: string): Counter {
    const c = this.countersById.get(id);
    if (!c) throw new DawrError('UNKNOWN_COUNTER');
    return c;
  }

  /** An open counter, or COUNTER_CLOSED. */
  openCounter(id: string): Counter {
    const c = this.counter(id);
    if (!c.open) throw new DawrError('COUNTER_CLOSED');
    return c;
  }
}
