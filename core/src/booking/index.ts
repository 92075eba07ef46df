export * from './slots';
export * from './reference';
export * from './applicant';
export * from './status';
export * from './token';
export * from './ics';
export * from '../i18n/booking';
export * from '../i18n/portal';
