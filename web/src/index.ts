export * from './body';
export * from './reply';
export * from './rate-limit';
export * from './passwords';
export * from './cookies';
export * from './spa';
export * from './booking-token';
export * from './qr';
