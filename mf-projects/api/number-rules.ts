// Amounts, days and scores a person types: a value out of range is refused with its limit named beside the field
// (金额不能为负数, 不能超过 366 天), never clamped to the nearest allowed value behind their back.
import { defineRuleMessages } from '@wgzj/gateway/kit';
import { z } from 'zod';

const rules = defineRuleMessages('projects.number', {
  amountNegative: { 'zh-CN': '金额不能为负数', 'en-US': 'cannot be a negative amount' },
  amountCents: { 'zh-CN': '金额最多两位小数', 'en-US': 'takes at most two decimals' },
  amountTooLarge: { 'zh-CN': '金额不能超过 10,000,000 元', 'en-US': 'cannot exceed 10,000,000 yuan' },
  approvalTooLarge: { 'zh-CN': '金额不能超过 1,000,000,000 元', 'en-US': 'cannot exceed 1,000,000,000 yuan' },
  daysNegative: { 'zh-CN': '天数不能为负数', 'en-US': 'cannot be a negative number of days' },
  daysWhole: { 'zh-CN': '天数须为整数', 'en-US': 'must be a whole number of days' },
  daysTooMany: { 'zh-CN': '天数不能超过 366 天', 'en-US': 'cannot exceed 366 days' },
});

/** An amount in fen (分) of one funding item: 0 to 10 million yuan. */
export const fundingFen = () =>
  z.number().int(rules.amountCents).min(0, rules.amountNegative).max(10_000_000_00, rules.amountTooLarge);

/** 批复金额 in fen. */
export const approvalFen = () =>
  z.number().int(rules.amountCents).min(0, rules.amountNegative).max(100_000_000_000, rules.approvalTooLarge);

/** Days of living costs or pocket money in one visit. */
export const visitDays = () => z.number().int(rules.daysWhole).min(0, rules.daysNegative).max(366, rules.daysTooMany);

/** 30 / 30.5: how a limit reads in a message (yuan from fen, thousands separated). */
export const yuanText = (fen: number) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
