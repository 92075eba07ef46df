/** A hub store on PGlite (in memory) with its renewal face, opened before a file's tests and closed after them. */
import { afterAll, beforeAll } from 'vitest';
import { HubStore, RenewalStore } from '@dawr/hub';

/** Registers the hooks; the returned object's `hub` and `store` are set once `beforeAll` has run. */
export function useRenewalStore(now: number): { hub: HubStore; store: RenewalStore } {
  const ctx = {} as { hub: HubStore; store: RenewalStore };
  beforeAll(async () => {
    ctx.hub = await HubStore.open({ dir: null }, now);
    ctx.store = new RenewalStore(ctx.hub.sql);
  }, 60_000);
  afterAll(async () => {
    await ctx.hub?.close();
  });
  return ctx;
}
