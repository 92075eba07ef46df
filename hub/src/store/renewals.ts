/**
 * The store's face for online renewal: applications, the notification outbox and citizen sign-in, over the hub's
 * database (handlers call these; the SQL stays in this folder).
 */
import type { ApplicationStatus, Pickup } from '@dawr/core';
import { cancelApplication, changePickup } from './application-changes';
import {
  applicationHistory,
  applicationsOf,
  getApplication,
  handoverBranches,
  listApplications,
  moveApplication,
  submitApplication,
  type ApplicationInput,
} from './applications';
import { citizenOfSession, closeCitizenSession, openCitizenSession, openLogin, takeLogin, type PendingLogin } from './citizens';
import type { Sql } from './engine';
import { claimDueNotices, listNotices, markNoticeFailed, markNoticeSent, retryNotice, type NoticeStatus } from './notifications';

export { ApplicationRefused, type ApplicationInput } from './applications';
export type { CitizenSession, PendingLogin } from './citizens';
export type { Notice, NoticeChannel, NoticeStatus } from './notifications';

export class RenewalStore {
  constructor(readonly sql: Sql) {}

  /** Card applications: the citizen's, and central staff's moves. */
  readonly applications = {
    submit: (input: ApplicationInput, now: number) => submitApplication(this.sql, input, now),
    move: (id: string, to: ApplicationStatus, actor: string, now: number) => moveApplication(this.sql, id, to, actor, now),
    /** The citizen's own changes: another pickup, or a cancel (application-changes.ts). */
    changePickup: (id: string, cpr: string, pickup: Pickup, now: number) => changePickup(this.sql, id, cpr, pickup, now),
    cancel: (id: string, cpr: string, now: number) => cancelApplication(this.sql, id, cpr, now),
    get: (id: string) => getApplication(this.sql, id),
    of: (cpr: string) => applicationsOf(this.sql, cpr),
    list: (status: ApplicationStatus | null, limit?: number) => listApplications(this.sql, status, limit),
    history: (id: string) => applicationHistory(this.sql, id),
    /** The branches a card can be collected at. */
    handoverBranches: () => handoverBranches(this.sql),
  };

  /** The notification outbox. */
  readonly notices = {
    claimDue: (now: number, leaseMs: number, limit: number) => claimDueNotices(this.sql, now, leaseMs, limit),
    sent: (id: number, now: number) => markNoticeSent(this.sql, id, now),
    failed: (id: number, error: string, retryAt: number | null) => markNoticeFailed(this.sql, id, error, retryAt),
    list: (filter: { status?: NoticeStatus; troubled?: boolean; applicationId?: string }, limit?: number) => listNotices(this.sql, filter, limit),
    retry: (id: number, now: number) => retryNotice(this.sql, id, now),
  };

  /** Citizens signing in through the identity provider. */
  readonly citizens = {
    openLogin: (login: PendingLogin, now: number, expiresAt: number) => openLogin(this.sql, login, now, expiresAt),
    takeLogin: (id: string, now: number) => takeLogin(this.sql, id, now),
    openSession: (c: Parameters<typeof openCitizenSession>[1], expiresAt: number) => openCitizenSession(this.sql, c, expiresAt),
    bySession: (token: string, now: number) => citizenOfSession(this.sql, token, now),
    closeSession: (token: string, now: number) => closeCitizenSession(this.sql, token, now),
  };
}
