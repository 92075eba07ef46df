/**
 * The PC/SC binding (`smartcard`, a native module), loaded when the reader service starts rather than when this
 * package is imported. It is an optional dependency: on a machine without the PC/SC headers npm skips it, and
 * the kiosk must still build and run with its reader absent.
 */
import type * as Smartcard from 'smartcard';

/** The part of `smartcard` the reader service uses. */
export type PcscBinding = Pick<
  typeof Smartcard,
  'Context' | 'ReaderMonitor' | 'SCARD_STATE_PRESENT' | 'SCARD_LEAVE_CARD' | 'SCARD_PROTOCOL_T0' | 'SCARD_PROTOCOL_T1' | 'SCARD_SHARE_SHARED'
>;

/** Loads the binding; rejects when it is not installed or its native part does not load. */
export type PcscLoader = () => Promise<PcscBinding>;

/**
 * Held in a variable so that neither Vite nor adapter-node's Rollup resolves or bundles it: the import happens
 * at run time, from node_modules, and fails there (not at build time) when the module is absent.
 */
const SPECIFIER = 'smartcard';

/** The real loader: `import('smartcard')` at run time. */
export const loadSmartcard: PcscLoader = async () => {
  const mod = (await import(/* @vite-ignore */ SPECIFIER)) as PcscBinding & { default?: PcscBinding };
  // Node gives a CommonJS module's exports as named exports and as `default`: take whichever has them.
  return typeof mod.Context === 'function' ? mod : (mod.default ?? mod);
};
