// The audit screen's search, as sent to the API and to the Excel export, and how actions are labelled.
import { describe, expect, it } from 'vitest';
import { actionLabelKey, auditQuery, emptyAuditFilter, exportUrl, prettySummary } from './audit-log.ts';

describe('audit log screen logic', () => {
  it('sends only the conditions filled in, trimmed, with the picked days as from/to', () => {
    expect(auditQuery(emptyAuditFilter())).toEqual({});
    expect(
      auditQuery({ ...emptyAuditFilter(), days: ['2026-03-01', '2026-03-31'], actor: ' 陈静 ', action: 'notice.', requestId: '  ' }),
    ).toEqual({ from: '2026-03-01', to: '2026-03-31', actor: '陈静', action: 'notice.' });
  });

  it('exports exactly what the table searched for', () => {
    expect(exportUrl(emptyAuditFilter())).toBe('/api/admin/audit/export');
    expect(exportUrl({ ...emptyAuditFilter(), actor: '陈 静', objectType: 'notice' })).toBe(
      `/api/admin/audit/export?actor=${encodeURIComponent('陈').replace(/%20/g, '+')}+${encodeURIComponent('静')}&objectType=notice`,
    );
  });

  it('labels known-looking action codes through i18n and leaves others raw', () => {
    expect(actionLabelKey('notice.publish')).toBe('admin.audit.action.notice.publish');
    expect(actionLabelKey('unit_registration.national_approve')).toBe('admin.audit.action.unit_registration.national_approve');
    expect(actionLabelKey('odd')).toBeNull();
    expect(actionLabelKey('a..b')).toBeNull();
  });

  it('indents summaries and shows nothing for none', () => {
    expect(prettySummary({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(prettySummary(null)).toBeNull();
  });
});
