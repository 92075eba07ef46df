/** The hotline for all iGA services (seed: "Contact"), shown on every page even when the hub does not answer. */
export const HOTLINE = '80008001';
