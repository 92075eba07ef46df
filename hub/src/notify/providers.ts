/**
 * How notices leave the centre: one provider per channel behind a small interface. E-mail goes over SMTP
 * (nodemailer); SMS goes to an HTTP gateway (POST JSON `{to, text}` with a bearer token). A provider throws when
 * the message was not accepted; the sender then retries with backoff.
 */
import nodemailer from 'nodemailer';
import type { NoticeChannel } from '../store/renewals';

/** One message on its way out. */
export interface OutgoingNotice {
  recipient: string;
  subject: string;
  body: string;
}

export interface NoticeProvider {
  readonly channel: NoticeChannel;
  /** Resolves once the provider accepted the message; rejects with the reason otherwise. */
  send(n: OutgoingNotice): Promise<void>;
  close?(): void;
}

/** E-mail over SMTP: `smtp://user:pass@host:port` (or smtps://). */
export function smtpProvider(url: string, from: string, timeoutMs = 15_000): NoticeProvider {
  const transport = nodemailer.createTransport(url, { from });
  // nodemailer's own socket timeouts: a stalled server fails the attempt instead of holding it.
  Object.assign(transport.options, { connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  return {
    channel: 'email',
    send: async (n) => {
      const info = await transport.sendMail({ from, to: n.recipient, subject: n.subject, text: n.body });
      if (info.rejected.length > 0) throw new Error(`the SMTP server refused ${n.recipient}`);
    },
    close: () => transport.close(),
  };
}

/** SMS through an HTTP gateway: POST `{to, text}` as JSON; any 2xx is accepted. */
export function smsGatewayProvider(url: string, token: string | null, timeoutMs = 15_000): NoticeProvider {
  return {
    channel: 'sms',
    send: async (n) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ to: `+973${n.recipient}`, text: n.body }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) throw new Error(`the SMS gateway answered ${res.status}`);
    },
  };
}
