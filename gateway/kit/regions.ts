// Provincial-level administrative divisions, GB/T 2260 codes (the first two digits name the province).
export interface Province {
  code: string;
  'zh-CN': string;
  'en-US': string;
}

export const PROVINCES: readonly Province[] = [
  { code: '110000', 'zh-CN': '北京市', 'en-US': 'Beijing' },
  { code: '120000', 'zh-CN': '天津市', 'en-US': 'Tianjin' },
  { code: '130000', 'zh-CN': '河北省', 'en-US': 'Hebei' },
  { code: '140000', 'zh-CN': '山西省', 'en-US': 'Shanxi' },
  { code: '150000', 'zh-CN': '内蒙古自治区', 'en-US': 'Inner Mongolia' },
  { code: '210000', 'zh-CN': '辽宁省', 'en-US': 'Liaoning' },
  { code: '220000', 'zh-CN': '吉林省', 'en-US': 'Jilin' },
  { code: '230000', 'zh-CN': '黑龙江省', 'en-US': 'Heilongjiang' },
  { code: '310000', 'zh-CN': '上海市', 'en-US': 'Shanghai' },
  { code: '320000', 'zh-CN': '江苏省', 'en-US': 'Jiangsu' },
  { code: '330000', 'zh-CN': '浙江省', 'en-US': 'Zhejiang' },
  { code: '340000', 'zh-CN': '安徽省', 'en-US': 'Anhui' },
  { code: '350000', 'zh-CN': '福建省', 'en-US': 'Fujian' },
  { code: '360000', 'zh-CN': '江西省', 'en-US': 'Jiangxi' },
  { code: '370000', 'zh-CN': '山东省', 'en-US': 'Shandong' },
  { code: '410000', 'zh-CN': '河南省', 'en-US': 'Henan' },
  { code: '420000', 'zh-CN': '湖北省', 'en-US': 'Hubei' },
  { code: '430000', 'zh-CN': '湖南省', 'en-US': 'Hunan' },
  { code: '440000', 'zh-CN': '广东省', 'en-US': 'Guangdong' },
  { code: '450000', 'zh-CN': '广西壮族自治区', 'en-US': 'Guangxi' },
  { code: '460000', 'zh-CN': '海南省', 'en-US': 'Hainan' },
  { code: '500000', 'zh-CN': '重庆市', 'en-US': 'Chongqing' },
  { code: '510000', 'zh-CN': '四川省', 'en-US': 'Sichuan' },
  { code: '520000', 'zh-CN': '贵州省', 'en-US': 'Guizhou' },
  { code: '530000', 'zh-CN': '云南省', 'en-US': 'Yunnan' },
  { code: '540000', 'zh-CN': '西藏自治区', 'en-US': 'Tibet' },
  { code: '610000', 'zh-CN': '陕西省', 'en-US': 'Shaanxi' },
  { code: '620000', 'zh-CN': '甘肃省', 'en-US': 'Gansu' },
  { code: '630000', 'zh-CN': '青海省', 'en-US': 'Qinghai' },
  { code: '640000', 'zh-CN': '宁夏回族自治区', 'en-US': 'Ningxia' },
  { code: '650000', 'zh-CN': '新疆维吾尔自治区', 'en-US': 'Xinjiang' },
  { code: '710000', 'zh-CN': '台湾省', 'en-US': 'Taiwan' },
  { code: '810000', 'zh-CN': '香港特别行政区', 'en-US': 'Hong Kong' },
  { code: '820000', 'zh-CN': '澳门特别行政区', 'en-US': 'Macao' },
];

const BY_CODE = new Map(PROVINCES.map((p) => [p.code, p]));

export const isProvinceCode = (code: string): boolean => BY_CODE.has(code);

export const provinceName = (code: string | null, locale: 'zh-CN' | 'en-US'): string | null =>
  (code && BY_CODE.get(code)?.[locale]) ?? null;
