// 单位管理 texts in both languages (merged into the area's messages under `admin.units`).
export const unitsMessages = {
  'zh-CN': {
    title: '单位管理',
    subtitle: '国家、归口管理单位、用人单位和部属高校',
    field: { name: '单位名称', kind: '单位类型', creditCode: '统一社会信用代码', province: '所在省份' },
    placeholder: {
      name: '请输入单位名称',
      kind: '请选择单位类型',
      creditCode: '请输入统一社会信用代码',
      province: '请输入省份',
    },
  },
  'en-US': {
    title: 'Units',
    subtitle: 'National, supervising, employer units and ministry universities',
    field: { name: 'Unit name', kind: 'Kind', creditCode: 'Unified social credit code', province: 'Province' },
    placeholder: {
      name: 'Unit name',
      kind: 'Choose a kind',
      creditCode: 'Credit code',
      province: 'Province',
    },
  },
};
