/** Online renewal's settings from DAWR_HUB_* variables: the e-key provider, and the notices' SMTP server and SMS gateway. */
import type { OidcSettings } from './citizen/oidc';

export interface RenewalSettings {
  /** The identity provider; null: renewal's login answers "not available". */
  oidc: OidcSettings | null;
  /** E-mail notices; null: e-mails wait, then fail visibly. */
  smtp: { url: string; from: string } | null;
  /** SMS notices through an HTTP gateway; null: as for e-mail. */
  sms: { url: string; token: string | null } | null;
}

/** Reads the settings; a half-configured provider is refused with the variables it lacks. */
export function loadRenewalSettings(env: NodeJS.ProcessEnv = process.env, port = Number(env.DAWR_HUB_PORT ?? 4000)): RenewalSettings {
  const issuer = env.DAWR_HUB_OIDC_ISSUER;
  let oidc: OidcSettings | null = null;
  if (issuer) {
    const missing = ['DAWR_HUB_OIDC_CLIENT_ID', 'DAWR_HUB_OIDC_CLIENT_SECRET'].filter((k) => !env[k]);
    if (missing.length) throw new Error(`DAWR_HUB_OIDC_ISSUER is set but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not`);
    const publicUrl = (env.DAWR_HUB_PUBLIC_URL ?? `http://127.0.0.1:${port}`).replace(/\/$/, '');
    oidc = {
      issuer,
      clientId: env.DAWR_HUB_OIDC_CLIENT_ID!,
      clientSecret: env.DAWR_HUB_OIDC_CLIENT_SECRET!,
      redirectUrl: env.DAWR_HUB_OIDC_REDIRECT_URL ?? `${publicUrl}/api/portal/v1/renewal/callback`,
      scope: env.DAWR_HUB_OIDC_SCOPE ?? 'openid profile email phone',
      cprClaim: env.DAWR_HUB_OIDC_CPR_CLAIM ?? 'cpr',
    };
  }
  return {
    oidc,
    smtp: env.DAWR_HUB_SMTP_URL ? { url: env.DAWR_HUB_SMTP_URL, from: env.DAWR_HUB_MAIL_FROM ?? 'Dawr <no-reply@dawr.invalid>' } : null,
    sms: env.DAWR_HUB_SMS_URL ? { url: env.DAWR_HUB_SMS_URL, token: env.DAWR_HUB_SMS_TOKEN ?? null } : null,
  };
}
