// Demo organisations and accounts; the usernames and phone numbers match the dev portal's seeded accounts.
// A second province (上海) gives every role something outside its data scope. The rows are written through the unit,
// user and notice repositories (no actor, no audit record: nobody did this).
import type { Db, SeedContext } from '@wgzj/gateway/kit';
import { insertNotice } from '../api/services/notices.ts';
import { insertUnit } from '../api/services/units.ts';
import { insertUser } from '../api/services/users.ts';

interface DemoUnit {
  name: string;
  kind: 'national' | 'supervising' | 'employer' | 'ministry_university';
  creditCode: string;
  province: string;
  address: string;
  contact: [name: string, phone: string, email: string];
  /** The key of its supervising unit in DEMO_UNITS. */
  supervisedBy?: string;
  registration?: 'draft' | 'supervising_review';
}

export const DEMO_UNITS = {
  national: {
    name: '科学技术部外国专家服务司', kind: 'national', creditCode: '11100000000014023J', province: '110000',
    address: '北京市海淀区复兴路乙15号', contact: ['陈静', '010-58881234', 'wzs@most.example.com'],
  },
  supervisingBeijing: {
    name: '北京市科学技术委员会', kind: 'supervising', creditCode: '11110000000021231Y', province: '110000',
    address: '北京市西城区西直门南大街16号', contact: ['刘洋', '010-66151234', 'wzc@kw.example.com'],
  },
  employer: {
    name: '北京示例大学', kind: 'employer', creditCode: '121100004000018622', province: '110000',
    address: '北京市海淀区学院路37号', contact: ['李娜', '010-82311234', 'gjc@bjsl-univ.example.com'], supervisedBy: 'supervisingBeijing',
  },
  ministryUniversity: {
    name: '示例部属大学', kind: 'ministry_university', creditCode: '121000004000117532', province: '110000',
    address: '北京市海淀区中关村大街59号', contact: ['王芳', '010-62511234', 'wsc@bsdx.example.com'],
  },
  pendingEmployer: {
    name: '北京新锐科技有限公司', kind: 'employer', creditCode: '91110108MA0000001D', province: '110000',
    address: '北京市海淀区中关村软件园8号', contact: ['钱进', '13911112222', 'hr@xinrui.example.com'],
    supervisedBy: 'supervisingBeijing', registration: 'supervising_review',
  },
  supervisingShanghai: {
    name: '上海市科学技术委员会', kind: 'supervising', creditCode: '113100000000135791', province: '310000',
    address: '上海市徐汇区钦州路100号', contact: ['孙敏', '021-53081234', 'wzc@stcsm.example.com'],
  },
  employerShanghai: {
    name: '上海示例研究院', kind: 'employer', creditCode: '91310115MA1K000029', province: '310000',
    address: '上海市浦东新区张江路18号', contact: ['周明', '021-50801234', 'hr@shyjy.example.com'], supervisedBy: 'supervisingShanghai',
  },
  draftMinistryUniversity: {
    name: '示例理工大学', kind: 'ministry_university', creditCode: '121000004000024681', province: '110000',
    address: '北京市海淀区北三环西路', contact: ['吴刚', '010-68911234', 'gjc@sllg.example.com'], registration: 'draft',
  },
} as const satisfies Record<string, DemoUnit>;

type UnitKey = keyof typeof DEMO_UNITS;

interface DemoUser {
  username: string;
  displayName: string;
  role: string;
  unit: UnitKey;
  mobile: string;
  email: string;
  idNumber: string;
  review?: 'pending';
}

const DEMO_USERS: DemoUser[] = [
  { username: 'employer_handler', displayName: '张伟', role: 'employer_handler', unit: 'employer', mobile: '13910000001', email: 'zhangwei@bjsl-univ.example.com', idNumber: '110105198503122413' },
  { username: 'employer_admin', displayName: '李娜', role: 'employer_admin', unit: 'employer', mobile: '13910000002', email: 'lina@bjsl-univ.example.com', idNumber: '110108198807261622' },
  { username: 'ministry_univ', displayName: '王芳', role: 'employer_handler', unit: 'ministryUniversity', mobile: '15810000003', email: 'wangfang@bsdx.example.com', idNumber: '110102199001153020' },
  { username: 'supervisor_bj', displayName: '刘洋', role: 'supervising_user', unit: 'supervisingBeijing', mobile: '18610000004', email: 'liuyang@kw.example.com', idNumber: '110101198209084537' },
  { username: 'national_admin', displayName: '陈静', role: 'national_admin', unit: 'national', mobile: '13810000005', email: 'chenjing@most.example.com', idNumber: '110106197911212647' },
  { username: 'support', displayName: '赵磊', role: 'support', unit: 'national', mobile: '13810000006', email: 'zhaolei@most.example.com', idNumber: '110105198706043715' },
  // An expert reviewer (评审专家) of the national pool: known here, the portal grants nothing.
  { username: 'reviewer', displayName: '黄海', role: 'expert_reviewer', unit: 'national', mobile: '13810000007', email: 'huanghai@review.example.com', idNumber: '110108197603150029' },
  // Not portal accounts: people of the other province, and a handler waiting for 用户审核.
  { username: 'supervisor_sh', displayName: '孙敏', role: 'supervising_user', unit: 'supervisingShanghai', mobile: '13610000021', email: 'sunmin@stcsm.example.com', idNumber: '310104198805120035' },
  { username: 'employer_sh', displayName: '周明', role: 'employer_admin', unit: 'employerShanghai', mobile: '13610000022', email: 'zhouming@shyjy.example.com', idNumber: '310115199207040055' },
  { username: 'new_handler', displayName: '马丽', role: 'employer_handler', unit: 'employer', mobile: '13610000023', email: 'mali@bjsl-univ.example.com', idNumber: '110108199503010044', review: 'pending' },
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

export async function seedAdmin(db: Db, { cipher }: SeedContext): Promise<void> {
  await db.transaction(async (tx) => {
    const ids = {} as Record<UnitKey, string>;
    // Supervising units first, so employer units can point at them.
    const order = (Object.keys(DEMO_UNITS) as UnitKey[]).sort(
      (a, b) => Number('supervisedBy' in DEMO_UNITS[a]) - Number('supervisedBy' in DEMO_UNITS[b]),
    );
    for (const key of order) {
      const unit: DemoUnit = DEMO_UNITS[key];
      const registration = unit.registration ?? 'approved';
      ids[key] = await insertUnit(tx, {
        name: unit.name,
        kind: unit.kind,
        creditCode: unit.creditCode,
        province: unit.province,
        address: unit.address,
        contact: unit.contact,
        supervisingUnitId: unit.supervisedBy ? ids[unit.supervisedBy as UnitKey] : null,
        status: registration === 'approved' ? 'active' : 'pending_review',
        registrationState: registration,
        submittedAt: registration === 'supervising_review' ? new Date(Date.now() - 86_400_000) : null,
      });
    }
    for (const user of DEMO_USERS) {
      const pending = user.review === 'pending';
      await insertUser(tx, cipher, {
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        unitId: ids[user.unit],
        mobile: user.mobile,
        idNumber: user.idNumber,
        email: user.email,
        status: pending ? 'pending_review' : 'active',
        reviewState: pending ? 'pending' : 'approved',
      });
    }
    for (const notice of DEMO_NOTICES) await insertNotice(tx, notice);
  });
}
