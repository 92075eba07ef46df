export { createBranchServer, PortInUse, type BranchServer } from './app';
export { loadConfig, DEMO_DEVICES, type ServerConfig, type DeviceConfig } from './config';
export { QueueService } from './queue-service';
