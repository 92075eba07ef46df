/** The side-by-side's state: the range, the branches' figures for it, and whether the last load failed. */
import type { Lang, Localized } from '@dawr/core';
import { addDays, isDay, type NetworkRow } from '@dawr/core/reports';

export type BranchRow = NetworkRow & { name: Localized; daily: { day: string; issued: number; served: number }[] };

export class NetworkReport {
  from = $state('');
  to = $state('');
  rows = $state.raw<BranchRow[] | null>(null);
  shown = $state.raw<{ from: string; to: string } | null>(null);
  problem = $state<'badRange' | 'loadFailed' | null>(null);
  loading = $state(false);

  constructor(today: string) {
    this.to = today;
    this.from = addDays(today, -6);
  }

  /** Reads the range typed; refuses a reversed or over-long one before asking. */
  async load(lang: Lang): Promise<void> {
    const { from, to } = this;
    if (!isDay(from) || !isDay(to) || from > to || to > addDays(from, 92)) {
      this.problem = 'badRange';
      return;
    }
    this.loading = true;
    try {
      const res = await fetch(`/api/v1/reports/branches?from=${from}&to=${to}&lang=${lang}`, { credentials: 'same-origin' });
      const body = (await res.json()) as { ok: boolean; branches?: BranchRow[] };
      if (!body.ok || !body.branches) throw new Error('refused');
      this.rows = body.branches;
      this.shown = { from, to };
      this.problem = null;
    } catch {
      this.problem = 'loadFailed';
    } finally {
      this.loading = false;
    }
  }

  /** The CSV of the range shown. */
  csvHref(lang: Lang): string {
    return this.shown ? `/api/v1/reports/branches.csv?from=${this.shown.from}&to=${this.shown.to}&lang=${lang}` : '';
  }
}
