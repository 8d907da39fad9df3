/**
 * 示范市: a fictional but plausible city for local development and demos — three districts, seven
 * streets, grids and micro-grids with 包保 units, 责任单位, demo users and a few notices. Pure data:
 * `buildDemoCity(now)` returns the documents, `seedDemoCity` writes them.
 */
import type { Role } from '../../src/domain/core/roles'
import { CATEGORIES } from '../../src/domain/city/categories'
import { toCategoryDoc, type CategoryDoc } from '../../src/domain/city/category'
import type { DistrictDoc, StreetDoc } from '../../src/domain/city/district'
import type { GridDoc } from '../../src/domain/city/grid'
import type { UnitDoc, UnitType } from '../../src/domain/city/unit'
import type { NoticeDoc, NoticeTag } from '../../src/domain/city/notice'
import { offsetPoint, squareAround, type Point } from '../../src/domain/city/geo'
import type { UserDoc } from '../../src/domain/user/user'
import { DAY_MS } from '../../src/domain/shared/time'

export const CITY_NAME = '示范市'
/** Centre of the fictional city (GCJ-02). */
export const CITY_CENTER: Point = { lat: 34.62, lng: 112.45 }

// ------------------------------------------------------------------------------------------ units

type UnitSeed = [id: string, name: string, shortName: string, type: UnitType, districtId: string | null, contact: string, phone: string, address: string, duties: string]

