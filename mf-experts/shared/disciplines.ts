// Experts are classified by the 2022 national graduate discipline catalogue (categories and first-level disciplines only), so records, search filters and spreadsheet imports share one set of codes.

export interface Discipline {
  code: string;
  'zh-CN': string;
  'en-US': string;
  children?: Discipline[];
}

type Entry = readonly [code: string, zh: string, en: string];

function category(code: string, zh: string, en: string, children: readonly Entry[]): Discipline {
  return {
    code,
    'zh-CN': zh,
    'en-US': en,
    children: children.map(([c, z, e]) => ({ code: c, 'zh-CN': z, 'en-US': e })),
  };
}

// Professional-degree categories (the x5x codes) are left out on purpose: they describe degree
// programmes, not research fields, and an expert's field is what reviewers filter on.
export const DISCIPLINES: readonly Discipline[] = Object.freeze([
  category('01', '哲学', 'Philosophy', [['0101', '哲学', 'Philosophy']]),
  category('02', '经济学', 'Economics', [
    ['0201', '理论经济学', 'Theoretical Economics'],
    ['0202', '应用经济学', 'Applied Economics'],
  ]),
  category('03', '法学', 'Law', [
    ['0301', '法学', 'Law'],
    ['0302', '政治学', 'Political Science'],
    ['0303', '社会学', 'Sociology'],
    ['0304', '民族学', 'Ethnology'],
    ['0305', '马克思主义理论', 'Marxist Theory'],
    ['0306', '公安学', 'Public Security Studies'],
    ['0307', '中共党史党建学', 'CPC History and Party Building'],
    ['0308', '纪检监察学', 'Discipline Inspection and Supervision'],
  ]),
  category('04', '教育学', 'Education', [
    ['0401', '教育学', 'Education'],
    ['0402', '心理学', 'Psychology'],
    ['0403', '体育学', 'Sport Science'],
  ]),
  category('05', '文学', 'Literature', [
    ['0501', '中国语言文学', 'Chinese Language and Literature'],
    ['0502', '外国语言文学', 'Foreign Languages and Literatures'],
    ['0503', '新闻传播学', 'Journalism and Communication'],
  ]),
  category('06', '历史学', 'History', [
    ['0601', '考古学', 'Archaeology'],
    ['0602', '中国史', 'Chinese History'],
    ['0603', '世界史', 'World History'],
  ]),
  category('07', '理学', 'Science', [
    ['0701', '数学', 'Mathematics'],
    ['0702', '物理学', 'Physics'],
    ['0703', '化学', 'Chemistry'],
    ['0704', '天文学', 'Astronomy'],
    ['0705', '地理学', 'Geography'],
    ['0706', '大气科学', 'Atmospheric Sciences'],
    ['0707', '海洋科学', 'Marine Sciences'],
    ['0708', '地球物理学', 'Geophysics'],
    ['0709', '地质学', 'Geology'],
    ['0710', '生物学', 'Biology'],
    ['0711', '系统科学', 'Systems Science'],
    ['0712', '科学技术史', 'History of Science and Technology'],
    ['0713', '生态学', 'Ecology'],
    ['0714', '统计学', 'Statistics'],
  ]),
  category('08', '工学', 'Engineering', [
    ['0801', '力学', 'Mechanics'],
    ['0802', '机械工程', 'Mechanical Engineering'],
    ['0803', '光学工程', 'Optical Engineering'],
    ['0804', '仪器科学与技术', 'Instrument Science and Technology'],
    ['0805', '材料科学与工程', 'Materials Science and Engineering'],
    ['0806', '冶金工程', 'Metallurgical Engineering'],
    ['0807', '动力工程及工程热物理', 'Power Engineering and Engineering Thermophysics'],
    ['0808', '电气工程', 'Electrical Engineering'],
    ['0809', '电子科学与技术', 'Electronic Science and Technology'],
    ['0810', '信息与通信工程', 'Information and Communication Engineering'],
    ['0811', '控制科学与工程', 'Control Science and Engineering'],
    ['0812', '计算机科学与技术', 'Computer Science and Technology'],
    ['0813', '建筑学', 'Architecture'],
    ['0814', '土木工程', 'Civil Engineering'],
    ['0815', '水利工程', 'Hydraulic Engineering'],
    ['0816', '测绘科学与技术', 'Surveying and Mapping'],
    ['0817', '化学工程与技术', 'Chemical Engineering and Technology'],
    ['0818', '地质资源与地质工程', 'Geological Resources and Geological Engineering'],
    ['0819', '矿业工程', 'Mining Engineering'],
    ['0820', '石油与天然气工程', 'Petroleum and Natural Gas Engineering'],
    ['0821', '纺织科学与工程', 'Textile Science and Engineering'],
    ['0822', '轻工技术与工程', 'Light Industry Technology and Engineering'],
    ['0823', '交通运输工程', 'Transportation Engineering'],
    ['0824', '船舶与海洋工程', 'Naval Architecture and Ocean Engineering'],
    ['0825', '航空宇航科学与技术', 'Aeronautical and Astronautical Science and Technology'],
    ['0826', '兵器科学与技术', 'Armament Science and Technology'],
    ['0827', '核科学与技术', 'Nuclear Science and Technology'],
    ['0828', '农业工程', 'Agricultural Engineering'],
    ['0829', '林业工程', 'Forestry Engineering'],
    ['0830', '环境科学与工程', 'Environmental Science and Engineering'],
    ['0831', '生物医学工程', 'Biomedical Engineering'],
    ['0832', '食品科学与工程', 'Food Science and Engineering'],
    ['0833', '城乡规划学', 'Urban and Rural Planning'],
    // 0834 (landscape architecture) became a professional degree in 2022, hence the gap.
    ['0835', '软件工程', 'Software Engineering'],
    ['0836', '生物工程', 'Bioengineering'],
    ['0837', '安全科学与工程', 'Safety Science and Engineering'],
    ['0838', '公安技术', 'Public Security Technology'],
    ['0839', '网络空间安全', 'Cyberspace Security'],
  ]),
  category('09', '农学', 'Agriculture', [
    ['0901', '作物学', 'Crop Science'],
    ['0902', '园艺学', 'Horticulture'],
    ['0903', '农业资源与环境', 'Agricultural Resources and Environment'],
    ['0904', '植物保护', 'Plant Protection'],
    ['0905', '畜牧学', 'Animal Science'],
    ['0906', '兽医学', 'Veterinary Medicine'],
    ['0907', '林学', 'Forestry'],
    ['0908', '水产', 'Fisheries'],
    ['0909', '草学', 'Grassland Science'],
    ['0910', '水土保持与荒漠化防治学', 'Soil and Water Conservation and Desertification Control'],
  ]),
  category('10', '医学', 'Medicine', [
    ['1001', '基础医学', 'Basic Medicine'],
    ['1002', '临床医学', 'Clinical Medicine'],
    ['1003', '口腔医学', 'Stomatology'],
    ['1004', '公共卫生与预防医学', 'Public Health and Preventive Medicine'],
    ['1005', '中医学', 'Traditional Chinese Medicine'],
    ['1006', '中西医结合', 'Integrated Traditional Chinese and Western Medicine'],
    ['1007', '药学', 'Pharmaceutical Science'],
    ['1008', '中药学', 'Chinese Materia Medica'],
    ['1009', '特种医学', 'Special Medicine'],
    // 1010 (medical technology) became a professional degree in 2022, hence the gap.
    ['1011', '护理学', 'Nursing'],
    ['1012', '法医学', 'Forensic Medicine'],
  ]),
  category('11', '军事学', 'Military Science', [
    ['1101', '军事思想与军事历史', 'Military Thought and Military History'],
    ['1102', '战略学', 'Strategic Studies'],
    ['1103', '联合作战学', 'Joint Operations'],
    ['1104', '军兵种作战学', 'Service and Arms Operations'],
    ['1105', '军队指挥学', 'Military Command'],
    ['1106', '军队政治工作学', 'Military Political Work'],
    ['1107', '军事后勤学', 'Military Logistics'],
    ['1108', '军事装备学', 'Military Equipment Studies'],
    ['1109', '军事管理学', 'Military Management'],
    ['1110', '军事训练学', 'Military Training'],
    ['1111', '军事智能', 'Military Artificial Intelligence'],
  ]),
  category('12', '管理学', 'Management', [
    ['1201', '管理科学与工程', 'Management Science and Engineering'],
    ['1202', '工商管理学', 'Business Administration'],
    ['1203', '农林经济管理', 'Agricultural and Forestry Economics and Management'],
    ['1204', '公共管理学', 'Public Administration'],
    ['1205', '信息资源管理', 'Information Resources Management'],
  ]),
  category('13', '艺术学', 'Arts', [['1301', '艺术学', 'Art Studies']]),
  category('14', '交叉学科', 'Interdisciplinary Studies', [
    ['1401', '集成电路科学与工程', 'Integrated Circuit Science and Engineering'],
    ['1402', '国家安全学', 'National Security Studies'],
    ['1403', '设计学', 'Design'],
    ['1404', '遥感科学与技术', 'Remote Sensing Science and Technology'],
    ['1405', '智能科学与技术', 'Intelligence Science and Technology'],
    ['1406', '纳米科学与工程', 'Nanoscience and Nanoengineering'],
    ['1407', '区域国别学', 'Area Studies'],
  ]),
]);

