/**
 * The booking being made: what the citizen chose and typed, kept in this tab's sessionStorage so that nothing
 * typed is lost on an error, a reload or a step back. Cleared once the booking is made.
 */
export type Step = 'service' | 'details' | 'branch' | 'slot' | 'confirm' | 'done';

export interface ApplicantDraft {
  cpr: string;
  name: string;
  mobile: string;
  email: string;
  nationality: 'BH' | 'other';
  birthDate: string;
  cardExpiry: string;
  conditionsAccepted: boolean;
}

export interface Draft {
  step: Step;
  code: string;
  applicant: ApplicantDraft;
  branchId: string;
  slotAt: number;
}

const KEY = 'dawr-portal-draft';

const empty = (): Draft => ({
  step: 'service',
  code: '',
  applicant: { cpr: '', name: '', mobile: '', email: '', nationality: 'BH', birthDate: '', cardExpiry: '', conditionsAccepted: false },
  branchId: '',
  slotAt: 0,
});

function restore(): Draft {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Draft | null;
    if (saved && typeof saved === 'object' && saved.applicant) return { ...empty(), ...saved, applicant: { ...empty().applicant, ...saved.applicant } };
  } catch {
    // A damaged saved draft is no draft.
  }
  return empty();
}

/** The draft, saved on every change. */
export function bookingDraft(): { value: Draft; reset(): void; save(): void } {
  const state = $state({ value: restore() });
  return {
    get value() {
      return state.value;
    },
    set value(v: Draft) {
      state.value = v;
    },
    save: () => sessionStorage.setItem(KEY, JSON.stringify(state.value)),
    reset: () => {
      state.value = empty();
      sessionStorage.removeItem(KEY);
    },
  };
}
