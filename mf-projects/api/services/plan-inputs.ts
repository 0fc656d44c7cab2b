// What the plan service takes in, as zod schemas the routes parse with: the list's filter, a draft as saved, a new
// plan. The labels that name each field in a refusal stay with the routes.
import { defineRuleMessages } from '@wgzj/gateway/kit';
import { z } from 'zod';
import { PLAN_STATES } from '../plan-flow.ts';
import { fundingFen, visitDays } from '../number-rules.ts';
import { isDay } from '../template.ts';

const blank = (v: unknown) => (v === '' ? undefined : v);

export const listFilter = z.object({
  /** mine: my unit's plans; review: waiting for me; all: everything in my scope. */
  view: z.preprocess(blank, z.enum(['mine', 'review', 'all']).default('all')),
  status: z.preprocess(blank, z.enum(PLAN_STATES).optional()),
  year: z.preprocess(blank, z.coerce.number().int().min(2000).max(2100).optional()),
  projectType: z.preprocess(blank, z.string().max(60).optional()),
  family: z.preprocess(blank, z.enum(['talent', 'platform']).optional()),
  title: z.preprocess(blank, z.string().trim().max(100).optional()),
  unitName: z.preprocess(blank, z.string().trim().max(100).optional()),
});
export type ListFilter = z.output<typeof listFilter>;

defineRuleMessages('projects', {
  date: { 'zh-CN': '须从日期选择器中选择日期', 'en-US': 'must be a date chosen from the picker' },
  visitOrder: { 'zh-CN': '结束日期不能早于开始日期', 'en-US': 'cannot be before the start date' },
  expertOnce: { 'zh-CN': '同一位专家只能列入一次,请在该专家下添加多次来华', 'en-US': 'list each expert once and add visits under them' },
  visitOnce: { 'zh-CN': '来华记录重复', 'en-US': 'a visit is listed twice' },
});

// Refused with the limit named, never clamped (number-rules.ts).
const fen = fundingFen();
const days = visitDays();
export const dayOrNull = z.string().refine(isDay, { message: 'rule:projects.date' }).nullable();

/** What is spent (or planned) per funding item of one visit: fen, and whole days. Plans and actual visits alike. */
export const fundingInput = z.object({
  internationalTravel: fen,
  livingPerDay: fen,
  livingDays: days,
  pocketPerDay: fen,
  pocketDays: days,
  intercityTransport: fen,
  salary: fen,
  other: fen,
});

const visitInput = z
  .object({
    id: z.uuid(),
    startDate: dayOrNull,
    endDate: dayOrNull,
    city: z.string().trim().max(50).nullable(),
    purpose: z.string().trim().max(500).nullable().optional(),
    funding: fundingInput,
  })
  .refine((v) => !v.startDate || !v.endDate || v.endDate >= v.startDate, { path: ['endDate'], message: 'rule:projects.visitOrder' });

export const saveRequest = z.object({
  version: z.number().int().min(0),
  title: z.string().trim().min(1, 'rule:required').max(200),
  content: z.record(z.string().max(40), z.unknown()),
  experts: z
    .array(z.object({ expertId: z.uuid(), visits: z.array(visitInput).max(20) }))
    .max(200)
    .refine((list) => new Set(list.map((e) => e.expertId)).size === list.length, { message: 'rule:projects.expertOnce' })
    .refine((list) => new Set(list.flatMap((e) => e.visits.map((v) => v.id))).size === list.flatMap((e) => e.visits).length, {
      message: 'rule:projects.visitOnce',
    }),
});
export type SaveRequest = z.output<typeof saveRequest>;

export const createRequest = z.object({ callId: z.uuid(), title: z.string().trim().min(1, 'rule:required').max(200) });
export type CreateRequest = z.output<typeof createRequest>;
