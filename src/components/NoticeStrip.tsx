/**
 * 占位（pages-admin 分支）：真正的公告条由另一位同事在写；合并时以 main 上的为准，这个文件整个替换掉。
 * 只为让落地页在它合并之前能编译：同样的 props，什么也不显示。
 */
export function NoticeStrip(_props: { buildingCode: string }) {
  return null
}
