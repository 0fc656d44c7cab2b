// What the execution service takes in (services/execution.ts): an actual visit as the unit records it. The labels that
// name each field in a refusal stay with the routes.
import { defineRuleMessages } from '@wgzj/gateway/kit';
import { z } from 'zod';
import { dayOrNull, fundingInput } from './plan-inputs.ts';

const rules = defineRuleMessages('projects.execution', {
  departureOrder: { 'zh-CN': '离华日期不能早于抵华日期', 'en-US': 'cannot be before the arrival date' },
});

const text = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.string().trim().max(max).nullable().optional());

export const actualVisitRequest = z
  .object({
    /** The approved visit this one carries out; null for a visit the plan did not have (a reason is then required). */
    plannedVisitId: z.uuid().nullable().default(null),
    expertId: z.uuid(),
    carriedOut: z.boolean(),
    /** Why a planned visit was not carried out, or why a visit outside the plan was added. */
    reason: text(500),
    arrivalDate: dayOrNull.optional(),
    departureDate: dayOrNull.optional(),
    city: text(50),
    workDone: text(2000),
    funding: fundingInput.default({
      internationalTravel: 0,
      livingPerDay: 0,
      livingDays: 0,
      pocketPerDay: 0,
      pocketDays: 0,
      intercityTransport: 0,
      salary: 0,
      other: 0,
    }),
  })
  .refine((v) => !v.arrivalDate || !v.departureDate || v.departureDate >= v.arrivalDate, { path: ['departureDate'], ...rules.departureOrder });
export type ActualVisitRequest = z.output<typeof actualVisitRequest>;

export const actualVisitChange = z.intersection(actualVisitRequest, z.object({ version: z.number().int().min(1) }));
export type ActualVisitChange = z.output<typeof actualVisitChange>;