const byCode = new Map<string, Discipline>();
const parentOf = new Map<string, Discipline>();
const byName = new Map<string, Discipline>();

for (const cat of DISCIPLINES) {
  byCode.set(cat.code, cat);
  for (const child of cat.children ?? []) {
    byCode.set(child.code, child);
    parentOf.set(child.code, cat);
  }
}

// Several categories share a name with their own first-level discipline (哲学, 法学, 教育学, 艺术学);
// someone typing that name into a spreadsheet almost always means the specific discipline, so
// first-level names are registered first and categories only claim names still free.
function registerName(key: string, node: Discipline): void {
  if (!byName.has(key)) byName.set(key, node);
}
for (const cat of DISCIPLINES) {
  for (const child of cat.children ?? []) {
    registerName(child['zh-CN'], child);
    registerName(child['en-US'].toLowerCase(), child);
  }
}
for (const cat of DISCIPLINES) {
  registerName(cat['zh-CN'], cat);
  registerName(cat['en-US'].toLowerCase(), cat);
}

export function findDiscipline(code: string): Discipline | undefined {
  return byCode.get(code);
}

export function isDisciplineCode(code: string): boolean {
  return byCode.has(code);
}

export function disciplinePath(code: string, locale: string): string {
  const node = byCode.get(code);
  if (!node) return code;
  const key = locale === 'en-US' ? 'en-US' : 'zh-CN';
  const parent = parentOf.get(code);
  return parent ? `${parent[key]} / ${node[key]}` : node[key];
}

export function disciplineByName(name: string): Discipline | undefined {
  // Spreadsheet cells often carry stray spaces; Chinese has no case, so lowercasing only affects English.
  const key = name.trim();
  return byName.get(key) ?? byName.get(key.toLowerCase());
}
