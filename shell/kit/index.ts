// The shell kit: what remotes import as `@wgzj/shell/kit`. Shared as a singleton, so its stores and i18n are the page's.
import './kit.css';
export { markSigningOut, isSigningOut } from './sign-out.ts';
export { ApiError, createApiClient, signInUrl, DATA_CHANGED_EVENT, announceDataChanged, refreshToDo } from './api.ts';
export type { ApiFieldIssue, ApiRequest, HttpMethod, ApiClientDeps, DataChange } from './api.ts';
export { api, apiFetch, installKit, kitPinia } from './install.ts';
export { useAuthStore, ADMIN_ROLES, ROLES, UNIT_KINDS } from './auth-store.ts';
export type { Role, SessionUser, UnitKind } from './auth-store.ts';
export {
  addMessages,
  currentLocale,
  getI18n,
  setLocale,
  translate,
  useLocale,
  DEFAULT_LOCALE,
  LOCALES,
} from './i18n.ts';
export type { AreaMessages, Locale, SameKeysAs } from './i18n.ts';
export { formatDate, formatDateTime, DISPLAY_TIME_ZONE } from './format.ts';
export { statusLabelKey, statusTagType, REVIEW_STATUSES } from './status.ts';
export type { ReviewStatus, TagType } from './status.ts';
export { useElementLocale } from './element-locale.ts';
export { confirmDialog } from './confirm.ts';
export type { ConfirmWords } from './confirm.ts';
export { useApiList, showApiError, errorMessageOf } from './use-api-list.ts';
export { pageQuery, searchQuery, useSearchList } from './search-list.ts';
export type { SearchList, SearchListOptions } from './search-list.ts';
export { usePagedRows } from './paged-rows.ts';
export type { Pager, PagedRows } from './paged-rows.ts';
export type { ApiListOptions, ListResponse } from './use-api-list.ts';
export { default as PageHeader } from './components/PageHeader.vue';
export { default as ModuleUnavailable } from './components/ModuleUnavailable.vue';
export { default as StatusTag } from './components/StatusTag.vue';
export { default as AreaFrame } from './components/AreaFrame.vue';
export { default as SearchPanel } from './components/SearchPanel.vue';
export { default as SearchListPager } from './components/SearchListPager.vue';
export { default as ListTable } from './components/ListTable.vue';
export { default as FieldHint } from './components/FieldHint.vue';
export { default as FormFieldError } from './components/FormFieldError.vue';
export { default as TextFormItem } from './components/TextFormItem.vue';
export { default as SelectFormItem } from './components/SelectFormItem.vue';
export { default as LoadFailedResult } from './components/LoadFailedResult.vue';
export { default as ReasonFormItem } from './components/ReasonFormItem.vue';
export { default as DayRangePicker } from './components/DayRangePicker.vue';
export { default as AreaNotFound } from './components/AreaNotFound.vue';
export { defineAreaApp } from './define-area-app.ts';
export type { AreaAppOptions } from './define-area-app.ts';
