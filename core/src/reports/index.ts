/** Reports, staffing advice and their CSV exports, computed from the event log (`@dawr/core/reports`). Pure. */
export * from './types';
export * from './days';
export * from './stats';
export * from './transactions';
export * from './figures';
export * from './clerks';
export * from './punctuality';
export * from './report';
export * from './csv';
export { tr, reportTexts, type ReportKey } from '../i18n/reports';
export * from './erlang';
export * from './simulate';
export * from './forecast';
export * from './staffing';
export * from './staffing-check';
export * from './view';
export * from './network';
export * from './codec';
