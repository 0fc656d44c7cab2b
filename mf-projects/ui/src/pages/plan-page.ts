// What the entry page reads off a plan: template texts in the page language, the sections a return may name,
// the latest return (its reasons go on top of the editor), how a stored value reads, and the review's inputs.
import type { Locale } from '@wgzj/shell/kit';
import { formatShanghaiClock } from '@wgzj/gateway/kit/shared/dates';
import { formatYuan } from './money.ts';
import { scoreProblem, type NumberProblem } from './number-checks.ts';
import type { Localised, PlanEvent, PlanFile, RubricItem, TemplateDefinition, TemplateField } from './plan-types.ts';

export function pick(text: Localised | undefined | null, locale: Locale): string {
  if (!text) return '';
  return text[locale] || text['zh-CN'] || '';
}

/** The sections a review may give reasons for: the template's, then 专家及经费 and 附件. */
export function reasonSections(template: TemplateDefinition, locale: Locale, labels: { experts: string; attachments: string }) {
  return [
    ...template.sections.map((s) => ({ key: s.key, title: pick(s.title, locale) })),
    { key: 'experts', title: labels.experts },
    { key: 'attachments', title: labels.attachments },
  ];
}

const RETURN_ACTIONS = new Set(['supervising_return', 'national_return']);

/** The return the plan is in now (events come newest first); null unless the plan stands returned. */
export function latestReturn(events: readonly PlanEvent[], status: string): PlanEvent | null {
  if (status !== 'returned') return null;
  return events.find((e) => RETURN_ACTIONS.has(e.action)) ?? null;
}

const regionNames = new Map<Locale, Intl.DisplayNames>();

/** A nationality as people read it (德国, Germany): the expert library stores ISO 3166-1 codes; '—' for none. */
export function countryName(code: string | null | undefined, locale: Locale): string {
  if (!code) return '—';
  let names = regionNames.get(locale);
  if (!names) regionNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' })));
  try {
    return names.of(code) ?? code;
  } catch {
    // Not a region code at all (a name typed long ago): shown as it is.
    return code;
  }
}

/** How a stored value reads: money in yuan, an option by its label; empty for nothing. */
export function displayValue(field: TemplateField, value: unknown, locale: Locale): string {
  if (value === undefined || value === null || value === '') return '';
  if (field.type === 'money' && typeof value === 'number') return formatYuan(value);
  if (field.type === 'select') return pick(field.options.find((o) => o.value === value)?.label, locale) || String(value);
  return String(value);
}

/** Files of a slot (`image:<key>`, `attachment:<key>`, `contract:<visitId>`), oldest first. */
export function filesOf(files: readonly PlanFile[], slot: string): PlanFile[] {
  return files.filter((f) => f.slot === slot).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** A reviewer's scores as the form starts them: what they gave before, else nothing. */
export function initialScores(rubric: readonly RubricItem[], previous: Record<string, number> | null | undefined): Record<string, number | null> {
  return Object.fromEntries(rubric.map((item) => [item.key, typeof previous?.[item.key] === 'number' ? previous[item.key]! : null]));
}

/**
 * The scores to send, or every rubric item still missing or out of range with what is wrong with it, so the form
 * names them all at once beside their items.
 */
export function scoresToSend(
  rubric: readonly RubricItem[],
  scores: Record<string, number | null | undefined>,
): { ok: true; scores: Record<string, number>; total: number } | { ok: false; problems: Record<string, NumberProblem> } {
  const out: Record<string, number> = {};
  const problems: Record<string, NumberProblem> = {};
  for (const item of rubric) {
    const value = scores[item.key];
    const problem = scoreProblem(value, item.max, true);
    if (problem) problems[item.key] = problem;
    else out[item.key] = value as number;
  }
  if (Object.keys(problems).length) return { ok: false, problems };
  return { ok: true, scores: out, total: Object.values(out).reduce((a, b) => a + b, 0) };
}

/** Section reasons worth sending: trimmed, empty ones left out; undefined when none. */
export function sectionReasonsToSend(reasons: Record<string, string>): Record<string, string> | undefined {
  const out = Object.fromEntries(
    Object.entries(reasons)
      .map(([k, v]) => [k, (v ?? '').trim()] as const)
      .filter(([, v]) => v),
  );
  return Object.keys(out).length ? out : undefined;
}

/** `14:05:09` in Beijing time, whatever the browser's zone (已自动保存 14:05:09). */
export function beijingClock(date: Date): string {
  return formatShanghaiClock(date);
}
