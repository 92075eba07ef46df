export * from './store/index';
export { createHub, type Hub, type HubConfig } from './app';
export { loadHubSettings, demoSyncToken, DEMO_SYNC_SECRET, type HubSettings } from './config';
