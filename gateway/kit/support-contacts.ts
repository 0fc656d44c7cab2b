// Who to call when the system does not let someone in, as the original system's pages name them. Browser-safe (no
// imports): the gateway's own pages and the shell's footer show the same contacts and the same browser advice.
export const SUPPORT_CONTACTS = {
  /** 技术支持QQ */
  qq: ['1075477985', '1516849328'],
  /** 外国专家项目管理信息系统 technical support */
  phone: '010-58235529',
  /** 政务服务平台: real-name verification, portal accounts */
  portalPhone: '010-88659000',
} as const;

type Locale = 'zh-CN' | 'en-US';

/** The footer line of every page: the supported browsers and the support contacts. */
export function supportFooter(locale: Locale): { browsers: string; contacts: string } {
  const { qq, phone, portalPhone } = SUPPORT_CONTACTS;
  return locale === 'zh-CN'
    ? {
        browsers: '推荐使用谷歌浏览器、360 浏览器极速模式',
        contacts: `技术支持 QQ:${qq.join(' ')} · 电话:${phone}(外国专家项目管理信息系统) ${portalPhone}(政务服务平台)`,
      }
    : {
        browsers: 'Use Google Chrome, or 360 Browser in its fast (Chromium) mode',
        contacts: `Technical support QQ: ${qq.join(' ')} · Phone: ${phone} (this system), ${portalPhone} (government service portal)`,
      };
}