const UNIT_SEEDS: UnitSeed[] = [
  // Units that handle problems.
  ['u-cg-wenhua', '示范市城市管理综合执法局文华分局', '文华城管', '城管', 'd-wenhua', '李振华', '139-0000-1101', '文华区解放路88号', '负责文华区占道经营、流动摊贩、乱堆乱放、违规广告和私搭乱建等市容秩序问题的巡查与执法。'],
  ['u-cg-binhe', '示范市城市管理综合执法局滨河分局', '滨河城管', '城管', 'd-binhe', '周文斌', '139-0000-1102', '滨河区滨江大道16号', '负责滨河区市容秩序管理和城管执法，牵头沿河步道、夜市周边秩序整治。'],
  ['u-cg-gaoxin', '示范市高新区城市管理局', '高新城管', '城管', 'd-gaoxin', '孙立新', '139-0000-1103', '高新区创业大道1号', '负责高新区市容市貌、户外广告和施工工地周边秩序管理。'],
  ['u-jj', '示范市公安局交通警察支队', '交警支队', '交警', null, '王海涛', '139-0000-1201', '示范市人民路120号', '负责全市道路交通秩序管理，查处闯红灯、不礼让行人、电动车不戴头盔等交通违法行为。'],
  ['u-ga', '示范市公安局', '市公安局', '公安', null, '赵国强', '139-0000-1202', '示范市人民路118号', '负责高空抛物、养犬登记等治安管理事项的查处。'],
  ['u-zj', '示范市住房和城乡建设局', '市住建局', '住建', null, '陈思远', '139-0000-1301', '示范市建设路36号', '负责老旧小区改造、无障碍设施建设和物业服务行业监管。'],
  ['u-scjg', '示范市市场监督管理局', '市场监管局', '市场监管', null, '刘红梅', '139-0000-1401', '示范市建设路50号', '负责农贸市场秩序、计量器具、食品安全公示和餐饮浪费行为的监督管理。'],
  ['u-hw', '示范市环境卫生管理中心', '环卫中心', '环卫', null, '马德才', '139-0000-1501', '示范市环城北路9号', '负责城区道路清扫保洁、垃圾清运、公厕管理和卫生死角清理。'],
  ['u-sz', '示范市市政设施管理中心', '市政中心', '市政', null, '刘建设', '139-0000-1601', '示范市环城北路11号', '负责道路、井盖、路灯、标识牌、公交站亭等市政设施的维护维修。'],
  ['u-yl', '示范市园林绿化中心', '园林中心', '园林', null, '何青松', '139-0000-1701', '示范市人民公园内', '负责公园、道路绿化带的养护和毁绿行为的制止。'],
  ['u-xf', '示范市消防救援支队', '消防支队', '消防', null, '高永刚', '139-0000-1801', '示范市消防路2号', '负责消防通道、电动车充电安全等消防隐患的监督检查。'],
  ['u-gd', '国网示范市供电公司', '供电公司', '供电', null, '吴电明', '139-0000-1901', '示范市电力路5号', '负责供电线路、配电箱等电力设施安全隐患的处置。'],
  ['u-wmb', '示范市精神文明建设指导委员会办公室', '市文明办', '文明办', null, '杨文明', '139-0000-2001', '示范市人民路100号市委大院', '统筹全市文明城市创建工作，负责不文明行为劝导、公益广告和志愿服务的组织协调。'],
  ['u-jd-renmin', '文华区人民路街道办事处', '人民路街道', '街道', 'd-wenhua', '郭秀兰', '139-0000-2101', '文华区人民路56号', '负责辖区网格化管理和创城问题的属地整改。'],
  ['u-jd-binjiang', '滨河区滨江街道办事处', '滨江街道', '街道', 'd-binhe', '韩卫东', '139-0000-2102', '滨河区望江路20号', '负责辖区网格化管理和创城问题的属地整改。'],
  ['u-sq-xingfuli', '人民路街道幸福里社区居民委员会', '幸福里社区', '社区', 'd-wenhua', '林巧云', '139-0000-2201', '文华区幸福里小区综合楼一层', '负责幸福里社区垃圾分类、文明养犬、飞线充电等问题的劝导与整改。'],
  ['u-sq-binjiang', '滨江街道滨江花园社区居民委员会', '滨江花园社区', '社区', 'd-binhe', '许丽华', '139-0000-2202', '滨河区滨江花园北门', '负责滨江花园社区环境整治和居民自治事务。'],
  ['u-wy-anju', '示范市安居物业服务有限公司', '安居物业', '物业', null, '彭大勇', '139-0000-2301', '文华区解放路102号', '负责所服务小区的楼道杂物清理、消防通道管理和公共设施维修。'],
  // 包保单位: municipal departments whose cadres sink into grids (下沉包保).
  ['u-bb-czj', '示范市财政局', '市财政局', '机关', null, '黄建明', '139-0000-3001', '示范市人民路102号', '包保人民路街道幸福里社区网格，每周五参加环境清洁日活动。'],
  ['u-bb-jyj', '示范市教育局', '市教育局', '机关', null, '罗晓燕', '139-0000-3002', '示范市文化路8号', '包保人民路街道文庙社区、鼓楼社区网格，组织师生志愿者开展文明交通劝导。'],
  ['u-bb-swj', '国家税务总局示范市税务局', '市税务局', '机关', null, '邓志刚', '139-0000-3003', '示范市建设路66号', '包保解放路街道网格，负责老旧小区环境整治的协调推进。'],
  ['u-bb-wjw', '示范市卫生健康委员会', '市卫健委', '机关', null, '潘静', '139-0000-3004', '示范市健康路3号', '包保朝阳街道网格，开展健康教育和控烟宣传。'],
  ['u-bb-zrzy', '示范市自然资源和规划局', '市自然资源局', '机关', null, '田国平', '139-0000-3005', '示范市建设路70号', '包保滨江街道网格，参与沿河环境整治。'],
  ['u-bb-rsj', '示范市人力资源和社会保障局', '市人社局', '机关', null, '曹丽娟', '139-0000-3006', '示范市人民路130号', '包保新华街道网格，结合就业服务开展文明创建宣传。'],
  ['u-bb-jtj', '示范市交通运输局', '市交通运输局', '机关', null, '蒋国栋', '139-0000-3007', '示范市交通路1号', '包保创业街道网格，负责公交站点周边秩序和文明出行宣传。'],
  ['u-bb-wlj', '示范市文化广电和旅游局', '市文旅局', '机关', null, '宋雅琴', '139-0000-3008', '示范市文化路20号', '包保科学城街道网格，组织文明旅游和文化惠民活动。'],
]

// ------------------------------------------------------------------------- districts & streets

interface StreetSeed {
  id: string
  name: string
  communities: string[]
  /** Two grids per street: [community, 包保 unit, 包保责任人, 网格员, phone, households, micro-grids]. */
  grids: [community: string, unitId: string, leader: string, worker: string, phone: string, households: number, micros: [name: string, households: number, keeper: string][]][]
}

interface DistrictSeed {
  id: string
  name: string
  intro: string
  offset: [east: number, north: number]
  streets: StreetSeed[]
}

