/** 办公室的 Excel：报事登记、台账、公告知晓率与问卷合计（纯描述 + 用例；写文件在服务端）。 */
export * from './actions'
export * from './model'
export * from './schema'
export * from './sheets'
export * from './views'
