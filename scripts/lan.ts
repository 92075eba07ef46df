/** The machine's address on the local network, for links that other devices (visitors' phones) must open. */
import { networkInterfaces } from 'node:os';

/** The first non-internal IPv4 address, or null when the machine has none (then only loopback works). */
export function lanAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}
