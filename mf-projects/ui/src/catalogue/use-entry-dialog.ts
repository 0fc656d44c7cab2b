// The save of a catalogue entry's dialog (新建/编辑 a call or a project type), as both dialogs do it: a fresh form on
// every opening; the form's own checks first, each worded beside its field; then create or update; a refusal keeps
// the dialog open with what was typed and the server's messages placed where they belong.
import { ref, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage } from 'element-plus';
import { errorMessageOf } from '@wgzj/shell/kit';
import type { FormErrors } from './form-errors.ts';

export interface EntryDialogOptions<F extends string> {
  open: Ref<boolean>;
  /** Fills the (reactive) form as the dialog opens. */
  reset: () => void;
  /** The form's own checks: a rule name per field, worded as `${ruleKey}.${rule}`. */
  check: () => Partial<Record<F, string>>;
  ruleKey: string;
  /** Asked once the checks pass; false stops the save (a confirm the person declined). */
  proceed?: () => Promise<boolean>;
  /** Creates or updates the entry. */
  send: () => Promise<unknown>;
  /** The message key of a saved entry. */
  savedKey: () => string;
  errorsFrom: (error: unknown, message: string) => FormErrors<F>;
  saved: () => void;
}

export function useEntryDialog<F extends string>(options: EntryDialogOptions<F>) {
  const { t } = useI18n();
  const errors = ref({}) as Ref<FormErrors<F>>;
  const saving = ref(false);

  watch(options.open, (now) => {
    if (!now) return;
    options.reset();
    errors.value = {};
  });

  async function save(): Promise<void> {
    const rules = options.check();
    errors.value = Object.fromEntries(
      Object.entries(rules).map(([field, rule]) => [field, t(`${options.ruleKey}.${String(rule)}`)]),
    ) as FormErrors<F>;
    if (Object.keys(rules).length) return;
    if (options.proceed && !(await options.proceed())) return;
    saving.value = true;
    try {
      await options.send();
      ElMessage.success(t(options.savedKey()));
      options.open.value = false;
      options.saved();
    } catch (error) {
      errors.value = options.errorsFrom(error, errorMessageOf(error));
    } finally {
      saving.value = false;
    }
  }

  return { errors, saving, save };
}
