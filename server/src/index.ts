export { createBranchServer, PortInUse, type BranchServer } from './app';
export { loadConfig, DEMO_DEVICES, DEMO_STAFF, type ServerConfig, type DeviceConfig, type StaffConfig } from './config';
export { QueueService } from './queue-service';
export { makeLogger, type Logger } from './log';
export { seedDemoBranch } from './demo/seed';
export { SyncClient, HubRefused, type SyncStatus, type SyncClientOptions } from './sync/sync-client';
export { makeDownApplier, type DownEffects, type DownOptions } from './sync/apply-down';
export { retentionCutoff } from './retention';
