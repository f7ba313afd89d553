// 基准的对照页：一个只有 Taro + NutUI 的空壳应用（见 scripts/bench/h5.ts），与 src/ 同一份构建配置（LOUSHI_BARE_APP=1）。
export default defineAppConfig({
  pages: ['pages/index/index'],
  window: { navigationBarTitleText: '对照页' },
})
