import { describe, expect, it } from 'vitest';
import { catalogueProblems, placeholdersOf } from './catalogue-parity.ts';
import { kitEnUS, kitZhCN } from './messages.ts';

const pair = (zh: Record<string, unknown>, en: Record<string, unknown>) => ({ 'zh-CN': zh, 'en-US': en });

describe('catalogue parity', () => {
  it("finds nothing in the kit's own catalogue", () => {
    expect(catalogueProblems(pair(kitZhCN, kitEnUS))).toEqual([]);
  });

  it('accepts two locales with the same keys and placeholders, however the words differ', () => {
    expect(catalogueProblems(pair({ a: { b: '共 {n} 条' } }, { a: { b: '{n} in total' } }))).toEqual([]);
  });

  it('names a key en-US lacks, however deep', () => {
    expect(catalogueProblems(pair({ a: { b: { c: '是' } }, d: '否' }, { a: { b: {} }, d: 'No' }))).toEqual(['en-US lacks a.b.c']);
  });

  it('names a key only en-US has', () => {
    expect(catalogueProblems(pair({ a: '是' }, { a: 'Yes', b: 'No' }))).toEqual(['zh-CN lacks b']);
  });

  it('refuses a text in one locale that is a group in the other', () => {
    expect(catalogueProblems(pair({ a: '是' }, { a: { b: 'Yes' } }))).toEqual(['en-US lacks a', 'zh-CN lacks a.b']);
  });

  it('refuses an empty text and a value that is not a text', () => {
    expect(catalogueProblems(pair({ a: ' ', b: 1 }, { a: 'A', b: 'B' }))).toEqual(['zh-CN a is empty', 'zh-CN b is not a text']);
  });

  it('refuses a translation that loses, renames or invents a named placeholder', () => {
    expect(catalogueProblems(pair({ a: '共 {n} 条', b: '{name}您好', c: '好' }, { a: 'In total', b: 'Hello {user}', c: '{x}' }))).toEqual([
      'a: zh-CN has {n}, en-US none',
      'b: zh-CN has {name}, en-US {user}',
      'c: zh-CN has no placeholder, en-US {x}',
    ]);
  });

  it('refuses a translation that drops a list placeholder or a literal escape', () => {
    expect(catalogueProblems(pair({ a: '{0}不能为空', b: "字母或 {'@'}" }, { a: 'Required', b: 'letters or @' }))).toEqual([
      'a: zh-CN has {0}, en-US none',
      "b: zh-CN has {'@'}, en-US none",
    ]);
  });

  it('counts a placeholder once, wherever and however often it stands', () => {
    expect(placeholdersOf("{n} 至 {n},{ to } 或 {'@'}")).toEqual(["{'@'}", '{n}', '{to}']);
    expect(catalogueProblems(pair({ a: '{from} 至 {to}' }, { a: '{to} after {from}, {from} first' }))).toEqual([]);
  });
});
