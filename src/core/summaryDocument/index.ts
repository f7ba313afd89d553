/** 一份工作总结：文档结构与渲染、存下的版本与意见、存储端口、各方看到的样子。公告要显示总结，总结又要发公告，所以文档与起草分成两层：这一层不依赖 notices。 */
export * from './period'
export * from './ports'
export * from './records'
export * from './render'
export * from './residentView'
export * from './types'
export * from './views'
