// One confirm dialog for the area's irreversible or heavy steps (合并, 撤销合并, 仅导入有效行, 认领): true when confirmed.
import { confirmDialog, translate } from '@wgzj/shell/kit';

export function confirmed(message: string, options: { title?: string; ok?: string; danger?: boolean } = {}): Promise<boolean> {
  return confirmDialog(
    message,
    {
      title: options.title ?? translate('experts.confirm.title'),
      ok: options.ok ?? translate('experts.confirm.ok'),
      cancel: translate('experts.confirm.cancel'),
    },
    options.danger,
  );
}
