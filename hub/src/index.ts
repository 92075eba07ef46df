export * from './store/index';
export { createHub, type Hub, type HubConfig } from './app';
