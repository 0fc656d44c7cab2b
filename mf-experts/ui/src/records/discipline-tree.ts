// The discipline classification as Element Plus's tree select wants it, named in the UI language.
import { DISCIPLINES, type Discipline } from '../../../shared/disciplines.ts';

export interface DisciplineOption {
  value: string;
  label: string;
  children?: DisciplineOption[];
}

function optionOf(node: Discipline, lang: 'zh-CN' | 'en-US'): DisciplineOption {
  const label = lang === 'zh-CN' ? `${node[lang]}(${node.code})` : `${node[lang]} (${node.code})`;
  const option: DisciplineOption = { value: node.code, label };
  if (node.children?.length) option.children = node.children.map((child) => optionOf(child, lang));
  return option;
}

export function disciplineTree(locale: string): DisciplineOption[] {
  const lang = locale === 'en-US' ? 'en-US' : 'zh-CN';
  return DISCIPLINES.map((node) => optionOf(node, lang));
}