const DISTRICT_SEEDS: DistrictSeed[] = [
  {
    id: 'd-wenhua',
    name: '文华区',
    intro: '老城核心区，示范市政治文化中心，老旧小区集中，是创城攻坚的重点区域。',
    offset: [-2000, 1500],
    streets: [
      {
        id: 's-renmin',
        name: '人民路街道',
        communities: ['幸福里社区', '文庙社区', '鼓楼社区'],
        grids: [
          ['幸福里社区', 'u-bb-czj', '黄建明（市财政局副局长）', '林巧云', '139-0000-4101', 520, [['幸福里小区1-3号楼', 54, '周桂英'], ['幸福里小区4-6号楼', 48, '钱志强'], ['幸福里小区7-8号楼', 46, '吴秀珍']]],
          ['文庙社区', 'u-bb-jyj', '罗晓燕（市教育局副局长）', '郑文博', '139-0000-4102', 460, [['文庙街南段沿街商户', 42, '冯德顺'], ['教师新村1-4号楼', 52, '陈淑华']]],
        ],
      },
      {
        id: 's-jiefang',
        name: '解放路街道',
        communities: ['解放里社区', '工人新村社区'],
        grids: [
          ['解放里社区', 'u-bb-swj', '邓志刚（市税务局副局长）', '褚明亮', '139-0000-4103', 610, [['解放里小区东区', 56, '卫国庆'], ['解放里小区西区', 50, '蒋春梅'], ['百货大楼家属院', 38, '沈建华']]],
          ['工人新村社区', 'u-bb-swj', '邓志刚（市税务局副局长）', '韩晓丽', '139-0000-4104', 580, [['工人新村1-5号楼', 60, '杨守义'], ['工人新村6-9号楼', 52, '朱玉兰']]],
        ],
      },
      {
        id: 's-chaoyang',
        name: '朝阳街道',
        communities: ['朝阳社区', '向阳社区'],
        grids: [
          ['朝阳社区', 'u-bb-wjw', '潘静（市卫健委副主任）', '秦海燕', '139-0000-4105', 430, [['朝阳小区A区', 47, '尤长林'], ['朝阳小区B区', 45, '许凤英']]],
          ['向阳社区', 'u-bb-wjw', '潘静（市卫健委副主任）', '何立军', '139-0000-4106', 390, [['向阳农贸市场周边', 30, '吕国华'], ['向阳花园1-4号楼', 50, '施桂兰']]],
        ],
      },
    ],
  },
  {
    id: 'd-binhe',
    name: '滨河区',
    intro: '沿洛滨河展开的城市新区，滨河步道和夜市是市民休闲的热门去处。',
    offset: [4500, -500],
    streets: [
      {
        id: 's-binjiang',
        name: '滨江街道',
        communities: ['滨江花园社区', '望江社区'],
        grids: [
          ['滨江花园社区', 'u-bb-zrzy', '田国平（市自然资源和规划局副局长）', '许丽华', '139-0000-4201', 640, [['滨江花园1-6号楼', 58, '张玉珍'], ['滨江花园7-12号楼', 55, '孔繁荣'], ['滨江花园沿街商铺', 36, '曹宝华']]],
          ['望江社区', 'u-bb-zrzy', '田国平（市自然资源和规划局副局长）', '严志勇', '139-0000-4202', 410, [['望江小区北区', 49, '华秀英'], ['滨河夜市片区', 28, '金大海']]],
        ],
      },
      {
        id: 's-xinhua',
        name: '新华街道',
        communities: ['新华社区', '纺织厂社区'],
        grids: [
          ['新华社区', 'u-bb-rsj', '曹丽娟（市人社局副局长）', '魏晓东', '139-0000-4203', 500, [['新华里1-4号楼', 51, '陶德明'], ['新华里5-8号楼', 47, '姜翠兰']]],
          ['纺织厂社区', 'u-bb-rsj', '曹丽娟（市人社局副局长）', '戚建国', '139-0000-4204', 720, [['纺织厂家属院东院', 60, '谢富贵'], ['纺织厂家属院西院', 57, '邹淑芬'], ['纺织厂老宿舍楼', 44, '喻长江']]],
        ],
      },
    ],
  },
  {
    id: 'd-gaoxin',
    name: '高新区',
    intro: '产业园区与人才社区相结合的新城，新建小区多、年轻居民多。',
    offset: [-6500, -2500],
    streets: [
      {
        id: 's-chuangye',
        name: '创业街道',
        communities: ['创业社区', '科苑社区'],
        grids: [
          ['创业社区', 'u-bb-jtj', '蒋国栋（市交通运输局副局长）', '柏文静', '139-0000-4301', 560, [['创业家园1-5号楼', 53, '水立华'], ['创业家园6-10号楼', 50, '窦建平']]],
          ['科苑社区', 'u-bb-jtj', '蒋国栋（市交通运输局副局长）', '章晓峰', '139-0000-4302', 480, [['科苑小区南区', 46, '云凤霞'], ['科苑小区北区', 48, '苏家明']]],
        ],
      },
      {
        id: 's-kexue',
        name: '科学城街道',
        communities: ['人才公寓社区', '高新佳苑社区'],
        grids: [
          ['人才公寓社区', 'u-bb-wlj', '宋雅琴（市文旅局副局长）', '潘宇航', '139-0000-4303', 620, [['人才公寓A座', 58, '葛晓雯'], ['人才公寓B座', 56, '范志远']]],
          ['高新佳苑社区', 'u-bb-wlj', '宋雅琴（市文旅局副局长）', '彭丽娜', '139-0000-4304', 530, [['高新佳苑一期', 52, '鲁国强'], ['高新佳苑二期', 49, '韦秀梅']]],
        ],
      },
    ],
  },
]

