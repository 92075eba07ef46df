/** Addresses as other machines see them (pure: parsing only, no look-ups). */

/**
 * True when `url` names this machine only — a loopback host (`localhost`, `*.localhost`, 127.0.0.0/8, `::1`,
 * an IPv4-mapped loopback) or the unspecified address (`0.0.0.0`, `::`) — so no other device, such as a
 * visitor's phone scanning a ticket's QR code, can open it. False for anything else, and for a URL that does
 * not parse (that is another problem).
 */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '::' || host === '0.0.0.0') return true;
  // The URL parser writes IPv4-mapped IPv6 in hex (::ffff:7f00:1 for ::ffff:127.0.0.1).
  const mapped = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(host);
  if (mapped) return parseInt(mapped[1]!, 16) >> 8 === 127;
  // WHATWG URL parsing normalises IPv4 forms (127.1, 0x7f.0.0.1, 2130706433) to dotted quads.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
