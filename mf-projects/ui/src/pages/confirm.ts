// One confirm dialog and one reason prompt for the plan screens' heavy steps (删除草稿, 撤回, 批量通过/退回).
import { ElMessageBox } from 'element-plus';
import { translate } from '@wgzj/shell/kit';

export async function confirmed(message: string, options: { title?: string; ok?: string; danger?: boolean } = {}): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, options.title ?? translate('projects.confirm.title'), {
      confirmButtonText: options.ok ?? translate('projects.confirm.ok'),
      cancelButtonText: translate('projects.confirm.cancel'),
      type: options.danger ? 'warning' : 'info',
      confirmButtonClass: options.danger ? 'el-button--danger' : '',
    });
    return true;
  } catch {
    return false;
  }
}

/** Asks for a reason (退回 needs one); null when cancelled. */
export async function promptReason(message: string, title: string): Promise<string | null> {
  try {
    const { value } = (await ElMessageBox.prompt(message, title, {
      confirmButtonText: translate('projects.confirm.ok'),
      cancelButtonText: translate('projects.confirm.cancel'),
      inputType: 'textarea',
      inputValidator: (v: string) => (v && v.trim() ? true : translate('projects.review.reasonRequired')),
    })) as { value: string };
    return value.trim();
  } catch {
    return null;
  }
}