const GRID_ORDINALS = ['一', '二', '三', '四', '五', '六']
const MICRO_SUFFIX = ['a', 'b', 'c', 'd']
/** Micro-grid centres relative to their grid's centre (metres east, north). */
const MICRO_OFFSETS: [number, number][] = [[-170, 160], [170, 160], [0, -170], [-170, -170]]
const GRID_HALF_SIDE_M = 420
const MICRO_RADIUS_M = 90
const STREET_SPACING_M = 1200
const GRID_SPACING_M = 900

// ------------------------------------------------------------------------------------- users

export interface DemoAccount {
  openid: string
  role: Role
  label: string
}

type UserSeed = [openid: string, nickname: string, roles: Role[], unitId: string | null, label: string, daysAgo: number]

const USER_SEEDS: UserSeed[] = [
  ['demo-resident', '市民小李', [], null, '市民（随手拍、查看进度）', 40],
  ['demo-volunteer', '志愿者老王', ['volunteer'], null, '志愿者（文明劝导、志愿活动）', 120],
  ['demo-staff', '创城办小张', ['staff'], null, '创城办工作人员（审核、派单、督办）', 200],
  ['demo-unit', '文华城管李队', ['unit'], 'u-cg-wenhua', '责任单位：文华城管（接单、整改）', 180],
  ['demo-admin', '系统管理员', ['admin'], null, '管理员（角色、分类、网格）', 240],
  ['demo-unit-2', '市政中心刘工', ['unit'], 'u-sz', '责任单位：市政中心（井盖、路灯）', 150],
  ['demo-unit-3', '安居物业彭经理', ['unit'], 'u-wy-anju', '责任单位：安居物业（楼道、消防通道）', 90],
  ['demo-resident-2', '幸福里王阿姨', [], null, '市民（幸福里社区居民）', 60],
  ['demo-resident-3', '出租车陈师傅', [], null, '市民（出租车司机）', 25],
  ['demo-resident-4', '大学生小赵', ['volunteer'], null, '市民兼志愿者（大学生）', 12],
]

export const DEMO_ACCOUNTS: readonly DemoAccount[] = USER_SEEDS.map(([openid, , roles, , label]) => ({
  openid,
  role: roles[0] ?? 'resident',
  label,
}))

// ------------------------------------------------------------------------------------ notices

type NoticeSeed = [id: string, tag: NoticeTag, title: string, summary: string, body: string[], source: string, pinned: boolean, daysAgo: number]

const OFFICE = '示范市创建全国文明城市工作指挥部办公室'

