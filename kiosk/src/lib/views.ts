/** Shapes the server hands the screens (no personal data unless the field says so). */
import type { AppointmentView, Localized } from '@dawr/core';

/** One of today's appointments as the visit screen shows it (times already in the branch's zone). */
export interface AppointmentRow {
  id: string;
  service: Localized | null;
  time: string;
  opensAt: string;
  window: AppointmentView['window'];
  status: AppointmentView['status'];
}

/** A service as the services screen shows it. */
export interface ServiceRow {
  code: string;
  prefix: string;
  name: Localized;
  requirements: Localized;
  waiting: number;
  estimatedWaitMin: number | null;
  /** Why it cannot be chosen now: appointments only, or it needs an ID; null = it can. */
  blocked: 'appointments_only' | 'needs_id' | null;
}
