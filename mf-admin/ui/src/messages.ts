// 系统管理 texts in both languages.
import { diagnosticsMessages } from './diagnostics/messages.ts';

export const messages = {
  'zh-CN': {
    admin: {
      menu: { units: '单位管理', notices: '通知公告', diagnostics: '网关诊断' },
      units: {
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
      notices: {
        title: '通知公告',
        subtitle: '面向全部用户发布的通知',
        field: { title: '标题', publishedAt: '发布时间' },
        placeholder: { title: '请输入标题关键字' },
      },
      diagnostics: diagnosticsMessages['zh-CN'],
    },
  },
  'en-US': {
    admin: {
      menu: { units: 'Units', notices: 'Notices', diagnostics: 'Gateway diagnostics' },
      units: {
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
      notices: {
        title: 'Notices',
        subtitle: 'Notices published to all users',
        field: { title: 'Title', publishedAt: 'Published' },
        placeholder: { title: 'Words in the title' },
      },
      diagnostics: diagnosticsMessages['en-US'],
    },
  },
};
