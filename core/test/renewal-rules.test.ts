import { describe, expect, it } from 'vitest';
import { APPLICATION_STATUSES, canCancel, canChangePickup, checkPickup, checkRenewal, isClosed, staffMoves } from '../src';

const BRANCHES = ['isa-town', 'seef-mall'];

describe('the renewal form', () => {
  it('takes a pickup branch that hands cards over, or an address, and a way to be told', () => {
    expect(checkRenewal({ pickup: 'branch', branchId: ' isa-town ', mobile: '36000005' }, BRANCHES)).toEqual({
      ok: true, pickup: { kind: 'branch', branchId: 'isa-town' }, email: null, mobile: '36000005',
    });
    expect(checkRenewal({ pickup: 'post', address: ' Road 1,\n Block 2 ', email: 'f@example.bh' }, BRANCHES)).toEqual({
      ok: true, pickup: { kind: 'post', address: 'Road 1, Block 2' }, email: 'f@example.bh', mobile: null,
    });
  });

  it('names every field that is wrong at once, pickup and contact alike', () => {
    expect(checkRenewal({ pickup: 'branch', branchId: 'muharraq', email: 'nope' }, BRANCHES)).toEqual({ ok: false, fields: { branchId: 'FORMAT', email: 'FORMAT' } });
    expect(checkRenewal({ pickup: 'post', address: 'x' }, BRANCHES)).toEqual({ ok: false, fields: { address: 'REQUIRED', email: 'REQUIRED' } });
    expect(checkRenewal({ email: 'f@example.bh' }, BRANCHES)).toEqual({ ok: false, fields: { pickup: 'REQUIRED' } });
    expect(checkRenewal({ pickup: 'post', address: 'a'.repeat(301), mobile: '12' }, BRANCHES)).toEqual({ ok: false, fields: { address: 'TOO_LONG', mobile: 'FORMAT' } });
  });

  it('checks a changed pickup alone', () => {
    expect(checkPickup({ pickup: 'branch', branchId: 'seef-mall' }, BRANCHES)).toEqual({ ok: true, pickup: { kind: 'branch', branchId: 'seef-mall' } });
    expect(checkPickup({ pickup: 'branch', branchId: '' }, BRANCHES)).toEqual({ ok: false, fields: { branchId: 'REQUIRED' } });
    expect(checkPickup({ pickup: 'branch', branchId: 'muharraq' }, BRANCHES)).toEqual({ ok: false, fields: { branchId: 'FORMAT' } });
    expect(checkPickup({ pickup: 'drone' }, BRANCHES)).toEqual({ ok: false, fields: { pickup: 'REQUIRED' } });
  });
});

describe("the citizen's changes", () => {
  it('changes the pickup until the card leaves the centre, cancels only before production', () => {
    const table = APPLICATION_STATUSES.map((s) => [s, canChangePickup(s), canCancel(s), isClosed(s)]);
    expect(table).toEqual([
      ['submitted', true, true, false],
      ['in_production', true, false, false],
      ['ready', false, false, false],
      ['posted', false, false, false],
      ['collected', false, false, true],
      ['cancelled', false, false, true],
    ]);
    expect(staffMoves('cancelled', 'branch')).toEqual([]);
  });
});
