// The gateway's own error codes (those a module API can also raise live in the kit).
import { defineErrors } from '@wgzj/gateway/kit';

export const GatewayErrors = defineErrors({
  CSRF_FAILED: {
    status: 403,
    'zh-CN': '请求来源校验失败,请刷新页面后重试。',
    'en-US': 'The request failed the cross-site check; reload the page and try again.',
  },
  SESSION_STORE_UNAVAILABLE: {
    status: 503,
    'zh-CN': '会话服务暂时不可用,请稍后重试。您的登录状态不会丢失。',
    'en-US': 'The session service is temporarily unavailable; try again shortly. You stay signed in.',
  },
  AREA_UNKNOWN: { status: 404, 'zh-CN': '没有这个业务模块。', 'en-US': 'No such area.' },
  MODULE_UNAVAILABLE: {
    status: 503,
    'zh-CN': '该业务模块暂时不可用,请稍后重试。',
    'en-US': 'This area is temporarily unavailable; try again shortly.',
  },
});