const NOTICE_SEEDS: NoticeSeed[] = [
  [
    'n-suishoupai', '通知公告', '“文明同行”随手拍上线，邀您共同发现城市问题',
    '发现占道经营、乱堆乱放、井盖破损等问题，拍照上传即可，一般问题3天内整改，安全隐患1天内处置。',
    [
      '为进一步凝聚全民创城合力，“文明同行”小程序随手拍功能即日起正式上线。市民朋友在日常生活中发现占道经营、乱停乱放、楼道杂物、飞线充电、井盖破损等问题，可随时拍照上报。',
      '创城办收到问题后将及时审核，并按照网格包保和行业管理职责派发至责任单位。一般问题整改时限为3天，涉及安全隐患的问题1天内处置，整改结果将在小程序中公开，接受市民监督。',
      '欢迎广大市民踊跃参与，让我们一起发现问题、解决问题，共建共享文明示范市。',
    ],
    OFFICE, true, 2,
  ],
  [
    'n-tiaoli', '通知公告', '《示范市文明行为促进条例》正式施行',
    '条例对公共场所、交通出行、社区生活等方面的文明行为作出规范，鼓励市民劝阻、举报不文明行为。',
    [
      '《示范市文明行为促进条例》经市人大常委会审议通过，已正式施行。条例共六章四十二条，明确了公共秩序、交通出行、社区生活、生态环境等方面应当遵守的文明行为规范。',
      '条例明确禁止乱扔垃圾、随地吐痰、高空抛物、电动车进楼入户充电等不文明行为，倡导文明养犬、礼让斑马线、光盘行动。',
      '条例鼓励市民通过随手拍等渠道劝阻、举报不文明行为，对查证属实的线索，有关部门应当依法处理并反馈。',
    ],
    OFFICE, false, 30,
  ],
  [
    'n-qingjieri', '创城动态', '全市开展“周五环境清洁日”活动',
    '每周五下午，各包保单位干部职工下沉网格，与社区居民、志愿者一起清理卫生死角。',
    [
      '自本月起，我市将每周五定为“环境清洁日”。各包保单位干部职工按照网格包保分工，下沉到包保社区，与社区工作者、志愿者和居民群众一道，集中清理卫生死角、楼道杂物和牛皮癣小广告。',
      '首个清洁日当天，全市共出动干部职工和志愿者3200余人次，清理卫生死角216处、楼道杂物430余处，清除小广告1.2万余处。',
    ],
    OFFICE, false, 6,
  ],
  [
    'n-hongheibang-1', '红黑榜', '创城红黑榜（第一期）',
    '红榜：幸福里社区、滨江花园社区；黑榜：向阳农贸市场周边占道经营反复出现。',
    [
      '【红榜】人民路街道幸福里社区：网格员每日巡查，楼道杂物、飞线充电问题实现动态清零；滨江街道滨江花园社区：建成电动车集中充电车棚4处，居民满意度明显提升。',
      '【黑榜】朝阳街道向阳农贸市场周边：早晚高峰占道经营、流动摊贩问题反复出现，已督办责任单位限期3天整改，整改情况将在下期公布。',
    ],
    OFFICE, false, 4,
  ],
  [
    'n-shijiancunzhe', '文明实践', '志愿服务“时间存折”开通，服务1小时积1分',
    '志愿服务时长记入“时间存折”，1小时积1分，积分可兑换生活用品和公共服务优惠。',
    [
      '为激励更多市民参与志愿服务，我市开通志愿服务“时间存折”。注册志愿者参加文明交通劝导、环境清洁、敬老助残等志愿活动，服务时长经确认后记入时间存折，每服务1小时积1分。',
      '累计服务达到100、300、600、1000、1500小时的志愿者，将分别获评一星至五星志愿者，并可在“爱心超市”兑换生活用品。',
    ],
    OFFICE, false, 10,
  ],
  [
    'n-feixian', '创城动态', '老旧小区飞线充电专项整治取得阶段成效',
    '新建充电桩车棚102个，拆除飞线9000余处，电动车充电难、充电险问题逐步解决。',
    [
      '针对老旧小区电动车“飞线充电”安全隐患，市住建局会同消防救援支队、各街道开展专项整治，在25个小区新建充电桩车棚102个，拆除私拉乱接电线9000余处。',
      '居民表示：“现在充电就在家门口，既安全又方便。”下一步，各社区将把飞线充电纳入网格日常巡查内容，发现一处、劝导一处、整改一处。',
    ],
    OFFICE, false, 15,
  ],
]

