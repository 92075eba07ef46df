export { createBranchServer, PortInUse, type BranchServer } from './app';
export { loadConfig, DEMO_DEVICES, DEMO_STAFF, type ServerConfig, type DeviceConfig, type StaffConfig } from './config';
export { QueueService } from './queue-service';
