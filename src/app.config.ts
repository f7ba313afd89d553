export default defineAppConfig({
  // 主包只有落地页（二维码、海报与楼栋的分享卡片指向它）与两个旧路径上的转发页（见 components/MovedPage.tsx）：主包 ≤ 400 KiB。
  pages: ['pages/building/index', 'pages/track/index', 'pages/notice/index'],
  // 代表/业委会的页面放分包，居民扫码首次打开只下载主包。
  subPackages: [
    // 居民的其余页面：落地页一显示就预下载（preloadRule），点"我要报事"时多半已经下好，见 README"包的大小"。
    { root: 'resident', pages: ['report/index', 'mine/index', 'track/index', 'notices/index', 'notice/index'] },
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
    // 居民答卷：落地页上点问卷才下载，主包不带答卷页。
    { root: 'survey', pages: ['answer/index'] },
  ],
  // 落地页显示时在任何网络下预下载居民分包（约 240 KB）：WiFi 之外的网络也下，居民扫码来多半就是要报事。
  preloadRule: { 'pages/building/index': { network: 'all', packages: ['resident'] } },
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
