/**
 * Petition texts, answers and departments for the demo, per category of domain/categories.ts. `{v}` is a
 * village (its name ends in 村), `{t}` a township. Invented, in the tone residents and staff use.
 */
export interface CategoryTexts {
  readonly texts: readonly string[]
  readonly answers: readonly string[]
  /** What a representative on duty settles at once (当场解决); only for station-level categories. */
  readonly onSpot: readonly string[]
  readonly townshipDepartments: readonly string[]
  readonly countyDepartments: readonly string[]
}

export const CATEGORY_TEXTS: Record<string, CategoryTexts> = {
  roads: {
    texts: [
      '{v}村东头的生产路坑洼不平，下雨天积水，三轮车过不去',
      '{v}到镇上的公路有一段路面塌陷，晚上骑车容易摔倒',
      '{v}小学门口车辆多，希望设置减速带和斑马线',
      '{v}主街硬化后两边排水沟没修，雨后积水严重',
      '{t}到县城的公交车班次太少，老人进城看病不方便',
      '{v}桥头护栏损坏，存在交通安全隐患',
    ],
    answers: [
      '已协调{t}村镇建设办公室对坑洼路段进行修补，路面已恢复通行',
      '已在学校门口路段施划斑马线，安装减速带两处',
      '该路段已纳入今年农村公路提质改造计划，先行设置了警示标志',
      '经协调，早晚各增加一班城乡公交',
    ],
    onSpot: [],
    townshipDepartments: ['{t}村镇建设办公室'],
    countyDepartments: ['县交通运输局'],
  },
  lights: {
    texts: [
      '{v}村口路灯不亮，晚上出行不便',
      '{v}主街有三盏路灯损坏，夜里黑灯瞎火，老人孩子走路不安全',
      '{v}新修的文化广场没有路灯，晚上活动看不清',
      '{v}的路灯白天亮、晚上不亮，时控开关可能坏了',
      '{v}到{t}的路上没有路灯，希望安装太阳能路灯',
    ],
    answers: [
      '已安排电工更换损坏灯具，路灯已恢复照明',
      '已调整路灯时控开关，夜间恢复正常亮灯',
      '已申请安装太阳能路灯12盏，安装完毕并验收',
    ],
    onSpot: ['值班代表当场联系村委会电工，当天下午修复', '现场联系{t}供电所，约定次日上门维修'],
    townshipDepartments: ['{t}村镇建设办公室'],
    countyDepartments: ['县城市管理局'],
  },
  water: {
    texts: [
      '{v}最近自来水经常停水，也没有提前通知',
      '{v}自来水发黄有异味，群众不敢直接饮用',
      '{v}地势高的几户水压太小，早晚用水高峰接不上水',
      '{v}村西头主水管漏水，已经好几天了',
      '{v}的自来水管道老化，水质下降、供水异常',
    ],
    answers: [
      '已联系供水站抢修漏水管道，恢复正常供水',
      '已对水质进行检测并更换净水滤料，复检水质达标',
      '供水站已加装增压泵，高峰时段水压明显改善',
      '已协调水利部门现场勘察，争取上级资金更新铺设供水管网',
    ],
    onSpot: [],
    townshipDepartments: ['{t}水利站'],
    countyDepartments: ['县水利局'],
  },
  farming: {
    texts: [
      '{v}灌溉机井坏了，麦子浇不上水',
      '希望在{v}推行土地托管，外出务工家庭的地没人种',
      '{v}的农田排水沟淤堵，一下雨就淹地',
      '今年小麦良种补贴什么时候发放，{v}群众想了解政策',
      '{v}种的西瓜销路不好，希望帮助联系收购商',
      '{v}土地流转合同到期，租金标准有争议',
    ],
    answers: [
      '已协调农业服务中心维修机井，恢复灌溉',
      '已组织板凳议事会，与村民商定土地托管方案',
      '已安排对排水沟清淤，排涝恢复通畅',
      '已向群众解释补贴政策，补贴已发放到惠民一卡通',
      '已联系县电商服务中心对接收购商',
    ],
    onSpot: [],
    townshipDepartments: ['{t}农业服务中心'],
    countyDepartments: ['县农业农村局'],
  },
  social: {
    texts: [
      '老人在{v}参加了城乡居民医保，住院报销比例和政策宣传的不一样',
      '{v}的老人申请低保，材料交了两个月没有消息',
      '在外地务工缴纳的养老保险想转回来，不知道怎么办理',
      '{v}残疾人两项补贴没有按时发放',
      '慢性病门诊报销需要办理什么手续，{v}群众想了解',
    ],
    answers: [
      '已协调医保部门核对报销明细，差额已补发',
      '低保审核已加快办理，本月已纳入保障',
      '已告知养老保险关系转移接续流程，可在便民服务中心办理',
      '经核实为银行账户变更所致，补贴已补发',
    ],
    onSpot: [],
    townshipDepartments: ['{t}社会保障服务中心'],
    countyDepartments: ['县医疗保障局', '县人力资源和社会保障局'],
  },
  environment: {
    texts: [
      '{v}村头的垃圾堆了好几天没人清运',
      '{v}附近有小作坊往沟里排污水，气味很大',
      '{v}旁边的加工厂夜里噪音扰民',
      '{v}有人焚烧秸秆，烟很大',
      '{v}坑塘里漂满垃圾，夏天蚊蝇多',
    ],
    answers: [
      '已通知保洁公司清运，并增加清运频次',
      '已联合执法大队现场检查，责令作坊停产整改',
      '已约谈企业负责人，夜间十点后停止高噪音作业',
      '已组织清理坑塘垃圾，纳入人居环境整治长效管护',
    ],
    onSpot: ['代表现场联系村保洁员，当天清运完毕', '代表当场联系村干部，安排人员劝阻并清理'],
    townshipDepartments: ['{t}综合行政执法大队'],
    countyDepartments: ['市生态环境局范县分局'],
  },
  enterprise: {
    texts: [
      '园区企业反映招工难，希望帮助对接用工信息',
      '企业物流车辆进出园区的道路太窄，经常堵车',
      '小微企业贷款难，希望了解惠企政策',
      '厂区用电负荷不够，扩大生产需要增容',
      '{v}附近的企业希望协调办理建设用地手续',
    ],
    answers: [
      '已联合人社部门举办专场招聘会，帮助企业招聘工人86名',
      '已协调交通部门拓宽园区道路并优化车辆通行',
      '已组织银企对接会，企业获得贷款支持',
      '已协调供电公司完成增容',
    ],
    onSpot: [],
    townshipDepartments: ['{t}经济发展办公室'],
    countyDepartments: ['县工业和信息化局', '县发展和改革委员会'],
  },
  dispute: {
    texts: [
      '{v}邻居盖房占了我家宅基地，协商不成',
      '在{t}一处工地干活，工钱拖欠了三个月',
      '{v}两户因为排水问题发生矛盾',
      '{v}承包地边界有争议，想请代表帮忙调解',
    ],
    answers: [
      '经代表和村调委会调解，双方达成协议',
      '已协调劳动监察部门督促施工方支付拖欠工资',
      '已组织双方现场协商，重新确定排水走向',
    ],
    onSpot: ['值班代表当场调解，双方达成一致', '代表现场讲解政策，双方同意按协议执行'],
    townshipDepartments: ['{t}司法所'],
    countyDepartments: ['县司法局'],
  },
  education: {
    texts: [
      '{v}孩子上学路远，希望开通校车',
      '{v}卫生室缺少常用药品',
      '{t}中心学校附近上下学时段交通秩序乱',
      '{v}幼儿园收费标准希望公开',
      '到县医院看病挂号难，希望增加便民服务',
    ],
    answers: [
      '已协调教育部门调整校车线路，覆盖该村',
      '已协调卫生院为村卫生室补充常用药品',
      '已安排上下学时段交警和志愿者值守',
      '幼儿园已在公示栏公开收费标准',
    ],
    onSpot: [],
    townshipDepartments: ['{t}中心学校', '{t}卫生院'],
    countyDepartments: ['县教育局', '县卫生健康委员会'],
  },
  housing: {
    texts: [
      '{v}家里房屋年久失修，想申请危房改造',
      '{v}宅基地审批办了很久没有结果',
      '{v}土地确权证书上的面积和实际不符',
      '{v}修路占地的补偿款还没有到位',
    ],
    answers: [
      '经鉴定符合危房改造条件，已纳入今年改造计划',
      '宅基地审批手续已办结，证书已发放',
      '已安排重新测量，更正确权面积',
      '补偿款已拨付到户',
    ],
    onSpot: [],
    townshipDepartments: ['{t}自然资源所'],
    countyDepartments: ['县住房和城乡建设局', '县自然资源局'],
  },
  suggestion: {
    texts: [
      '建议在{v}建一个老年人日间照料中心',
      '建议村务公开栏按月更新，{v}已经半年没更新了',
      '建议代表定期到{v}走访，听听群众意见',
      '建议在{t}集市设置公共厕所',
    ],
    answers: [
      '建议已采纳，日间照料中心已列入明年民生实事',
      '已督促村委会按月更新村务公开栏',
      '已安排代表每月到村走访一次',
    ],
    onSpot: ['值班代表当场记录并答复，建议将提交镇人大主席团研究'],
    townshipDepartments: ['{t}党政办公室'],
    countyDepartments: ['县人民政府办公室'],
  },
  other: {
    texts: ['想咨询退役军人优待政策', '{v}有流浪犬伤人，希望处理', '咨询城乡居民医保缴费时间'],
    answers: ['已将相关政策告知群众', '已协调有关部门处置', '已电话答复群众'],
    onSpot: ['值班代表当场解答政策，群众表示清楚了'],
    townshipDepartments: ['{t}党政办公室'],
    countyDepartments: ['县信访局'],
  },
}

