import type { UnitType } from '../city/unit'
import type { SchemeKind } from './labels'
import type { DataRule } from './scoring'
import type { SchemeItem } from './scheme'

/**
 * Ready-made 考评方案 for the three systems of the seed city's 精神文明建设考评系统 (大武口区):
 *
 * - 创建全国文明城市: 材料审核 per 《全国文明城市测评体系》 (思想道德基础, 八大环境, 创建工作机制, 未成年人思想
 *   道德建设) and 实地考察 (督办单任务, 周五环境整治情况, 特色加分活动) — here the 督办单 and 周五 items score
 *   themselves from the app's records.
 * - 文明单位: 重点工作 (创建“五个一”, 精神文明建设重点工作) and 常规工作 (组织领导有力 … 工作实绩显著).
 * - 文明村镇: per 《文明村镇测评细则》 (组织领导有力 … 民族团结), with the 群众满意度 of the area's survey.
 *
 * Each adds up to 100 points. Staff start from a template and adjust items and points before opening.
 */
export interface SchemeTemplate {
  kind: SchemeKind
  title: string
  unitTypes: UnitType[]
  items: SchemeItem[]
}

const m = (id: string, group: string, title: string, points: number, guide: string): SchemeItem => ({ id, group, title, points, guide, kind: 'material', rule: null })
const f = (id: string, group: string, title: string, points: number, guide: string): SchemeItem => ({ id, group, title, points, guide, kind: 'field', rule: null })
const d = (id: string, group: string, title: string, points: number, guide: string, rule: Partial<DataRule> & Pick<DataRule, 'metric' | 'scoring'>): SchemeItem => ({
  id,
  group,
  title,
  points,
  guide,
  kind: 'data',
  rule: { noData: 'full', surveyId: null, surveyMetric: null, ...rule },
})

const ON_TIME: DataRule['scoring'] = { type: 'linear', zeroAt: 0.6, fullAt: 0.95 }
const PER_ESCALATION: DataRule['scoring'] = { type: 'deduct', per: 1, free: 0 }
const TURNOUT: DataRule['scoring'] = { type: 'linear', zeroAt: 0.5, fullAt: 0.9 }
const SATISFACTION: DataRule['scoring'] = { type: 'linear', zeroAt: 0.7, fullAt: 0.9 }

