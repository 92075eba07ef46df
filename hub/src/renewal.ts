/**
 * Online renewal, put together for the hub: the citizen's routes (e-key login, applications), central staff's
 * routes, and the notification sender with its providers, from the settings.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CitizenLogin } from './citizen/oidc';
import { applicationRoutes } from './http/application-routes';
import { renewalRoutes } from './http/renewal-routes';
import type { SignedInRoute } from './http/staff-routes';
import { smsGatewayProvider, smtpProvider, type NoticeProvider } from './notify/providers';
import { NoticeSender, type SenderOptions } from './notify/sender';
import type { RenewalSettings } from './renewal-config';
import type { Sql } from './store/engine';
import { RenewalStore } from './store/renewals';

export interface RenewalConfig extends RenewalSettings {
  sender?: SenderOptions;
  /** Providers to use instead of those the settings name (tests). */
  providers?: NoticeProvider[];
  /** Where a login returns when the page did not say. */
  defaultReturn?: string;
}

export interface Renewal {
  store: RenewalStore;
  sender: NoticeSender;
  /** The citizen's routes (false: not theirs). */
  routes(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /** Central staff's routes, in front of `next`. */
  staffRoutes(next: SignedInRoute): SignedInRoute;
  close(): Promise<void>;
}

/** Builds renewal over the hub's database and starts the sender. */
export function createRenewal(sql: Sql, config: RenewalConfig, o: { secureCookies?: boolean; clock?: () => number } = {}): Renewal {
  const store = new RenewalStore(sql);
  const providers = config.providers ?? [
    ...(config.smtp ? [smtpProvider(config.smtp.url, config.smtp.from)] : []),
    ...(config.sms ? [smsGatewayProvider(config.sms.url, config.sms.token)] : []),
  ];
  const sender = new NoticeSender(store, providers, {
    onError: (e) => console.error('[hub] notification sender', e),
    ...(o.clock ? { clock: o.clock } : {}),
    ...config.sender,
  });
  sender.start();
  const routes = renewalRoutes(store, {
    login: config.oidc ? new CitizenLogin(config.oidc) : null,
    secureCookies: o.secureCookies,
    clock: o.clock,
    defaultReturn: config.defaultReturn ?? '/portal/renew/',
  });
  return {
    store,
    sender,
    routes,
    staffRoutes: (next) => applicationRoutes(store, next, () => sender.wake(), o.clock),
    close: () => sender.stop(),
  };
}
