/**
 * 四层测试,一个 jest:
 * unit(src/core 纯函数)· functions(云函数 + 真 SQLite 文件)·
 * mp(miniprogram-simulate 渲染真实的 weapp 构建)· e2e(Playwright + Chromium 驱动本地宿主上的 H5 构建)。
 */
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } }, module: { type: 'commonjs' } },
]

const base = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
  transformIgnorePatterns: ['/node_modules/', '/dist/'],
}

module.exports = {
  // 项目里的 testTimeout 不生效（jest 30 只认全局的），所以 20 s 写在这里；e2e 的文件各自设得更长。
  testTimeout: 20_000,
  projects: [
    { ...base, displayName: 'unit', testEnvironment: 'node', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    // 函数层要建真 SQLite 文件、起子进程加载部署包；2 核的 CI 上默认 5 s 偶尔不够。
    { ...base, displayName: 'functions', testEnvironment: 'node', testTimeout: 20_000, testMatch: ['<rootDir>/test/functions/**/*.test.ts'] },
    // 小程序层：首次加载分包页面要几秒，两个 jest 进程并行时默认的 5 s 不够稳。
    { ...base, displayName: 'mp', testEnvironment: 'jsdom', testTimeout: 20_000, testMatch: ['<rootDir>/test/mp/**/*.test.ts'] },
    { ...base, displayName: 'e2e', testEnvironment: 'node', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
}
