export default defineAppConfig({
  pages: ['pages/building/index', 'pages/report/index', 'pages/mine/index', 'pages/track/index', 'pages/notices/index', 'pages/notice/index'],
  // 代表/业委会的页面放分包，居民扫码首次打开只下载主包。
  subPackages: [
    {
      root: 'rep',
      pages: [
        'queue/index',
        'detail/index',
        'stats/index',
        'qrcode/index',
        'notices/index',
        'noticeEdit/index',
        'worklog/index',
        'worklogEdit/index',
        'admin/index',
        'join/index',
        'surveys/index',
        'surveyEdit/index',
        'surveyResults/index',
        'summaries/index',
        'summary/index',
        'export/index',
      ],
    },
    // 居民答卷：落地页上点问卷才下载，主包不带答卷页（主包要留在 600 KB 以内）。
    { root: 'survey', pages: ['answer/index'] },
  ],
  window: {
    navigationBarTitleText: '楼事通',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f4f5f7',
    backgroundTextStyle: 'dark',
  },
  lazyCodeLoading: 'requiredComponents',
  // 隐私协议：使用 wx.chooseMedia 等隐私接口前由平台弹窗授权。
  ...({ __usePrivacyCheck__: true } as object),
})
