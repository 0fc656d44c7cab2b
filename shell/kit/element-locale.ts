// Element Plus's own texts (pagination, empty table, date pickers) follow the page language.
import { computed } from 'vue';
import zhCn from 'element-plus/es/locale/lang/zh-cn.mjs';
import en from 'element-plus/es/locale/lang/en.mjs';
import { useLocale } from './i18n.ts';

export function useElementLocale() {
  const locale = useLocale();
  return computed(() => (locale.value === 'en-US' ? en : zhCn));
}
