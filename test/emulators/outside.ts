/**
 * The centre's outside services as stand-ins on this machine, for the demo and the end-to-end tests: the e-key
 * (OpenID Connect provider with demo citizens), an SMTP sink and an SMS gateway that keep what they receive under
 * `dataDir` (mail/, sms/). Returns the hub's environment that points at them.
 */
import path from 'node:path';
import { DEMO_CITIZENS, startEKey } from './e-key';
import { startSmsGateway } from './sms-gateway';
import { startSmtpSink } from './smtp-sink';

export interface Outside {
  /** DAWR_HUB_OIDC_*, DAWR_HUB_SMTP_URL, DAWR_HUB_SMS_* for the hub. */
  hubEnv: Record<string, string>;
  issuer: string;
  mailDir: string;
  smsDir: string;
  citizens: typeof DEMO_CITIZENS;
  close(): Promise<void>;
}

/** Starts the three stand-ins; `hubUrl` is the hub's address as the browser reaches it (for the login's return). */
export async function startOutside(o: { dataDir: string; hubUrl: string }): Promise<Outside> {
  const secret = 'demo-e-key-client-secret';
  const redirect = `${o.hubUrl.replace(/\/$/, '')}/api/portal/v1/renewal/callback`;
  const ekey = await startEKey({ clientId: 'dawr-hub', clientSecret: secret, redirectUris: [redirect] });
  const mailDir = path.join(o.dataDir, 'mail');
  const smsDir = path.join(o.dataDir, 'sms');
  const smtp = await startSmtpSink(mailDir);
  const sms = await startSmsGateway(smsDir, 'demo-sms-token');
  return {
    hubEnv: {
      DAWR_HUB_OIDC_ISSUER: ekey.issuer,
      DAWR_HUB_OIDC_CLIENT_ID: 'dawr-hub',
      DAWR_HUB_OIDC_CLIENT_SECRET: secret,
      DAWR_HUB_OIDC_REDIRECT_URL: redirect,
      DAWR_HUB_SMTP_URL: smtp.url,
      DAWR_HUB_MAIL_FROM: 'Dawr <no-reply@dawr.invalid>',
      DAWR_HUB_SMS_URL: sms.url,
      DAWR_HUB_SMS_TOKEN: sms.token,
    },
    issuer: ekey.issuer,
    mailDir,
    smsDir,
    citizens: DEMO_CITIZENS,
    close: async () => {
      await Promise.all([ekey.close(), smtp.close(), sms.close()]);
    },
  };
}
