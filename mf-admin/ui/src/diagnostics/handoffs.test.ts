import { describe, expect, it } from 'vitest';
import {
  beijingWallClockToIso,
  checkLabelKey,
  durationRows,
  emptyHandoffFilter,
  failedCheck,
  handoffQuery,
  outcomeLabelKey,
  outcomeTagType,
  refusalLabelKey,
  userKindLabelKey,
} from './handoffs.ts';

describe('beijingWallClockToIso', () => {
  it('reads a picked time as Beijing time, whatever zone the browser is in', () => {
    expect(beijingWallClockToIso('2026-03-01 08:00:00')).toBe('2026-03-01T00:00:00.000Z');
    expect(beijingWallClockToIso('2026-03-01 07:59:59')).toBe('2026-02-28T23:59:59.000Z');
    expect(beijingWallClockToIso('2026-03-01T09:30')).toBe('2026-03-01T01:30:00.000Z');
  });

  it('refuses what is not a picked date-time', () => {
    for (const bad of ['', '2026-03-01', 'yesterday', '2026-13-01 00:00:00', '2026-03-01 08:00:00Z']) {
      expect(beijingWallClockToIso(bad)).toBeNull();
    }
  });
});

describe('handoffQuery', () => {
  it('sends only the limit when the form is empty', () => {
    expect(handoffQuery(emptyHandoffFilter())).toEqual({ ok: true, query: { limit: 100 } });
  });

  it('upper-cases and trims a reference typed in lower case', () => {
    const built = handoffQuery({ ...emptyHandoffFilter(), reference: '  h20260301-abc234 ' });
    expect(built).toEqual({ ok: true, query: { limit: 100, reference: 'H20260301-ABC234' } });
  });

  it('trims the username and keeps its case', () => {
    const built = handoffQuery({ ...emptyHandoffFilter(), username: ' Employer_Handler ' });
    expect(built.ok && built.query['username']).toBe('Employer_Handler');
  });

  it('accepts a mainland mobile number, spaces and dashes removed', () => {
    const built = handoffQuery({ ...emptyHandoffFilter(), phone: '138 0013-8000' });
    expect(built.ok && built.query['phone']).toBe('13800138000');
  });

  it('refuses a mobile number the API would reject', () => {
    for (const phone of ['1380013800', '138001380001', '23800138000', '1380013800a', '+8613800138000']) {
      expect(handoffQuery({ ...emptyHandoffFilter(), phone })).toEqual({ ok: false, problem: 'phone' });
    }
  });

  it('sends a picked range as instants, both ends read as Beijing time', () => {
    const built = handoffQuery({ ...emptyHandoffFilter(), range: ['2026-03-01 00:00:00', '2026-03-01 23:59:59'] });
    expect(built).toEqual({
      ok: true,
      query: { limit: 100, from: '2026-02-28T16:00:00.000Z', to: '2026-03-01T15:59:59.000Z' },
    });
  });

  it('refuses a range that ends before it starts or cannot be read', () => {
    expect(handoffQuery({ ...emptyHandoffFilter(), range: ['2026-03-02 00:00:00', '2026-03-01 00:00:00'] })).toEqual({
      ok: false,
      problem: 'range',
    });
    expect(handoffQuery({ ...emptyHandoffFilter(), range: ['', '2026-03-01 00:00:00'] })).toEqual({ ok: false, problem: 'range' });
  });

  it('takes another limit', () => {
    const built = handoffQuery(emptyHandoffFilter(), 20);
    expect(built.ok && built.query['limit']).toBe(20);
  });
});

describe('labels', () => {
  it('colours each outcome, and an unknown one neutrally', () => {
    expect(outcomeTagType('refused')).toBe('danger');
    expect(outcomeTagType('admitted')).toBe('success');
    expect(outcomeTagType('awaiting_confirmation')).toBe('warning');
    expect(outcomeTagType('cancelled')).toBe('info');
    expect(outcomeTagType('exploded')).toBe('info');
  });

  it('has a label key for every known value and none for an unknown one (shown raw)', () => {
    expect(outcomeLabelKey('refused')).toBe('admin.diagnostics.outcome.refused');
    expect(outcomeLabelKey('nope')).toBeNull();
    expect(refusalLabelKey('ADMISSION_REALNAME_PENDING')).toBe('admin.diagnostics.refusal.ADMISSION_REALNAME_PENDING');
    expect(refusalLabelKey('HANDOFF_PORTAL_UNAVAILABLE')).toBe('admin.diagnostics.refusal.HANDOFF_PORTAL_UNAVAILABLE');
    expect(refusalLabelKey('ADMISSION_SOMETHING_NEW')).toBeNull();
    expect(refusalLabelKey(null)).toBeNull();
    expect(checkLabelKey('credit_code')).toBe('admin.diagnostics.check.credit_code');
    expect(checkLabelKey('toString')).toBeNull();
    expect(userKindLabelKey('supervising')).toBe('admin.diagnostics.userKind.supervising');
    expect(userKindLabelKey(null)).toBeNull();
  });
});

describe('durationRows', () => {
  it('lists the four steps in order, with null for a step the attempt never reached', () => {
    expect(durationRows({ token: 41, total: 57 })).toEqual([
      { step: 'token', ms: 41 },
      { step: 'userinfo', ms: null },
      { step: 'checks', ms: null },
      { step: 'total', ms: 57 },
    ]);
    expect(durationRows(null).every((row) => row.ms === null)).toBe(true);
  });

  it('keeps a zero and ignores what is not a number', () => {
    const rows = durationRows({ checks: 0, userinfo: Number.NaN, token: '12' as unknown as number });
    expect(rows.find((r) => r.step === 'checks')?.ms).toBe(0);
    expect(rows.find((r) => r.step === 'userinfo')?.ms).toBeNull();
    expect(rows.find((r) => r.step === 'token')?.ms).toBeNull();
  });
});

describe('failedCheck', () => {
  it('is the first failed check, the one the refusal page names', () => {
    const checks = [
      { check: 'identity_kind', passed: true },
      { check: 'role_grant', passed: false, code: 'ADMISSION_ROLE_MISSING' },
      { check: 'real_name', passed: false, code: 'ADMISSION_REALNAME_PENDING' },
    ];
    expect(failedCheck({ checks })?.check).toBe('role_grant');
    expect(failedCheck({ checks: [] })).toBeNull();
  });
});
