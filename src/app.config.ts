export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/report/index',
    'pages/exposure/index',
    'pages/volunteer/index',
    'pages/mine/index',
  ],
  // Secondary screens load on demand, keeping the main package (tab pages) small.
  subPackages: [
    // 问卷调查: resident screens (list, answer, thanks) and staff screens (manage, edit, results, 代录) share the
    // question renderer and the zod-free domain evaluator, so they live in one subpackage.
    {
      root: 'packages/survey',
      pages: ['pages/list/index', 'pages/answer/index', 'pages/thanks/index', 'pages/manage/index', 'pages/edit/index', 'pages/results/index', 'pages/assist/index'],
    },
    { root: 'packages/report', pages: ['pages/mine/index', 'pages/detail/index'] },
    // 隐私政策 / 用户服务协议 and 隐私与账号 (查阅、导出、注销).
    { root: 'packages/privacy', pages: ['pages/policy/index', 'pages/account/index'] },
    { root: 'packages/staff', pages: ['pages/queue/index', 'pages/detail/index', 'pages/overdue/index'] },
    { root: 'packages/unit', pages: ['pages/tasks/index', 'pages/detail/index'] },
    // 曝光台 detail and 红黑榜 (public); the staff editors (打码 tool, drafts, approval) load apart from them.
    { root: 'packages/board', pages: ['pages/exposure/index', 'pages/honor/index', 'pages/archive/index'] },
    {
      root: 'packages/board-admin',
      pages: ['pages/exposures/index', 'pages/candidates/index', 'pages/exposure-edit/index', 'pages/mask/index', 'pages/issues/index', 'pages/issue-edit/index'],
    },
    {
      root: 'packages/volunteer',
      pages: ['pages/event/index', 'pages/register/index', 'pages/scan/index', 'pages/signups/index', 'pages/record/index', 'pages/certificate/index', 'pages/mall/index', 'pages/requests/index'],
    },
    {
      root: 'packages/volunteer-admin',
      pages: ['pages/index/index', 'pages/event/index', 'pages/event-edit/index', 'pages/registrations/index', 'pages/mall/index', 'pages/requests/index', 'pages/corrections/index'],
    },
    // 数据看板 (staff), the published 责任单位排名通报 (everyone) and a unit's own figures (unit handlers).
    { root: 'packages/dashboard', pages: ['pages/index/index', 'pages/bulletin/index', 'pages/unit/index'] },
    { root: 'packages/ledger', pages: ['pages/export/index', 'pages/audit/index'] },
    // 城市设置 (admin): users and roles, 责任单位, grids and 包保, categories.
    { root: 'packages/admin', pages: ['pages/index/index', 'pages/users/index', 'pages/units/index', 'pages/grids/index', 'pages/grid-edit/index', 'pages/categories/index'] },
    // 考评: staff run schemes, review and publish 通报; unit handlers upload material and see their scores.
    { root: 'packages/assess', pages: ['pages/index/index', 'pages/scheme/index', 'pages/card/index', 'pages/mine/index', 'pages/bulletins/index', 'pages/bulletin/index'] },
  ],
  window: {
    navigationBarTitleText: '文明同行',
    navigationBarBackgroundColor: '#C8161D',
    navigationBarTextStyle: 'white',
    backgroundColor: '#F6F3EE',
    backgroundColorTop: '#C8161D',
    backgroundColorBottom: '#F6F3EE',
    backgroundTextStyle: 'light',
  },
  tabBar: {
    color: '#8E857C',
    selectedColor: '#C8161D',
    backgroundColor: '#FFFFFF',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tabbar/home.png', selectedIconPath: 'assets/tabbar/home-active.png' },
      { pagePath: 'pages/report/index', text: '随手拍', iconPath: 'assets/tabbar/report.png', selectedIconPath: 'assets/tabbar/report-active.png' },
      { pagePath: 'pages/exposure/index', text: '曝光台', iconPath: 'assets/tabbar/exposure.png', selectedIconPath: 'assets/tabbar/exposure-active.png' },
      { pagePath: 'pages/volunteer/index', text: '志愿', iconPath: 'assets/tabbar/volunteer.png', selectedIconPath: 'assets/tabbar/volunteer-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tabbar/mine.png', selectedIconPath: 'assets/tabbar/mine-active.png' },
    ],
  },
  // Only the components a page uses are injected (smaller startup). Required by WeChat for new projects.
  lazyCodeLoading: 'requiredComponents',
  // Privacy: 随手拍 takes photos and the location, 志愿 sign-in checks the location once; the check is on so the 隐私保护指引 flow applies.
  __usePrivacyCheck__: true,
  // wx.getLocation needs its purpose declared (and the API listed) to be callable.
  permission: {
    'scope.userLocation': { desc: '用于确定随手拍问题位置、志愿服务签到核验和服务地点' },
  },
  requiredPrivateInfos: ['getLocation'],
  style: 'v2',
})
