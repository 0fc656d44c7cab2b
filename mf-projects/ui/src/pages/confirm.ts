// One confirm dialog and one reason prompt for the plan screens' heavy steps (删除草稿, 撤回, 批量通过/退回).
import { ElMessageBox } from 'element-plus';
import { confirmDialog, translate } from '@wgzj/shell/kit';

export function confirmed(message: string, options: { title?: string; ok?: string; danger?: boolean } = {}): Promise<boolean> {
  return confirmDialog(
    message,
    {
      title: options.title ?? translate('projects.confirm.title'),
      ok: options.ok ?? translate('projects.confirm.ok'),
      cancel: translate('projects.confirm.cancel'),
    },
    options.danger,
  );
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
