// Password reset by an administrator (问题七): a supervising unit resets its employer users' legacy passwords,
// technical support those of supervising units. The gateway does it because it owns the credentials; the
// person sets the new password on the ordinary reset page with the code the SMS brings.
import { CommonErrors, type Db, defineErrors, type Identity, type Logger, maskPhone, requireObjectId, writeAudit } from '@wgzj/gateway/kit';
import { accountInReach, accountReachOf } from '@wgzj/gateway/kit/account-reach';
import { ISSUED_CODE_HOURS, type LegacyCredentials } from '../legacy/credentials.ts';
import type { SmsOutbox } from '../sms/outbox.ts';

export const AccountResetErrors = defineErrors({
  ACCOUNT_PORTAL_ONLY: {
    status: 409,
    'zh-CN': '该帐号只通过政务服务平台登录,在本系统没有原有帐号密码,无法在此重置;请本人在政务服务平台登录页使用“忘记密码”找回。',
    'en-US':
      'This account signs in only through the government service portal (政务服务平台) and has no password here to reset; the person must use "Forgot password" on the portal.',
  },
  ACCOUNT_NO_PHONE: {
    status: 409,
    'zh-CN': '该帐号没有绑定手机号,无法发送重置短信;请先为该用户补充手机号。',
    'en-US': 'The account has no mobile number, so no reset SMS can be sent; add the mobile number first.',
  },
});

export interface PasswordResetDeps {
  db: Db;
  credentials: LegacyCredentials;
  outbox: SmsOutbox;
  publicUrl: string;
  logger: Logger;
  /** The account's own mobile (admin area), for a legacy login bound to no phone. */
  accountMobile: (userId: string, requestId: string) => Promise<string | null>;
}

export function resetSms(logins: string[], code: string, publicUrl: string): string {
  return (
    `【外国专家项目管理信息系统】您的帐号 ${logins.join('、')} 的密码已由管理员重置,原密码已失效。验证码 ${code},` +
    `${ISSUED_CODE_HOURS}小时内有效。请访问 ${publicUrl.replace(/\/$/, '')}/auth/legacy/reset 输入帐号和验证码设置新密码。如有疑问请联系您的管理员。`
  );
}

/**
 * Resets the legacy password(s) of `userId` for `actor`: out of reach answers 404 (never says the account
 * exists), a role that looks after no accounts 403. Returns the masked number the SMS went to, nothing else.
 */
export async function resetPasswordByAdministrator(
  deps: PasswordResetDeps,
  actor: Identity,
  userId: string,
  meta: { requestId: string; clientIp?: string },
): Promise<{ sentTo: string }> {
  const reach = accountReachOf(actor);
  if (!reach) throw CommonErrors.FORBIDDEN();
  requireObjectId(userId);
  const { rows } = await deps.db.query<{ user_id: string; username: string; unit_kind: string; supervising_unit_id: string | null }>(
    'select user_id, username, unit_kind, supervising_unit_id from admin.account_directory where user_id = $1',
    [userId],
  );
  const target = rows[0];
  if (!target || !accountInReach(reach, { unitKind: target.unit_kind, supervisingUnitId: target.supervising_unit_id })) {
    throw CommonErrors.NOT_FOUND();
  }
  const logins = await deps.credentials.loginsOf(userId);
  if (!logins.length) throw AccountResetErrors.ACCOUNT_PORTAL_ONLY();
  const phone = logins.find((l) => l.phone)?.phone ?? (await deps.accountMobile(userId, meta.requestId));
  if (!phone) throw AccountResetErrors.ACCOUNT_NO_PHONE();
  const sentTo = maskPhone(phone);
  const names = logins.map((l) => l.login);
  await deps.db.transaction(async (tx) => {
    const code = await deps.credentials.issueReset(tx, names, actor.userId);
    await deps.outbox.enqueue(tx, phone, resetSms(names, code, deps.publicUrl), 'admin_password_reset');
    await writeAudit(tx, {
      actor,
      action: 'account.password_reset',
      objectType: 'user',
      objectId: userId,
      after: { username: target.username, logins: names, sentTo },
      requestId: meta.requestId,
      ...(meta.clientIp ? { clientIp: meta.clientIp } : {}),
    });
  });
  deps.logger.info({ event: 'account_password_reset', actor: actor.userId, target: userId, requestId: meta.requestId }, 'password reset by an administrator');
  return { sentTo };
}