export const SCHEME_TEMPLATES: readonly SchemeTemplate[] = [
  {
    kind: 'city',
    title: '创建全国文明城市工作考评',
    unitTypes: ['城管', '环卫', '市政', '街道', '社区', '机关'],
    items: [
      m('i1', '思想道德基础', '理想信念教育', 8, '上传开展党史学习、理论宣讲、“学习强国”推广等活动的方案、图片和简报。'),
      m('i2', '思想道德基础', '社会主义核心价值观建设', 8, '上传核心价值观公益广告、宣传栏、主题活动的图片和台账。'),
      m('i3', '思想道德基础', '培育文明道德风尚', 6, '上传道德模范、身边好人宣传，道德讲堂、移风易俗活动的材料。'),
      m('i4', '八大环境', '政务、法治、市场环境', 8, '上传政务公开、法治宣传、诚信建设和窗口服务规范化的制度与图片。'),
      m('i5', '八大环境', '人文、社会文化环境', 6, '上传公共文化设施开放、文化惠民活动、志愿服务阵地建设的材料。'),
      m('i6', '八大环境', '生活、社会、生态环境', 8, '上传背街小巷、老旧小区、农贸市场整治和垃圾分类工作的前后对比图片。'),
      m('i7', '创建工作机制', '创建工作机制', 6, '上传创建工作方案、责任分工、工作台账和例会记录。'),
      m('i8', '未成年人思想道德建设', '未成年人思想道德建设', 5, '上传文明校园创建、校外活动场所、网吧整治等工作材料。'),
      d('i9', '督办单任务', '按时整改率', 15, '本单位承办的随手拍问题，在整改时限内办结的比例。', { metric: 'on_time_rate', scoring: ON_TIME }),
      d('i10', '督办单任务', '超期督办', 5, '问题超期被督办，每次扣 1 分。', { metric: 'escalations', scoring: PER_ESCALATION }),
      d('i11', '周五环境整治情况', '周五环境整治出勤率', 10, '本单位志愿服务队报名周五环境整治后实际到岗签到的比例。', { metric: 'friday_turnout', scoring: TURNOUT, noData: 'zero' }),
      f('i12', '周五环境整治情况', '包保网格环境督查', 5, '督查组周五实地检查包保网格卫生死角、楼道杂物清理情况后评分。'),
      f('i13', '特色加分活动', '特色加分活动', 5, '开展有特色、有影响的创建活动，经督查组认定后加分。'),
      d('i14', '群众满意度', '包保区域群众满意度', 5, '包保区域问卷调查中群众对创建工作的满意度。', { metric: 'survey_rate', scoring: SATISFACTION, surveyMetric: 'satisfaction' }),
    ],
  },
  {
    kind: 'unit',
    title: '文明单位创建考评',
    unitTypes: ['机关'],
    items: [
      m('i1', '重点工作', '文明单位创建“五个一”', 15, '一个创建方案、一支志愿服务队、一个道德讲堂、一块宣传阵地、一项品牌活动的材料。'),
      m('i2', '重点工作', '精神文明建设重点工作', 15, '落实年度精神文明建设重点任务的总结、图片和台账。'),
      m('i3', '常规工作', '组织领导有力', 6, '创建领导小组、年度计划、专题研究会议记录。'),
      m('i4', '常规工作', '创建工作扎实', 6, '创建活动开展情况、工作台账。'),
      m('i5', '常规工作', '思想教育深入', 6, '理论学习、形势政策教育材料。'),
      m('i6', '常规工作', '道德风尚良好', 6, '好人好事、志愿服务、移风易俗材料。'),
      m('i7', '常规工作', '加强民主管理', 5, '政务（厂务）公开、职代会材料。'),
      m('i8', '常规工作', '严格遵纪守法', 5, '法治宣传教育、无违法违纪情况说明。'),
      m('i9', '常规工作', '学习风气浓厚', 5, '读书活动、学习型机关建设材料。'),
      m('i10', '常规工作', '文体卫生先进', 5, '文体活动、爱国卫生运动材料。'),
      f('i11', '常规工作', '工作环境优美', 6, '实地查看办公区域环境、公益广告和禁烟标识。'),
      f('i12', '常规工作', '服务规范高效、业务水平领先', 5, '实地查看窗口服务和业务工作情况。'),
      m('i13', '常规工作', '工作实绩显著', 5, '年度工作实绩和获得的表彰。'),
      d('i14', '志愿服务', '周五环境整治出勤率', 10, '单位志愿服务队参加周五环境整治的到岗率。', { metric: 'friday_turnout', scoring: TURNOUT, noData: 'zero' }),
    ],
  },
  {
    kind: 'village',
    title: '文明村镇创建考评',
    unitTypes: ['街道', '社区'],
    items: [
      m('i1', '组织领导', '组织领导有力', 8, '创建工作领导机构、年度计划和工作总结。'),
      m('i2', '创建工作', '创建工作扎实', 10, '创建活动开展情况、村规民约修订和执行材料。'),
      m('i3', '思想教育', '思想教育深入', 10, '新时代文明实践站（所）活动、宣讲活动材料。'),
      m('i4', '道德风尚', '道德风尚良好', 10, '“好婆婆、好媳妇”“十星级文明户”评选，红白理事会运行材料。'),
      m('i5', '管理制度', '管理制度健全', 8, '村（居）务公开、民主议事制度材料。'),
      m('i6', '社会责任', '社会责任落实', 8, '平安建设、矛盾调解、扶贫帮困材料。'),
      m('i7', '文化氛围', '文化氛围浓厚', 10, '文化广场、农家书屋、文体活动材料。'),
      f('i8', '文体卫生', '文体卫生良好', 10, '实地查看卫生室、文体设施和卫生保洁。'),
      f('i9', '环境优美', '环境优美', 12, '实地查看村容村貌、垃圾分类、庭院整治。'),
      m('i10', '民族团结', '民族团结', 6, '民族团结进步创建活动材料。'),
      d('i11', '群众满意度', '群众满意度', 8, '本辖区问卷调查中群众对创建工作的满意度。', { metric: 'survey_rate', scoring: SATISFACTION, surveyMetric: 'satisfaction' }),
    ],
  },
]

export const templateOf = (kind: SchemeKind): SchemeTemplate => SCHEME_TEMPLATES.find((t) => t.kind === kind)!
