/** The words the generated petitions, notes and answers are made of, and the station's places and people. */
import type { Category } from '../../contract/views'
import type { Rng } from '../../electron/core/demo/random'

export function petitionText(rng: Rng, place: string, category: Category): string {
  const phrase = rng.pick(category.phrases)
  const parts = [`${place}${rng.pick(OPENINGS)}${phrase}的问题，`, rng.pick(DETAILS)]
  if (rng.chance(0.5)) parts.push(rng.pick(DETAILS))
  if (rng.chance(0.3)) parts.push(rng.pick(DETAILS))
  parts.push(rng.pick(CLOSINGS))
  return parts.join('')
}

const OPENINGS = ['有', '一直存在', '最近出现了', '反映', '群众普遍关心', '老人们说起']
const DETAILS = [
  '已经持续两个多月，附近居民出行很不方便。',
  '去年反映过一次，当时说会处理，到现在还没有结果。',
  '村里的老人和孩子比较多，存在安全隐患。',
  '雨天更加严重，晚上看不清路，有人摔倒过。',
  '涉及十几户人家，大家意见比较大。',
  '村委会说需要镇里协调，希望代表帮忙反映。',
  '影响到正常的生产生活，希望尽快解决。',
  '我们自己想办法修过，但解决不了根本问题。',
  '听说有相关政策，但不清楚怎么申请。',
  '希望有关部门派人来现场看一看。',
]
const CLOSINGS = ['谢谢！', '希望尽快答复。', '麻烦代表费心。', '', '盼回复。']
export const NOTES = [
  '已电话联系群众，了解详细情况。',
  '已到现场查看，情况属实。',
  '已与村委会沟通，村里正在协调。',
  '代表已接待群众，记录了具体诉求。',
  '回访：群众表示问题已基本解决。',
  '已将材料转交镇政府相关办公室。',
  '群众补充了照片材料。',
]
export const SUPERVISIONS = [
  '请承办单位抓紧办理，按期答复。',
  '即将超期，请尽快办理。',
  '已超期，请说明情况。',
]
export const ANSWERS = [
  '经现场核实，已安排施工队维修，预计本月底完成。',
  '已协调供水公司检修管道，现已恢复正常供水。',
  '已纳入明年的建设计划，届时统一实施。',
  '经调解，双方已达成一致意见。',
  '已向群众解释相关政策，并指导办理申请手续。',
  '该问题属于县级部门职责，已协调相关部门处理完毕。',
]
export const SUMMARIES = ['已答复群众，办结。', '问题已解决，群众满意。', '按期答复，办结归档。']
export const REASONS = [
  '需要协调多个部门',
  '涉及资金审批',
  '群众对答复不满意',
  '需要上级部门处理',
  '现场情况复杂',
]
export const DEPARTMENTS = [
  '镇政府',
  '县交通运输局',
  '县水利局',
  '县住建局',
  '县人社局',
  '县供电公司',
  '镇综治中心',
]
export const VILLAGE_NAMES = [
  '东关村',
  '西关村',
  '南街村',
  '北街村',
  '李庄村',
  '王楼村',
  '张营村',
  '刘堂村',
  '陈集村',
  '孙庄村',
  '杨湾村',
  '赵店村',
]
export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '欧阳']
export const GIVEN_NAMES = [
  '秀英',
  '建国',
  '桂兰',
  '志强',
  '玉梅',
  '卫东',
  '丽',
  '军',
  '海燕',
  '国庆',
  '淑珍',
  '磊',
]
export const REPRESENTATIVES: readonly (readonly [
  string,
  string,
  'county' | 'township',
  string,
  readonly string[],
])[] = [
  ['张振华', 'zhang zhen hua', 'county', '农民', ['农业农村', '基层治理']],
  ['李桂芳', 'li gui fang', 'county', '教师', ['教育卫生']],
  ['王德明', 'wang de ming', 'township', '个体工商户', ['先进制造业', '城乡建设']],
  ['刘爱民', 'liu ai min', 'township', '村干部', ['基层治理', '城乡建设']],
  ['陈淑兰', 'chen shu lan', 'county', '医生', ['教育卫生', '社会保障']],
  ['杨建军', 'yang jian jun', 'township', '企业职工', ['先进制造业']],
  ['赵玉珍', 'zhao yu zhen', 'township', '农民', ['农业农村', '生态环境']],
  ['孙立新', 'sun li xin', 'county', '律师', ['基层治理', '社会保障']],
]
