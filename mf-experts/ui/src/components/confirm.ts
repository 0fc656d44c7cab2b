// One confirm dialog for the area's irreversible or heavy steps (合并, 撤销合并, 仅导入有效行, 认领): true when confirmed.
import { ElMessageBox } from 'element-plus';
import { translate } from '@wgzj/shell/kit';

export async function confirmed(message: string, options: { title?: string; ok?: string; danger?: boolean } = {}): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, options.title ?? translate('experts.confirm.title'), {
      confirmButtonText: options.ok ?? translate('experts.confirm.ok'),
      cancelButtonText: translate('experts.confirm.cancel'),
      type: options.danger ? 'warning' : 'info',
      confirmButtonClass: options.danger ? 'el-button--danger' : '',
    });
    return true;
  } catch {
    return false;
  }
}
