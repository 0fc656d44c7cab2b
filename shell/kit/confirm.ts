// The confirm dialog for an area's irreversible or heavy steps; each area passes its own words.
import { ElMessageBox } from 'element-plus';

export interface ConfirmWords {
  title: string;
  ok: string;
  cancel: string;
}

/** True when confirmed. `danger` makes the dialog a warning and the OK button red. */
export async function confirmDialog(message: string, words: ConfirmWords, danger = false): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, words.title, {
      confirmButtonText: words.ok,
      cancelButtonText: words.cancel,
      type: danger ? 'warning' : 'info',
      confirmButtonClass: danger ? 'el-button--danger' : '',
    });
    return true;
  } catch {
    return false;
  }
}
