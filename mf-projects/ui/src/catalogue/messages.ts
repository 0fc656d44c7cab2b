// Texts of the catalogue screens (项目类别, 申报批次, 申报模板) and of the area's menu, under `projects.catalogue.`, one
// JSON file per locale. The English texts have the same keys by type, so neither language can miss one; the lists the
// screens build keys from (check rules, field types, call states…) must each have a text, or this file does not compile.
import type { SameKeysAs } from '@wgzj/shell/kit';
import type { CallRule, CallState } from './calls.ts';
import type { TypeRule } from './project-types.ts';
import type { CheckPart, CheckRule, FieldType, Place } from './template-draft.ts';
import type { RuleText } from './template-view.ts';
import zhCN from './messages.zh-CN.json';
import enJson from './messages.en-US.json';

export type CatalogueMessages = typeof zhCN;

const enUS: SameKeysAs<CatalogueMessages, typeof enJson> = enJson;

/** Compiles only when `T` has a text for each value of `K` and for nothing else. */
type TextsFor<K extends string, T extends Record<K, string> & Record<Exclude<keyof T, K>, never>> = T;

// The groups a screen picks a text from by a value it holds (en-US has the same keys, above). Nothing uses this
// type: it is here for the compiler to check.
type BuiltFromValues = [
  /** Why a project type field is not ready. */
  TextsFor<TypeRule, CatalogueMessages['typeRule']>,
  TextsFor<CallState, CatalogueMessages['callList']['stateName']>,
  /** Why a call field is not ready. */
  TextsFor<CallRule, CatalogueMessages['callRule']>,
  TextsFor<FieldType, CatalogueMessages['fieldType']>,
  TextsFor<RuleText['key'], CatalogueMessages['fieldRule']>,
  /** Which input a check is about, as `{what}` in the check's text. */
  TextsFor<CheckPart, CatalogueMessages['part']>,
  /** What a check found. */
  TextsFor<CheckRule, CatalogueMessages['check']>,
  /** Where a problem is, in the editor's list of problems. */
  TextsFor<Place['kind'], CatalogueMessages['where']>,
];

export const catalogueMessages = { 'zh-CN': zhCN, 'en-US': enUS };
