/**
 * The notification outbox (PGlite) with its real providers: e-mail over SMTP to a local sink that keeps files, SMS
 * to a local HTTP gateway. A refused send is retried after its backoff, not before; after the last attempt it is
 * failed and listed for central staff, who can send it again; a taken notice is leased, so two senders never send
 * one twice. The clock is the test's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffMs, HubStore, NoticeSender, RenewalStore, smsGatewayProvider, smtpProvider, type NoticeProvider } from '@dawr/hub';
import { startSmsGateway, type SmsGateway } from '../../test/emulators/sms-gateway';
import { startSmtpSink, type SmtpSink } from '../../test/emulators/smtp-sink';
import { tempDir } from '../../test/helpers/tmp';

const T0 = Date.parse('2026-12-07T09:00:00+03:00');

describe('notification outbox', () => {
  let hub: HubStore;
  let store: RenewalStore;
  let smtp: SmtpSink;
  let sms: SmsGateway;
  let providers: NoticeProvider[];
  const tmp = tempDir('dawr-notices-');
  let now = T0;
  const sender = (o: { maxAttempts?: number } = {}) =>
    new NoticeSender(store, providers, { clock: () => now, random: () => 0.5, baseDelayMs: 10_000, maxDelayMs: 60_000, ...o });

  /** An application ready at Isa Town: its e-mail and SMS notices are queued. */
  async function readyApplication(cpr: string): Promise<string> {
    const a = await store.applications.submit(
      { citizen: { cpr, name: 'Ahmed Yusuf', birthDate: '1979-02-02', nationality: 'BH' }, pickup: { kind: 'branch', branchId: 'isa-town' }, email: `${cpr}@example.bh`, mobile: '39000002', lang: 'en' },
      now,
    );
    await store.applications.move(a.id, 'in_production', 'staff:t', now);
    await store.applications.move(a.id, 'ready', 'staff:t', now);
    return a.id;
  }

  beforeAll(async () => {
    hub = await HubStore.open({ dir: null }, T0);
    store = new RenewalStore(hub.sql);
    smtp = await startSmtpSink(`${tmp.dir}/mail`);
    sms = await startSmsGateway(`${tmp.dir}/sms`, 'gateway-token');
    providers = [smtpProvider(smtp.url, 'Dawr <no-reply@dawr.test>'), smsGatewayProvider(sms.url, sms.token)];
  }, 60_000);
  afterAll(async () => {
    for (const p of providers ?? []) p.close?.();
    await smtp?.close();
    await sms?.close();
    await hub?.close();
    tmp.cleanup();
  });

  it('sends e-mail through SMTP and SMS through the gateway; a refused one waits for its backoff, then goes', async () => {
    const id = await readyApplication('790202002');
    smtp.failNext(1);
    expect(await sender().runOnce()).toBe(2);
    const [mail, text] = (await store.notices.list({ applicationId: id })).sort((a, b) => a.channel.localeCompare(b.channel));
    expect(mail).toMatchObject({ channel: 'email', status: 'pending', attempts: 1, nextAttemptAt: now + backoffMs(1, { baseDelayMs: 10_000, maxDelayMs: 60_000 }, () => 0.5) });
    expect(mail!.lastError).toMatch(/451/);
    expect(text).toMatchObject({ channel: 'sms', status: 'sent', attempts: 1, sentAt: now });
    expect(sms.messages()).toEqual([expect.objectContaining({ to: '+97339000002', text: expect.stringContaining('ready for collection at Isa Town branch') })]);
    // Still retrying: staff see it among the troubled ones.
    expect((await store.notices.list({ troubled: true })).map((n) => n.id)).toEqual([mail!.id]);
    expect(await sender().runOnce()).toBe(0); // not due yet
    now += 10_000;
    expect(await sender().runOnce()).toBe(1);
    expect(await store.notices.list({ troubled: true })).toEqual([]);
    const kept = smtp.messages();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ to: ['790202002@example.bh'], subject: expect.stringMatching(/^Your card is ready \(/) });
    expect(kept[0]!.text).toContain('Isa Town');
  });

  it('fails a notice for good after its last attempt, lists it for staff, and sends it again on request', async () => {
    const id = await readyApplication('900303003');
    sms.failNext(100);
    const s = sender({ maxAttempts: 3 });
    for (let i = 0; i < 3; i++) {
      await s.runOnce();
      now += 60_000;
    }
    const failed = await store.notices.list({ status: 'failed' });
    expect(failed).toEqual([expect.objectContaining({ applicationId: id, channel: 'sms', attempts: 3, lastError: 'the SMS gateway answered 503' })]);
    expect(await s.runOnce()).toBe(0);
    sms.failNext(0);
    expect(await store.notices.retry(failed[0]!.id, now)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await store.notices.retry(failed[0]!.id, now)).toBeNull(); // only a failed one
    expect(await s.runOnce()).toBe(1);
    expect((await store.notices.list({ applicationId: id })).every((n) => n.status === 'sent')).toBe(true);
  });

  it('leases what it takes: two senders at once send each notice once', async () => {
    const id = await readyApplication('850505005');
    const mailsBefore = smtp.messages().length;
    const [a, b] = await Promise.all([sender().runOnce(), sender().runOnce()]);
    expect(a + b).toBe(2);
    expect(smtp.messages().length - mailsBefore).toBe(1);
    expect((await store.notices.list({ applicationId: id })).map((n) => [n.status, n.attempts])).toEqual([['sent', 1], ['sent', 1]]);
    // A notice taken by a process that then died is due again once its lease ends.
    const { queueNotice } = await import('../src/store/notifications');
    await queueNotice(hub.sql, { applicationId: id, channel: 'email', recipient: 'x@example.bh', subject: 's', body: 'b' }, now);
    expect(await store.notices.claimDue(now, 60_000, 10)).toHaveLength(1);
    expect(await store.notices.claimDue(now + 59_999, 60_000, 10)).toHaveLength(0);
    expect(await store.notices.claimDue(now + 60_000, 60_000, 10)).toHaveLength(1);
  });
});
