// Demo legacy accounts: one whose name collided with a portal account (hence WGZJXM_), one plain.
import type { Db } from '@wgzj/gateway/kit';
import type { LegacyCredentials } from './credentials.ts';

const DEMO_LEGACY = [
  { login: 'WGZJXM_zhangwei', opens: 'employer_handler', phone: '13910000001' },
  { login: 'liuyang', opens: 'supervisor_bj', phone: '18610000004' },
];

export async function seedLegacyAccounts(db: Db, credentials: LegacyCredentials): Promise<void> {
  for (const account of DEMO_LEGACY) {
    const { rows } = await db.query<{ user_id: string }>('select user_id from admin.account_directory where username = $1', [account.opens]);
    if (rows[0]) await credentials.setPassword(account.login, rows[0].user_id, 'Demo@2026', account.phone);
  }
}