// -------------------------------------------------------------------------------------- build

export interface DemoCity {
  categories: CategoryDoc[]
  districts: DistrictDoc[]
  streets: StreetDoc[]
  grids: GridDoc[]
  units: UnitDoc[]
  users: UserDoc[]
  notices: NoticeDoc[]
}

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS)

/** All demo documents, deterministic for a given `now` (which only dates users and notices). */
export function buildDemoCity(now: Date): DemoCity {
  const districts: DistrictDoc[] = []
  const streets: StreetDoc[] = []
  const grids: GridDoc[] = []
  let gridOrder = 0

  DISTRICT_SEEDS.forEach((d, di) => {
    const dCenter = offsetPoint(CITY_CENTER, d.offset[0], d.offset[1])
    districts.push({ _id: d.id, name: d.name, intro: d.intro, center: dCenter, order: di + 1 })
    d.streets.forEach((s, si) => {
      const north = (si - (d.streets.length - 1) / 2) * STREET_SPACING_M
      const sCenter = offsetPoint(dCenter, 0, north)
      streets.push({ _id: s.id, districtId: d.id, name: s.name, communities: s.communities, center: sCenter, order: si + 1 })
      s.grids.forEach(([community, unitId, leader, worker, phone, households, micros], gi) => {
        const gCenter = offsetPoint(sCenter, (gi - (s.grids.length - 1) / 2) * GRID_SPACING_M, 0)
        const gridId = `g-${s.id.slice(2)}-${gi + 1}`
        grids.push({
          _id: gridId,
          name: `${community}第${GRID_ORDINALS[gi]}网格`,
          kind: 'grid',
          districtId: d.id,
          streetId: s.id,
          community,
          parentId: null,
          center: gCenter,
          area: { type: 'polygon', points: squareAround(gCenter, GRID_HALF_SIDE_M) },
          households,
          unitId,
          leader,
          worker: { name: worker, phone },
          order: ++gridOrder,
        })
        micros.forEach(([name, mHouseholds, keeper], mi) => {
          const [east, northM] = MICRO_OFFSETS[mi]
          grids.push({
            _id: `${gridId}-${MICRO_SUFFIX[mi]}`,
            name: `${name}微网格`,
            kind: 'micro',
            districtId: d.id,
            streetId: s.id,
            community,
            parentId: gridId,
            center: offsetPoint(gCenter, east, northM),
            area: { type: 'circle', radius: MICRO_RADIUS_M },
            households: mHouseholds,
            // Micro-grids inherit their grid's 包保单位.
            unitId: null,
            leader: null,
            worker: { name: keeper, phone: `139-0000-${String(5000 + gridOrder * 10 + mi).padStart(4, '0')}` },
            order: ++gridOrder,
          })
        })
      })
    })
  })

  const units: UnitDoc[] = UNIT_SEEDS.map(([id, name, shortName, type, districtId, contact, phone, address, duties], i) => {
    const district = districts.find((d) => d._id === districtId)
    return {
      _id: id,
      name,
      shortName,
      type,
      districtId,
      address,
      duties,
      contact: { name: contact, phone },
      location: district ? offsetPoint(district.center, 150 * ((i % 3) - 1), -300) : offsetPoint(CITY_CENTER, 100 * ((i % 5) - 2), 120 * ((i % 4) - 1)),
      order: i + 1,
      active: true,
    }
  })

  const unitName = new Map(units.map((u) => [u._id, u.name]))
  const users: UserDoc[] = USER_SEEDS.map(([openid, nickname, roles, unitId, , daysAgo]) => {
    const at = daysBefore(now, daysAgo)
    return {
      _id: openid,
      nickname,
      roles,
      unit: unitId ? { id: unitId, name: unitName.get(unitId) ?? unitId } : null,
      createdAt: at,
      updatedAt: at,
    }
  })

  const notices: NoticeDoc[] = NOTICE_SEEDS.map(([id, tag, title, summary, body, source, pinned, daysAgo]) => ({
    _id: id,
    tag,
    title,
    summary,
    body,
    source,
    pinned,
    publishedAt: daysBefore(now, daysAgo),
  }))

  return { categories: CATEGORIES.map(toCategoryDoc), districts, streets, grids, units, users, notices }
}
