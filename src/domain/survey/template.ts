/**
 * 全国文明城市创建市民问卷 — the ready template staff start from and adapt. It follows the structure of the
 * 测评 questionnaires cities field: 知晓 (awareness), 支持 (support), 满意 (satisfaction with named areas of
 * city life) and 参与 (participation), then open suggestions. One show-if branch asks what is wrong when
 * someone is dissatisfied with the city's environment. Pure data, zod-free.
 */
import type { SurveyQuestion } from './constants'
import { normalizeQuestion } from './definition'

export const TEMPLATE_IDS = ['civilized-city'] as const
export type TemplateId = (typeof TEMPLATE_IDS)[number]

type Q = Omit<SurveyQuestion, 'description' | 'minChoices' | 'maxChoices' | 'showIf' | 'metric' | 'positive'> &
  Partial<Pick<SurveyQuestion, 'description' | 'minChoices' | 'maxChoices' | 'showIf' | 'metric' | 'positive'>>

const opts = (...labels: string[]) => labels.map((label, i) => ({ id: String.fromCharCode(97 + i), label }))

const scale = (id: string, area: string, description: string): Q => ({
  id,
  kind: 'scale',
  title: `您对我市${area}是否满意？`,
  description,
  required: true,
  options: [],
  metric: 'satisfaction',
})

const QUESTIONS: Q[] = [
  {
    id: 'q1',
    kind: 'single',
    title: '您是否知道我市正在创建全国文明城市？',
    required: true,
    options: opts('知道，并了解具体内容', '知道，但不太了解', '不知道'),
    metric: 'awareness',
    positive: ['a', 'b'],
  },
  {
    id: 'q2',
    kind: 'yesno',
    title: '您是否知道可以通过“文明同行”随手拍反映城市管理问题？',
    required: true,
    options: [],
    metric: 'awareness',
  },
  {
    id: 'q3',
    kind: 'single',
    title: '您是否支持我市创建全国文明城市？',
    required: true,
    options: opts('非常支持', '支持', '无所谓', '不支持'),
    metric: 'support',
    positive: ['a', 'b'],
  },
  scale('q4', '市容环境卫生', '道路保洁、垃圾清运、公厕管理、卫生死角清理等'),
  {
    id: 'q5',
    kind: 'multi',
    title: '您认为市容环境卫生方面主要存在哪些问题？',
    required: true,
    options: opts('垃圾清运不及时', '背街小巷卫生死角', '占道经营、流动摊贩', '楼道杂物堆放', '小广告乱贴乱画', '其他'),
    minChoices: 1,
    maxChoices: 3,
    showIf: { questionId: 'q4', anyOf: ['s2', 's1'] },
  },
  scale('q6', '交通秩序', '文明出行、礼让斑马线、非机动车停放等'),
  scale('q7', '农贸市场秩序', '摊位规范、环境整洁、明码标价等'),
  scale('q8', '老旧小区环境和物业管理', '楼道整洁、飞线充电整治、绿化维护等'),
  scale('q9', '公园、广场等公共场所的文明程度', '文明游园、文明养犬、不随地吐痰等'),
  scale('q10', '公益广告和文明宣传', '街头公益广告、社区宣传栏、文明实践活动等'),
  {
    id: 'q11',
    kind: 'multi',
    title: '过去一年里，您参加过以下哪些文明城市创建活动？',
    required: true,
    options: opts('志愿服务活动', '随手拍反映问题', '“周五环境清洁日”', '文明交通劝导', '社区议事协商', '以上都没有参加过'),
    minChoices: 1,
    metric: 'participation',
    positive: ['a', 'b', 'c', 'd', 'e'],
  },
  {
    id: 'q12',
    kind: 'yesno',
    title: '今后您是否愿意参加文明交通劝导、环境清洁等志愿服务？',
    required: true,
    options: [],
    metric: 'support',
  },
  {
    id: 'q13',
    kind: 'single',
    title: '您的年龄段',
    required: false,
    options: opts('18岁以下', '18—35岁', '36—59岁', '60岁及以上'),
  },
  {
    id: 'q14',
    kind: 'textarea',
    title: '您对我市创建全国文明城市工作还有哪些意见和建议？',
    required: false,
    options: [],
  },
]

export interface SurveyTemplate {
  id: TemplateId
  name: string
  title: string
  intro: string
  questions: SurveyQuestion[]
}

export function civilizedCityTemplate(): SurveyTemplate {
  return {
    id: 'civilized-city',
    name: '全国文明城市创建市民问卷',
    title: '全国文明城市创建市民满意度调查',
    intro:
      '为了解广大市民对我市创建全国文明城市工作的知晓、支持和满意程度，听取您的意见建议，特开展本次问卷调查。问卷约需 3 分钟，您的回答仅用于统计分析，不会对外公开。感谢您的参与和支持！',
    questions: QUESTIONS.map((q) =>
      normalizeQuestion({
        description: '',
        minChoices: null,
        maxChoices: null,
        showIf: null,
        metric: null,
        positive: [],
        ...q,
      }),
    ),
  }
}

export function surveyTemplate(id: TemplateId): SurveyTemplate {
  switch (id) {
    case 'civilized-city':
      return civilizedCityTemplate()
  }
}
