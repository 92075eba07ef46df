export { openDatabase, type Db } from './open';
export { migrate, SCHEMA_VERSION, SchemaTooNew } from './migrate';
export { Store } from './store';
export { ConfigRepo, type DeviceRecord } from './repos/config-repo';
export { TicketRepo, type CallRecord, type TicketExtras } from './repos/ticket-repo';
export { Outbox, type OutboxRow } from './outbox';
export { StaffRepo, type Session } from './repos/staff-repo';
export { AppointmentRepo } from './repos/appointment-repo';
export * from './sync-state';