export const NOTES = ['已电话联系群众核实情况', '代表已到现场查看', '已将情况向镇人大主席团报告']
export const SUPERVISIONS = [
  '临近办理期限，督促承办单位加快进度',
  '已提醒承办单位按期办结',
  '已超期，约谈承办单位负责人',
]
export const EXTENSION_REASONS = [
  '需争取上级资金，申请延期办理',
  '施工受天气影响，申请延期',
  '涉及多个部门协调，申请延期',
]
export const CLOSE_SUMMARIES = ['群众诉求已解决，办结', '已答复群众并回访，办结', '问题已整改到位，办结']
export const DISSATISFIED_REASONS = [
  '问题没有根本解决',
  '答复太笼统，没说什么时候办',
  '办理结果和反映的问题对不上',
]
export const SECOND_ROUND = '经再次核查办理：'
export const ESCALATE_TOWNSHIP = '属乡镇职责范围，提交镇人大主席团协调政府部门办理'
export const ESCALATE_COUNTY = '涉及资金和县级部门职责，提交县人大常委会转办'
export const COUNTY_DEADLINE = '县人大常委会交办，按县级事项重新确定办理期限'
export const TOWNSHIP_PRESIDIUM = '{t}人大主席团'

export function fill(template: string, place: { township: string; village: string | null }): string {
  return template.replaceAll('{t}', place.township).replaceAll('{v}', place.village ?? place.township)
}
