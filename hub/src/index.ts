export * from './store/index';
export { createHub, type Hub, type HubConfig } from './app';
export { loadHubSettings, demoSyncToken, DEMO_HUB_STAFF, DEMO_SYNC_SECRET, type HubSettings } from './config';
export { HUB_SESSION_COOKIE } from './http/staff-routes';
export { RenewalStore, ApplicationRefused, type Notice, type NoticeStatus } from './store/renewals';
export { NoticeSender, backoffMs, type SenderOptions } from './notify/sender';
export { smtpProvider, smsGatewayProvider, type NoticeProvider, type OutgoingNotice } from './notify/providers';
export { loadRenewalSettings, type RenewalSettings } from './renewal-config';
export { CITIZEN_COOKIE } from './http/renewal-routes';
