import type { Level } from './petition/types'

/**
 * The categories a new station starts with (staff can change them later). Time limits are working days;
 * `specialty` matches representatives' specialties so the kiosk can name who will receive a petition.
 */
export interface CategorySeed {
  readonly id: string
  readonly name: string
  readonly icon: string
  readonly defaultLevel: Level
  readonly timeLimitDays: number
  readonly needsIdNumber: boolean
  readonly specialty: string
  readonly phrases: readonly string[]
}

export const DEFAULT_CATEGORIES: readonly CategorySeed[] = [
  {
    id: 'roads',
    name: '道路交通',
    icon: 'road',
    defaultLevel: 'township',
    timeLimitDays: 10,
    needsIdNumber: false,
    specialty: '城乡建设',
    phrases: ['道路坑洼', '路面积水', '需要修路', '交通安全隐患', '公交不方便'],
  },
  {
    id: 'lights',
    name: '路灯照明',
    icon: 'light',
    defaultLevel: 'station',
    timeLimitDays: 3,
    needsIdNumber: false,
    specialty: '城乡建设',
    phrases: ['路灯不亮', '路灯损坏', '需要安装路灯'],
  },
  {
    id: 'water',
    name: '饮水供水',
    icon: 'water',
    defaultLevel: 'township',
    timeLimitDays: 10,
    needsIdNumber: false,
    specialty: '城乡建设',
    phrases: ['自来水停水', '水质变差', '水压太小', '水管漏水'],
  },
  {
    id: 'farming',
    name: '农业农村',
    icon: 'farm',
    defaultLevel: 'township',
    timeLimitDays: 10,
    needsIdNumber: false,
    specialty: '农业农村',
    phrases: ['土地流转', '农田灌溉', '种子化肥', '农产品销售'],
  },
  {
    id: 'social',
    name: '社保医保',
    icon: 'health',
    defaultLevel: 'township',
    timeLimitDays: 10,
    needsIdNumber: true,
    specialty: '社会保障',
    phrases: ['医疗保险', '养老保险', '低保申请', '报销问题'],
  },
  {
    id: 'environment',
    name: '环境卫生',
    icon: 'clean',
    defaultLevel: 'station',
    timeLimitDays: 5,
    needsIdNumber: false,
    specialty: '生态环境',
    phrases: ['垃圾清运', '污水排放', '噪音扰民', '秸秆焚烧'],
  },
  {
    id: 'enterprise',
    name: '企业发展',
    icon: 'factory',
    defaultLevel: 'township',
    timeLimitDays: 15,
    needsIdNumber: false,
    specialty: '先进制造业',
    phrases: ['用工招聘', '物流运输', '融资贷款', '用电用地'],
  },
  {
    id: 'dispute',
    name: '矛盾纠纷',
    icon: 'handshake',
    defaultLevel: 'station',
    timeLimitDays: 5,
    needsIdNumber: false,
    specialty: '基层治理',
    phrases: ['邻里纠纷', '宅基地纠纷', '拖欠工资', '家庭矛盾'],
  },
  {
    id: 'education',
    name: '教育医疗',
    icon: 'school',
    defaultLevel: 'township',
    timeLimitDays: 15,
    needsIdNumber: false,
    specialty: '教育卫生',
    phrases: ['上学问题', '校车接送', '看病难', '村卫生室'],
  },
  {
    id: 'housing',
    name: '住房土地',
    icon: 'house',
    defaultLevel: 'township',
    timeLimitDays: 15,
    needsIdNumber: true,
    specialty: '城乡建设',
    phrases: ['危房改造', '宅基地审批', '土地确权', '拆迁补偿'],
  },
  {
    id: 'suggestion',
    name: '意见建议',
    icon: 'idea',
    defaultLevel: 'station',
    timeLimitDays: 10,
    needsIdNumber: false,
    specialty: '基层治理',
    phrases: ['对政府工作的建议', '对代表工作的建议', '村务公开'],
  },
  {
    id: 'other',
    name: '其他事项',
    icon: 'more',
    defaultLevel: 'station',
    timeLimitDays: 10,
    needsIdNumber: false,
    specialty: '基层治理',
    phrases: ['咨询政策', '其他问题'],
  },
]
