// What the supervising-unit API answers (mf-admin/api/supervising-units.ts), the form's shape, and the colour
// of each sync state.
export type OverallSyncState = 'synced' | 'syncing' | 'failed' | 'none';
export type RowSyncState = 'pending' | 'sent' | 'failed';

export interface SupervisingUnitRow {
  id: string;
  name: string;
  creditCode: string;
  province: string | null;
  provinceName: string | null;
  status: string;
  createdAt: string | null;
  accountCount: number;
  syncState: OverallSyncState;
}

export interface SyncRecord {
  id: string;
  kind: 'unit' | 'account';
  userId: string | null;
  username: string | null;
  state: RowSyncState;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SupervisingUnitDetail {
  id: string;
  name: string;
  creditCode: string;
  province: string | null;
  provinceName: string | null;
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  status: string;
  createdAt: string | null;
  syncState: OverallSyncState;
  accounts: Array<{
    id: string;
    username: string;
    displayName: string;
    mobileMasked: string | null;
    email: string | null;
    status: string;
    createdAt: string | null;
    syncState: RowSyncState | null;
  }>;
  sync: SyncRecord[];
}

export interface AccountForm {
  username: string;
  displayName: string;
  mobile: string;
  email: string;
  idNumber: string;
}

export interface SupervisingUnitForm {
  name: string;
  creditCode: string;
  province: string;
  address: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  accounts: AccountForm[];
}

export const emptyAccount = (): AccountForm => ({ username: '', displayName: '', mobile: '', email: '', idNumber: '' });

export const emptyUnitForm = (): SupervisingUnitForm => ({
  name: '',
  creditCode: '',
  province: '',
  address: '',
  contactName: '',
  contactPhone: '',
  contactEmail: '',
  accounts: [emptyAccount()],
});

export const SYNC_TAG: Record<OverallSyncState | RowSyncState, 'success' | 'warning' | 'danger' | 'info'> = {
  synced: 'success',
  sent: 'success',
  syncing: 'warning',
  pending: 'warning',
  failed: 'danger',
  none: 'info',
};
