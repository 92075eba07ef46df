/**
 * A branch's catalogue — the branch, its services, counters and public holidays — as the centre owns it and
 * sends it down (domain.md: "Catalogue"). The seed catalogue is the centre's initial one and the demo branch's.
 */
import type { BookingRules } from '../booking/slots';
import type { Branch, Counter, Service } from '../domain';
import { BRANCHES } from './seed-data';

export interface BranchCatalogue {
  branch: Branch;
  services: Service[];
  counters: Counter[];
  /** Public holidays, branch-local days 'YYYY-MM-DD': the branch is closed. */
  holidays: string[];
  /** Online booking: horizon, lead time, slot length and seats per service (absent: the defaults). */
  booking?: BookingRules;
  /** The centre's Ed25519 public key (SPKI DER, base64url) that signs booking QR tokens; the branch verifies with it. */
  bookingKey?: string;
}

/** The seed's branch ids (Salman Port, Seef Mall, Isa Town, Muharraq). */
export const SEED_BRANCH_IDS: readonly string[] = BRANCHES.map((b) => b.branch.id);

/**
 * The seed catalogue of one branch. Ids are stable (`<branch>.<service code>`, `<branch>.counter-<n>`). Every
 * counter serves every service; the last one puts the final service first, so that a branch with birth
 * certificates has a counter that favours them.
 */
export function seedCatalogue(branchId: string): BranchCatalogue {
  const seed = BRANCHES.find((b) => b.branch.id === branchId);
  if (!seed) throw new Error(`no seed branch "${branchId}"; choose one of ${SEED_BRANCH_IDS.join(', ')}`);
  const services: Service[] = seed.services.map((s, i) => ({
    id: `${branchId}.${s.code}`,
    branchId,
    code: s.code,
    prefix: s.prefix,
    name: s.name,
    requirements: s.requirements,
    acceptsAppointments: s.acceptsAppointments,
    acceptsWalkIns: true,
    dailyCap: null,
    typicalServiceMin: s.typicalServiceMin,
    sortOrder: i,
    active: true,
  }));
  const ids = services.map((s) => s.id);
  const counters: Counter[] = [];
  for (let n = 1; n <= seed.counters; n++) {
    const order = n === seed.counters && ids.length > 1 ? [ids.at(-1)!, ...ids.slice(0, -1)] : ids;
    counters.push({
      id: `${branchId}.counter-${n}`,
      branchId,
      number: n,
      name: { ar: `كاونتر ${n}`, en: `Counter ${n}` },
      open: true,
      profile: order.map((serviceId, position) => ({ serviceId, position, weight: 1 })),
    });
  }
  return { branch: seed.branch, services, counters, holidays: [] };
}
