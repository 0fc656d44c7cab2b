// The snapshot frozen at each submission (content, experts, visits, funding, files), and what changed between two
// submissions, field by field, in words a reviewer reads ("专家 Anna Schmidt 第 1 次来华 · 国际旅费: 16,000.00 → 12,000.00").
import type { Locale } from '@wgzj/gateway/kit';
import { FUNDING_FIELD_LABELS } from '../shared/funding-names.ts';
import { FUNDING_FIELDS, type FundingField } from './funding.ts';
import { t } from './messages.ts';
import { daysOf, type PlanParts, type PlanRow } from './services/plan-repository.ts';
import { displayValue, fieldsOf, type TemplateDefinition } from './template.ts';

export interface SnapshotVisit {
  id: string;
  startDate: string | null;
  endDate: string | null;
  city: string | null;
  purpose: string | null;
  funding: Record<FundingField, number>;
}

export interface Snapshot {
  title: string;
  content: Record<string, unknown>;
  experts: Array<{ expertId: string; name: string | null; visits: SnapshotVisit[] }>;
  files: Array<{ slot: string; filename: string; size: number }>;
}

export function snapshotOf(plan: PlanRow, parts: PlanParts): Snapshot {
  return {
    title: plan.title,
    content: plan.content,
    experts: parts.experts.map((e) => ({
      expertId: e.expert_id,
      name: e.name,
      visits: parts.visits
        .filter((v) => v.expert_id === e.expert_id)
        .map((v) => ({
          id: v.id,
          startDate: v.start_date,
          endDate: v.end_date,
          city: v.city,
          purpose: v.purpose,
          funding: {
            internationalTravel: Number(v.international_travel),
            livingPerDay: Number(v.living_per_day),
            livingDays: v.living_days,
            pocketPerDay: Number(v.pocket_per_day),
            pocketDays: v.pocket_days,
            intercityTransport: Number(v.intercity_transport),
            salary: Number(v.salary),
            other: Number(v.other),
          },
        })),
    })),
    files: parts.files.map((f) => ({ slot: f.slot, filename: f.filename, size: f.size })),
  };
}

export interface Change {
  path: string;
  label: string;
  before: string;
  after: string;
}

const L = {
  title: { 'zh-CN': '计划名称', 'en-US': 'Plan title' },
  expert: { 'zh-CN': '专家', 'en-US': 'Expert' },
  startDate: { 'zh-CN': '来华开始日期', 'en-US': 'Start date' },
  endDate: { 'zh-CN': '来华结束日期', 'en-US': 'End date' },
  days: { 'zh-CN': '天数', 'en-US': 'Days' },
  city: { 'zh-CN': '来华城市', 'en-US': 'City' },
  purpose: { 'zh-CN': '工作内容', 'en-US': 'Purpose' },
  contract: { 'zh-CN': '聘用合同', 'en-US': 'Employment contract' },
  listed: { 'zh-CN': '已列入', 'en-US': 'listed' },
} as const;

/** A funding item with its unit, as the plan screens head its column. */
export const FUNDING_LABELS = Object.fromEntries(
  FUNDING_FIELDS.map((f) => [f, { 'zh-CN': FUNDING_FIELD_LABELS['zh-CN'][f], 'en-US': FUNDING_FIELD_LABELS['en-US'][f] }]),
) as Record<FundingField, { 'zh-CN': string; 'en-US': string }>;

const yuan = (fen: number) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const isDayCount = (f: FundingField) => f === 'livingDays' || f === 'pocketDays';

/** Every value of a snapshot under a stable path, with the words a person reads for it. */
function flatten(s: Snapshot, template: TemplateDefinition, locale: Locale): Map<string, { label: string; value: string }> {
  const out = new Map<string, { label: string; value: string }>();
  out.set('title', { label: L.title[locale], value: s.title });
  for (const f of fieldsOf(template)) {
    if (f.type !== 'image') out.set(`content.${f.key}`, { label: f.label[locale], value: displayValue(f, s.content[f.key], locale) });
  }
  const slotLabel = (slot: string) => {
    const [kind, key] = slot.split(':') as [string, string];
    if (kind === 'attachment') return template.attachments.find((a) => a.key === key)?.label[locale] ?? key;
    if (kind === 'image') return fieldsOf(template).find((f) => f.key === key)?.label[locale] ?? key;
    const owner = s.experts.find((e) => e.visits.some((v) => v.id === key));
    return `${owner?.name ?? ''} ${L.contract[locale]}`.trim();
  };
  const filesBySlot = new Map<string, string[]>();
  for (const f of s.files) filesBySlot.set(f.slot, [...(filesBySlot.get(f.slot) ?? []), f.filename]);
  for (const [slot, names] of filesBySlot) out.set(`files.${slot}`, { label: slotLabel(slot), value: names.sort().join('、') });
  for (const e of s.experts) {
    const who = `${L.expert[locale]} ${e.name ?? e.expertId}`;
    out.set(`experts.${e.expertId}`, { label: who, value: L.listed[locale] });
    e.visits.forEach((v, i) => {
      const prefix = `${who} ${t(locale, 'diff.visit', { n: i + 1 })} · `;
      const at = (k: string, label: string, value: string) => out.set(`visits.${v.id}.${k}`, { label: prefix + label, value });
      at('startDate', L.startDate[locale], v.startDate ?? '');
      at('endDate', L.endDate[locale], v.endDate ?? '');
      at('days', L.days[locale], String(daysOf({ start_date: v.startDate, end_date: v.endDate }) ?? ''));
      at('city', L.city[locale], v.city ?? '');
      at('purpose', L.purpose[locale], v.purpose ?? '');
      for (const f of FUNDING_FIELDS) at(f, FUNDING_LABELS[f][locale], isDayCount(f) ? String(v.funding[f]) : yuan(v.funding[f]));
    });
  }
  return out;
}

/** What changed from `before` to `after` (both read with the plan's template), in the order of `after`. */
export function diffSnapshots(before: Snapshot, after: Snapshot, template: TemplateDefinition, locale: Locale): Change[] {
  const a = flatten(before, template, locale);
  const b = flatten(after, template, locale);
  const changes: Change[] = [];
  for (const [path, now] of b) {
    const was = a.get(path);
    if (!was || was.value !== now.value) changes.push({ path, label: now.label, before: was?.value ?? '', after: now.value });
  }
  for (const [path, was] of a) if (!b.has(path)) changes.push({ path, label: was.label, before: was.value, after: '' });
  // A visit added or removed shows once as its expert's line plus its own dates, not as eleven empty fields.
  return changes.filter((c) => !(c.path.startsWith('visits.') && c.before === '' && c.after === '0.00') && !(c.before === '' && c.after === '0') && !(c.after === '' && (c.before === '0.00' || c.before === '0')));
}
