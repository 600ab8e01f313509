/**
 * The departments Open311 may name in `agency_responsible`. A department is free text typed by station or
 * county staff, and text can name a person (转张秀英处, 请张秀英到站): a shape test on its last character
 * lets those through, since 处 站 所 科 办 are ordinary words too. So only a known office is published: a
 * county government department (县水利局, or 水利局 alone) or a township office (派出所), optionally after
 * the name of the petition's township (王楼镇派出所). Anything else is left out and the level's agency
 * stands in. A list the county keeps itself (and the console's 转办 offers) would replace this one.
 */

/** County government departments, without the leading 县. */
const COUNTY_DEPARTMENTS: readonly string[] = [
  '人民政府',
  '人民政府办公室',
  '政府办公室',
  '发展和改革委员会',
  '发展和改革局',
  '教育局',
  '教育体育局',
  '科学技术局',
  '工业和信息化局',
  '科技和工业信息化局',
  '公安局',
  '民政局',
  '司法局',
  '财政局',
  '人力资源和社会保障局',
  '自然资源局',
  '自然资源和规划局',
  '生态环境局',
  '住房和城乡建设局',
  '交通运输局',
  '水利局',
  '农业农村局',
  '商务局',
  '文化和旅游局',
  '文化广电和旅游局',
  '卫生健康委员会',
  '卫生健康局',
  '退役军人事务局',
  '应急管理局',
  '审计局',
  '市场监督管理局',
  '统计局',
  '医疗保障局',
  '城市管理局',
  '城市管理综合执法局',
  '综合行政执法局',
  '林业局',
  '信访局',
  '乡村振兴局',
  '行政审批服务局',
  '数据局',
  '税务局',
  '人民医院',
  '中医院',
  '疾病预防控制中心',
  '融媒体中心',
  '供电公司',
  '自来水公司',
  '公路管理局',
  '住房公积金管理中心',
  '残疾人联合会',
  '妇女联合会',
  '总工会',
  '团委',
]

/** Offices of a township (镇 乡 街道) and the services in it, as staff name them. */
const TOWNSHIP_OFFICES: readonly string[] = [
  '镇政府',
  '乡政府',
  '人民政府',
  '政府',
  '街道办事处',
  '党政办',
  '党政办公室',
  '派出所',
  '供电所',
  '卫生院',
  '财政所',
  '司法所',
  '国土所',
  '自然资源所',
  '市场监管所',
  '税务所',
  '水利站',
  '农技站',
  '兽医站',
  '文化站',
  '农业服务中心',
  '便民服务中心',
  '退役军人服务站',
  '城建办',
  '规划建设办',
  '乡村建设办',
  '社会事务办',
  '经济发展办',
  '应急管理办',
  '综合执法队',
  '综合行政执法队',
  '中心学校',
]

const KNOWN: ReadonlySet<string> = new Set([
  ...COUNTY_DEPARTMENTS,
  ...COUNTY_DEPARTMENTS.map((d) => `县${d}`),
  ...TOWNSHIP_OFFICES,
])
const OFFICES: ReadonlySet<string> = new Set(TOWNSHIP_OFFICES)

/** The department as published, or null when it is not a known office. */
export function publicDepartment(department: string | null, township: string | null): string | null {
  if (department === null) return null
  const name = department.trim()
  if (KNOWN.has(name)) return name
  if (township && name.startsWith(township) && OFFICES.has(name.slice(township.length))) return name
  return null
}
