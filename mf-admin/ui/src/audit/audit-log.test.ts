// The audit screen's search, as sent to the API and to the Excel export, and what a row shows: words, never the raw
// code of a known action.
import { describe, expect, it } from 'vitest';
import { messages } from '../messages.ts';
import { auditQuery, changeLine, emptyAuditFilter, exportUrl, linkTarget, rowTexts, supportCode, type AuditRecord } from './audit-log.ts';

const RAW_CODE = /\b[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*\b|\b[a-z]+_[a-z_]+\b|[0-9a-f]{8}-[0-9a-f]{4}/;

const record = (over: Partial<AuditRecord> = {}): AuditRecord => ({
  id: '1',
  at: '2026-12-07T02:30:00.000Z',
  actor: { userId: 'u', username: 'national_admin', displayName: '陈静', unitId: 'n', unitName: '科学技术部外国专家服务司', role: 'national_admin' },
  action: 'plan.national_approve',
  actionLabel: '批复计划',
  actionKnown: true,
  roleLabel: '国家管理员',
  object: { type: 'plan', typeLabel: '项目计划', id: '8d3c0e5e-6f0b-4c59-9d53-0c2f7d7e9a11', name: '量子材料外国青年人才交流项目', link: '/projects/plans/8d3c0e5e-6f0b-4c59-9d53-0c2f7d7e9a11' },
  changes: [{ field: 'state', label: '状态', before: '专家评审中', after: '已批复' }],
  reason: null,
  requestId: 'req-1',
  clientIp: '203.0.113.7',
  ...over,
});

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

  it('shows a known action, its object and the actor in words only: no code, no uuid', () => {
    const texts = rowTexts(record());
    expect(texts).toEqual(['陈静', '科学技术部外国专家服务司', '国家管理员', '批复计划', '项目计划', '量子材料外国青年人才交流项目']);
    for (const text of texts) expect(text).not.toMatch(RAW_CODE);
    expect(supportCode(record())).toBeNull();
  });

  it('adds the code, for support, only beside an action the catalogue does not name', () => {
    const unknown = record({ action: 'mystery.thing', actionLabel: '其他操作', actionKnown: false });
    expect(supportCode(unknown)).toBe('mystery.thing');
    expect(rowTexts(unknown)).toContain('mystery.thing');
  });

  it('reads a change as one line', () => {
    expect(changeLine({ field: 'state', label: '状态', before: '草稿', after: '归口管理单位审核中' })).toBe('状态:草稿 → 归口管理单位审核中');
    expect(changeLine({ field: 'title', label: '标题', before: null, after: '通知' })).toBe('标题:通知');
    expect(changeLine({ field: 'email', label: '电子邮箱', before: 'a@b.cn', after: null })).toBe('电子邮箱:a@b.cn → —');
    expect(changeLine({ field: 'state', label: 'State', before: 'Draft', after: 'Returned' }, 'en-US')).toBe('State: Draft → Returned');
  });

  it('opens a 系统管理 page through its own router and any other area through the shell', () => {
    expect(linkTarget('/admin/units/7')).toEqual({ inArea: '/units/7' });
    expect(linkTarget('/projects/plans/7')).toEqual({ elsewhere: '/projects/plans/7' });
    expect(linkTarget('/administration')).toEqual({ elsewhere: '/administration' });
  });

  it('has no action catalogue of its own any more (the server names actions) and no code in its zh-CN texts', () => {
    const audit = (messages['zh-CN'].admin as Record<string, Record<string, unknown>>)['audit']!;
    expect(audit['action']).toBeUndefined();
    const texts = JSON.stringify(audit);
    expect(texts).not.toMatch(/notice\.|unit_registration|可只填前缀|对象类型代码/);
  });
});
