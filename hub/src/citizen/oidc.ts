/**
 * The hub as an OpenID Connect relying party of the national e-key (openid-client): authorization code flow with
 * PKCE (S256), state and nonce; the provider's metadata discovered from its issuer URL once and again after a
 * failure. The citizen's identity comes from the ID token and the userinfo endpoint: CPR (a configurable claim),
 * name, birth date, nationality, and the e-mail and mobile they shared.
 */
import * as client from 'openid-client';
import { parseCpr, parseMobile, type Citizen } from '@dawr/core';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The hub's callback as the provider knows it (…/api/portal/v1/renewal/callback). */
  redirectUrl: string;
  scope: string;
  /** The claim that holds the CPR number. */
  cprClaim: string;
}

/** The login's secrets, kept by the hub until the provider sends the citizen back. */
export interface LoginChecks {
  state: string;
  nonce: string;
  verifier: string;
}

/** The citizen as the provider vouches for them, with the contact details they shared. */
export type VouchedCitizen = Citizen & { email: string | null; mobile: string | null };

/** The provider's answer did not make a login: `reason` is for the log, never for the citizen. */
export class LoginFailed extends Error {
  constructor(
    readonly code: 'LOGIN_FAILED' | 'NO_CPR' | 'LOGIN_UNAVAILABLE',
    readonly reason: string,
  ) {
    super(`${code}: ${reason}`);
  }
}

/** Plain HTTP is accepted only for an issuer on this machine (a provider reached over a network needs TLS). */
function loopback(u: URL): boolean {
  return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
}

export class CitizenLogin {
  private config: Promise<client.Configuration> | null = null;

  constructor(readonly settings: OidcSettings) {}

  private configuration(): Promise<client.Configuration> {
    if (!this.config) {
      const issuer = new URL(this.settings.issuer);
      this.config = client
        .discovery(issuer, this.settings.clientId, undefined, client.ClientSecretBasic(this.settings.clientSecret), {
          execute: loopback(issuer) ? [client.allowInsecureRequests] : [],
          timeout: 10,
        })
        .catch((e: unknown) => {
          this.config = null; // the next login tries again
          throw new LoginFailed('LOGIN_UNAVAILABLE', `discovery failed: ${(e as Error).message}`);
        });
    }
    return this.config;
  }

  /** Where to send the citizen, and the checks to keep for their return. */
  async start(): Promise<{ url: URL; checks: LoginChecks }> {
    const config = await this.configuration();
    const verifier = client.randomPKCECodeVerifier();
    const checks: LoginChecks = { state: client.randomState(), nonce: client.randomNonce(), verifier };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUrl,
      scope: this.settings.scope,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    });
    return { url, checks };
  }

  /**
   * Finishes a login from the callback's query: exchanges the code (state, nonce and PKCE checked by the library),
   * then reads who the citizen is.
   */
  async finish(query: URLSearchParams, checks: LoginChecks): Promise<VouchedCitizen> {
    const config = await this.configuration();
    // The callback as registered, with the provider's parameters: the hub may sit behind a proxy.
    const current = new URL(this.settings.redirectUrl);
    for (const [k, v] of query) current.searchParams.append(k, v);
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: checks.verifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...info, ...idClaims };
    } catch (e) {
      throw new LoginFailed('LOGIN_FAILED', (e as Error).message);
    }
    return this.citizenOf(claims);
  }

  private citizenOf(claims: Record<string, unknown>): VouchedCitizen {
    const str = (k: string): string | null => (typeof claims[k] === 'string' && (claims[k] as string).trim() ? (claims[k] as string).trim() : null);
    const cpr = parseCpr(str(this.settings.cprClaim) ?? '');
    if (!cpr.ok) throw new LoginFailed('NO_CPR', `claim ${this.settings.cprClaim} holds no CPR`);
    const birth = str('birthdate');
    const phone = str('phone_number');
    return {
      cpr: cpr.cpr,
      name: (str('name') ?? [str('given_name'), str('family_name')].filter(Boolean).join(' ')).slice(0, 200) || cpr.cpr,
      birthDate: birth && /^\d{4}-\d{2}-\d{2}$/.test(birth) ? birth : null,
      nationality: str('nationality')?.slice(0, 40) ?? null,
      email: str('email')?.slice(0, 254) ?? null,
      mobile: phone ? parseMobile(phone) : null,
    };
  }
}
