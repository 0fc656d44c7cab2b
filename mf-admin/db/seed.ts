// Demo organisations and accounts; the usernames match the dev portal's seeded accounts.
import type { Db } from '@wgzj/gateway/kit';

export const DEMO_UNITS = {
  national: { name: '科学技术部外国专家服务司', kind: 'national', creditCode: '11100000000014023J', province: '110000' },
  supervisingBeijing: { name: '北京市科学技术委员会', kind: 'supervising', creditCode: '11110000000021231Y', province: '110000' },
  employer: { name: '北京示例大学', kind: 'employer', creditCode: '121100004000018622', province: '110000' },
  ministryUniversity: { name: '示例部属大学', kind: 'ministry_university', creditCode: '121000004000117532', province: '110000' },
  pendingEmployer: { name: '北京新锐科技有限公司', kind: 'employer', creditCode: '91110108MA0000001D', province: '110000' },
} as const;

type UnitKey = keyof typeof DEMO_UNITS;

const DEMO_USERS: Array<{ username: string; displayName: string; role: string; unit: UnitKey }> = [
  { username: 'employer_handler', displayName: '张伟', role: 'employer_handler', unit: 'employer' },
  { username: 'employer_admin', displayName: '李娜', role: 'employer_admin', unit: 'employer' },
  { username: 'ministry_univ', displayName: '王芳', role: 'employer_handler', unit: 'ministryUniversity' },
  { username: 'supervisor_bj', displayName: '刘洋', role: 'supervising_user', unit: 'supervisingBeijing' },
  { username: 'national_admin', displayName: '陈静', role: 'national_admin', unit: 'national' },
  { username: 'support', displayName: '赵磊', role: 'support', unit: 'national' },
];

const DEMO_NOTICES = [
  {
    title: '关于开展2027年度外国专家项目申报工作的通知',
    body: '各归口管理单位、用人单位:2027年度外国专家项目申报工作现已启动,请于规定时间内通过本系统提交项目计划。',
    daysAgo: 2,
  },
  {
    title: '外国专家项目管理信息系统接入政务服务平台的说明',
    body: '本系统已集成纳入科技部统一的政务服务平台,请选择自然人登录;原有帐号登录不成功时,可在帐号前增加 WGZJXM_ 重试。',
    daysAgo: 10,
  },
  { title: '2026年度总结报告填报提醒', body: '请各归口管理单位和部属高校按时提交年度总结报告。', daysAgo: 30 },
];

export async function seedAdmin(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const ids = {} as Record<UnitKey, string>;
    const order: UnitKey[] = ['national', 'supervisingBeijing', 'employer', 'ministryUniversity', 'pendingEmployer'];
    for (const key of order) {
      const unit = DEMO_UNITS[key];
      const supervising = unit.kind === 'employer' ? ids.supervisingBeijing : null;
      const status = key === 'pendingEmployer' ? 'pending_review' : 'active';
      const { rows } = await tx.query<{ id: string }>(
        `insert into admin.units (name, kind, credit_code, province_code, supervising_unit_id, status)
         values ($1, $2, $3, $4, $5, $6) returning id`,
        [unit.name, unit.kind, unit.creditCode, unit.province, supervising, status],
      );
      ids[key] = rows[0]!.id;
    }
    for (const user of DEMO_USERS) {
      await tx.query('insert into admin.users (username, display_name, role, unit_id) values ($1, $2, $3, $4)', [
        user.username,
        user.displayName,
        user.role,
        ids[user.unit],
      ]);
    }
    for (const notice of DEMO_NOTICES) {
      await tx.query(`insert into admin.notices (title, body, published_at) values ($1, $2, now() - make_interval(days => $3))`, [
        notice.title,
        notice.body,
        notice.daysAgo,
      ]);
    }
  });
}
