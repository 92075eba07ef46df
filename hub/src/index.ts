export * from './store/index';
export { createHub, type Hub, type HubConfig } from './app';
export { loadHubSettings, demoSyncToken, DEMO_HUB_STAFF, DEMO_SYNC_SECRET, type HubSettings } from './config';
export { HUB_SESSION_COOKIE } from './http/staff-routes';
