/** Central staff's card applications: the list, the moves, and the notices that did not go out (hub API). */
import { staffMoves, type ApplicationStatus, type CardApplication, type Lang, type Localized, type StaffMove } from '@dawr/core';
import { call } from '$lib/api';

/** A notice the hub could not deliver yet (retrying) or gave up on (failed). */
export interface TroubledNotice {
  id: number;
  applicationId: string | null;
  channel: 'email' | 'sms';
  recipient: string;
  status: 'pending' | 'failed';
  attempts: number;
  lastError: string | null;
}

export class ApplicationsState {
  applications = $state<CardApplication[]>([]);
  notices = $state<TroubledNotice[]>([]);
  branches = $state<Record<string, Localized>>({});
  filter = $state<ApplicationStatus | ''>('');
  loaded = $state(false);
  error = $state<Localized | null>(null);
  busy = $state<string | null>(null);

  constructor(
    private readonly lang: () => Lang,
    private readonly csrf: string,
  ) {}

  /** The moves staff may make on an application now. */
  moves(a: CardApplication): StaffMove[] {
    return staffMoves(a.status, a.pickup.kind);
  }

  async load(): Promise<void> {
    const q = this.filter ? `?status=${this.filter}` : '';
    const [apps, notices, catalogues] = await Promise.all([
      call('GET', `applications${q}`, this.lang()),
      call('GET', 'notifications?status=troubled', this.lang()),
      this.loaded ? null : call('GET', 'catalogue', this.lang()),
    ]);
    if (!apps.ok || !notices.ok) {
      this.error = ((apps.ok ? notices : apps).msgs as Localized | undefined) ?? null;
      return;
    }
    this.error = null;
    this.applications = apps.applications as CardApplication[];
    this.notices = notices.notifications as TroubledNotice[];
    if (catalogues?.ok) {
      const list = catalogues.catalogues as { catalogue: { branch: { id: string; name: Localized } } }[];
      this.branches = Object.fromEntries(list.map((c) => [c.catalogue.branch.id, c.catalogue.branch.name]));
    }
    this.loaded = true;
  }

  async move(a: CardApplication, to: StaffMove): Promise<void> {
    this.busy = a.id;
    try {
      const r = await call('POST', `applications/${a.id}/status`, this.lang(), { to }, this.csrf);
      this.error = r.ok ? null : ((r.msgs as Localized | undefined) ?? null);
      await this.load();
    } finally {
      this.busy = null;
    }
  }

  async retry(n: TroubledNotice): Promise<void> {
    const r = await call('POST', `notifications/${n.id}/retry`, this.lang(), {}, this.csrf);
    this.error = r.ok ? null : ((r.msgs as Localized | undefined) ?? null);
    await this.load();
  }
}
