/**
 * A stand-in for Bahrain's national e-key: a real OpenID Connect provider (oidc-provider) on this machine, with demo
 * citizens, for the demo and the tests. The hub sees an ordinary provider (discovery, code flow with PKCE, ID token,
 * userinfo); nothing in the hub knows it is a stand-in. Its login page asks for a CPR and password; consent is
 * implied for the one registered client (the government's own portal), as with the real e-key.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

/** A demo citizen as the e-key knows them. */
export interface DemoCitizen {
  cpr: string;
  password: string;
  name: string;
  birthdate: string;
  nationality: string;
  email: string;
  phone_number: string;
}

/** The demo citizens (never real people). Password for each: `dawr-ekey`. */
export const DEMO_CITIZENS: DemoCitizen[] = [
  { cpr: '850505005', password: 'dawr-ekey', name: 'Fatima Ali Hasan', birthdate: '1985-05-05', nationality: 'BH', email: 'fatima@citizens.example', phone_number: '+97336000005' },
  { cpr: '790202002', password: 'dawr-ekey', name: 'Ahmed Yusuf Saleh', birthdate: '1979-02-02', nationality: 'BH', email: 'ahmed@citizens.example', phone_number: '+97339000002' },
  { cpr: '900303003', password: 'dawr-ekey', name: 'Priya Nair', birthdate: '1990-03-03', nationality: 'IN', email: 'priya@citizens.example', phone_number: '+97333000003' },
];

export interface EKeyOptions {
  port?: number;
  host?: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  citizens?: DemoCitizen[];
}

export interface EKey {
  issuer: string;
  server: Server;
  close(): Promise<void>;
}

const SCOPES = 'openid profile email phone';

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}label{display:block;margin:.75rem 0 .25rem}
input{font-size:1.1rem;padding:.4rem;width:100%;box-sizing:border-box}button{margin-top:1rem;font-size:1.1rem;padding:.5rem 1.5rem}
.err{color:#a00}</style></head><body><main>${body}</main></body></html>`;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 4096) break;
  }
  return new URLSearchParams(text);
}

/** Starts the provider on 127.0.0.1 (port 0: any free one); `issuer` is its address. */
export async function startEKey(o: EKeyOptions): Promise<EKey> {
  const citizens = o.citizens ?? DEMO_CITIZENS;
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, o.host ?? '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [{ client_id: o.clientId, client_secret: o.clientSecret, redirect_uris: o.redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'e-key-1', use: 'sig', alg: 'RS256' } as never] },
    cookies: { keys: ['e-key-stand-in-cookie-key'] },
    claims: { openid: ['sub'], profile: ['name', 'birthdate', 'nationality', 'cpr'], email: ['email', 'email_verified'], phone: ['phone_number'] },
    pkce: { required: () => true },
    ttl: { Session: 3600, Interaction: 600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: KoaContextWithOIDC, id: string) => {
      const c = citizens.find((x) => x.cpr === id);
      if (!c) return undefined;
      const { password: _, ...claims } = c;
      return { accountId: id, claims: () => ({ sub: id, ...claims, email_verified: true }) };
    },
    // The government's own portal: consent is implied (no consent screen), for the scopes it asks.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { session, client } = ctx.oidc;
      if (!session?.accountId || !client) return undefined;
      const existing = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(SCOPES);
      await grant.save();
      return grant;
    },
  });
  provider.on('server_error', (_ctx: unknown, err: Error) => console.error('[e-key] server error', err));
  const oidc = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, submit: boolean): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    let error = '';
    if (submit) {
      const form = await formOf(req);
      const cpr = (form.get('cpr') ?? '').trim();
      const c = citizens.find((x) => x.cpr === cpr && x.password === form.get('password'));
      if (c) return void (await provider.interactionFinished(req, res, { login: { accountId: c.cpr } }, { mergeWithLastSubmission: false }));
      error = '<p class="err" role="alert">Wrong CPR or password.</p>';
    }
    res.writeHead(submit ? 401 : 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(
      page(
        'e-key login (stand-in)',
        `<h1>e-key</h1><p>Demo identity provider. Demo citizens: ${citizens.map((c) => esc(c.cpr)).join(', ')} (password dawr-ekey).</p>${error}
<form method="post" action="/interaction/${esc(uid)}/login">
<label for="cpr">CPR</label><input id="cpr" name="cpr" inputmode="numeric" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Log in</button></form>`,
      ),
    );
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const m = /^\/interaction\/([\w-]+)(\/login)?$/.exec((req.url ?? '').split('?')[0]!);
    if (!m) return void oidc(req, res);
    const submit = m[2] === '/login' && req.method === 'POST';
    interaction(req, res, m[1]!, submit).catch((e: Error) => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(`e-key: ${e.message}`);
    });
  });
  return {
    issuer,
    server,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
