/**
 * The link every ticket's QR code carries (DAWR_PUBLIC_URL, else DAWR_BRANCH_URL): when it names the kiosk's
 * own machine (127.0.0.1, localhost…), no visitor's phone can open it, so staff see a warning until the
 * kiosk is restarted with the branch server's address as phones reach it (issue 8, defect 17).
 */
import { isLoopbackUrl } from '@dawr/core';
import { reportAlert } from './alerts';
import { kioskConfig } from './config';

/** Judges the configured public URL once (it is read from the environment at start-up). */
export function checkPublicUrl(): void {
  const url = kioskConfig().publicUrl;
  if (!isLoopbackUrl(url)) return reportAlert('ticket_qr', 'ok', 'public');
  console.warn(`[kiosk] ticket QR codes link to ${url}, which phones cannot open: set DAWR_PUBLIC_URL to the branch server's address`);
  reportAlert('ticket_qr', 'warning', 'loopback');
}
