/** What the portal offers, from the hub's catalogue: service kinds across branches, and the branches per kind. */
import type { PortalBranch, PortalService } from './api';

/** The seed's order: the portal's three booking services first, then the collections. */
const ORDER = ['replacement', 'new-card', 'renewal', 'collection', 'birth-certificate'];

export interface ServiceKind {
  code: string;
  name: PortalService['name'];
  requirements: PortalService['requirements'];
  /** Some branch takes online appointments for it. */
  bookable: boolean;
}

/** Every service any branch offers, once per code, bookable when any branch books it online. */
export function serviceKinds(branches: PortalBranch[]): ServiceKind[] {
  const byCode = new Map<string, ServiceKind>();
  for (const b of branches) {
    for (const s of b.services) {
      const known = byCode.get(s.code);
      if (!known) byCode.set(s.code, { code: s.code, name: s.name, requirements: s.requirements, bookable: s.bookable });
      else if (s.bookable && !known.bookable) byCode.set(s.code, { ...known, bookable: true, requirements: s.requirements });
    }
  }
  const rank = (c: string) => (ORDER.includes(c) ? ORDER.indexOf(c) : ORDER.length);
  return [...byCode.values()].sort((a, b) => rank(a.code) - rank(b.code) || a.code.localeCompare(b.code));
}

/** The branches that book a service online, each with its own service entry. */
export function branchesFor(branches: PortalBranch[], code: string): { branch: PortalBranch; service: PortalService }[] {
  return branches.flatMap((branch) => branch.services.filter((s) => s.code === code && s.bookable).map((service) => ({ branch, service })));
}
