/** The REST API: each route runs one command, so REST and socket.io share roles, schemas and code. */
import type { CommandName } from '@dawr/core/schemas';

export interface Route {
  method: 'GET' | 'POST' | 'PUT';
  /** OpenAPI-style path with {params}; params are merged into the command's input. */
  path: string;
  command: CommandName;
  summary: string;
}

const at = '/api/v1/counters/{counterId}/tickets/{ticketId}';

export const ROUTES: Route[] = [
  { method: 'GET', path: '/api/v1/snapshot', command: 'branch:snapshot:v1', summary: 'The branch snapshot (any device)' },
  { method: 'GET', path: '/api/v1/queue', command: 'queue:list:v1', summary: 'Every ticket in the branch (staff)' },
  { method: 'POST', path: '/api/v1/tickets', command: 'ticket:issue:v1', summary: 'Issue a walk-in ticket' },
  { method: 'POST', path: '/api/v1/appointments/find', command: 'appointment:find:v1', summary: "Today's appointments for a CPR or booking id" },
  { method: 'POST', path: '/api/v1/appointments/check-in', command: 'appointment:checkIn:v1', summary: "Check in today's appointment" },
  { method: 'POST', path: '/api/v1/counters/{counterId}/call-next', command: 'counter:callNext:v1', summary: 'Call the next ticket by the work profile' },
  { method: 'POST', path: `${at}/call`, command: 'counter:callTicket:v1', summary: 'Call a specific ticket out of order' },
  { method: 'POST', path: `${at}/recall`, command: 'ticket:recall:v1', summary: 'Recall (announce again)' },
  { method: 'POST', path: `${at}/start`, command: 'ticket:start:v1', summary: 'Start serving' },
  { method: 'POST', path: `${at}/finish`, command: 'ticket:finish:v1', summary: 'Finish with an outcome' },
  { method: 'POST', path: `${at}/no-show`, command: 'ticket:noShow:v1', summary: 'Mark as no-show' },
  { method: 'POST', path: `${at}/park`, command: 'ticket:park:v1', summary: 'Park (set aside)' },
  { method: 'POST', path: `${at}/return`, command: 'ticket:return:v1', summary: 'Return a parked ticket to the counter' },
  { method: 'POST', path: `${at}/transfer`, command: 'ticket:transfer:v1', summary: 'Transfer to another service or counter' },
  {
    method: 'POST',
    path: '/api/v1/tickets/{ticketId}/reprint',
    command: 'ticket:reprint:v1',
    summary: 'Print a ticket again (public ticket only) at its issuing kiosk, or at the connected kiosk in `kioskId` (manager)',
  },
  { method: 'GET', path: '/api/v1/kiosks', command: 'kiosk:list:v1', summary: 'Connected kiosks, and which issued `?ticketId=` (manager)' },
  { method: 'GET', path: '/api/v1/alerts', command: 'alerts:list:v1', summary: "Kiosks' hardware alerts (staff)" },
  { method: 'POST', path: '/api/v1/tickets/{ticketId}/cancel', command: 'ticket:cancel:v1', summary: 'Cancel a ticket (manager)' },
  {
    method: 'PUT',
    path: '/api/v1/counters/{counterId}/open',
    command: 'counter:setOpen:v1',
    summary: 'Open or close a counter: managers any; a clerk only the counter they work at; a counter PC only its own',
  },
  { method: 'PUT', path: '/api/v1/counters/{counterId}/profile', command: 'counter:setProfile:v1', summary: "Change a counter's work profile (manager)" },
  { method: 'GET', path: '/api/v1/devices', command: 'device:list:v1', summary: 'Enrolled devices (admin)' },
  { method: 'POST', path: '/api/v1/devices', command: 'device:enrol:v1', summary: 'Enrol a device; its token is shown once (admin)' },
  { method: 'POST', path: '/api/v1/devices/{deviceId}/revoke', command: 'device:revoke:v1', summary: 'Revoke a device (admin)' },
  {
    method: 'POST',
    path: '/api/v1/devices/{deviceId}/reinstate',
    command: 'device:reinstate:v1',
    summary: 'Lift a revocation: the device’s token works again (admin; a restart never does this)',
  },
];

const compiled = ROUTES.map((r) => ({
  route: r,
  names: [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
  re: new RegExp(`^${r.path.replace(/\{\w+\}/g, '([^/]+)')}$`),
}));

/**
 * The route for a method and path, with its decoded path params; null when none matches. A param that is
 * not valid percent-encoding gives `params: null` (the caller answers 400).
 */
export function matchRoute(method: string, pathname: string): { route: Route; params: Record<string, string> | null } | null {
  for (const c of compiled) {
    if (c.route.method !== method) continue;
    const m = c.re.exec(pathname);
    if (!m) continue;
    try {
      return { route: c.route, params: Object.fromEntries(c.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])) };
    } catch {
      return { route: c.route, params: null };
    }
  }
  return null;
}
