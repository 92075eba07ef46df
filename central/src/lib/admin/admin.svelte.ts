/**
 * The admin page's state: every branch's catalogue (with its version), the branch being edited, and catalogue
 * writes. A write carries the version it was based on; when someone else changed the branch meanwhile, the hub
 * refuses it and the page reloads the latest catalogue (the refusal says so).
 */
import { localParts, utcOffsetMs, type Localized } from '@dawr/core';
import type { AdminApi, Answer, VersionedCatalogue } from './admin-api';

export class AdminState {
  catalogues = $state.raw<VersionedCatalogue[]>([]);
  branchId = $state('');
  loadError = $state<Localized | null>(null);
  loaded = $state(false);

  constructor(readonly api: AdminApi) {}

  /** The catalogue of the branch being edited. */
  get current(): VersionedCatalogue | undefined {
    return this.catalogues.find((c) => c.catalogue.branch.id === this.branchId);
  }

  /** Reads every catalogue; keeps the chosen branch (else the first). */
  async load(): Promise<void> {
    const r = await this.api.catalogues();
    if (!r.ok) {
      this.loadError = r.msgs;
      return;
    }
    this.loadError = null;
    this.catalogues = r.value;
    if (!this.current) this.branchId = r.value[0]?.catalogue.branch.id ?? '';
    this.loaded = true;
  }

  /** Runs a write against the current catalogue's version; keeps the answer's catalogue, or reloads when stale. */
  async write(send: (branchId: string, version: number) => Promise<Answer<VersionedCatalogue>>): Promise<Answer<VersionedCatalogue>> {
    const c = this.current;
    if (!c) return { ok: false, code: null, msgs: { ar: '', en: '' } };
    const r = await send(c.catalogue.branch.id, c.version);
    if (r.ok) this.catalogues = this.catalogues.map((x) => (x.catalogue.branch.id === c.catalogue.branch.id ? r.value : x));
    else if (r.code === 'STALE_CATALOGUE') await this.load();
    return r;
  }
}

/** Epoch ms of a branch-local day and time ("YYYY-MM-DD", "HH:MM") in `timeZone`. */
export function branchTime(day: string, hhmm: string, timeZone: string): number {
  return Date.parse(`${day}T${hhmm}:00Z`) - utcOffsetMs(Date.parse(`${day}T12:00:00Z`), timeZone);
}

/** "HH:MM" of an instant, branch-local. */
export function branchClock(at: number, timeZone: string): string {
  const { minutes } = localParts(at, timeZone);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A section's answer to show: done or refused, in both languages. */
export type Note = { ok: boolean; text: Localized } | null;
