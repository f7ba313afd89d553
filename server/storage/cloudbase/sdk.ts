/**
 * wx-server-sdk 数据库接口里用到的那一小部分（结构类型，便于在边缘注入）。
 * 单独成文件：各端口文件只依赖这些类型，不必互相引用。
 */
export type Data = Record<string, unknown>
export interface DocRef {
  get(): Promise<{ data: Data | null }>
  set(options: { data: Data }): Promise<unknown>
  update(options: { data: Data }): Promise<{ stats?: { updated: number } }>
  remove(): Promise<unknown>
}
export interface Query {
  where(condition: Data): Query
  update(options: { data: Data }): Promise<{ stats?: { updated: number } }>
  remove(): Promise<{ stats?: { removed: number } }>
  orderBy(field: string, direction: 'asc' | 'desc'): Query
  limit(n: number): Query
  get(): Promise<{ data: Data[] }>
  count(): Promise<{ total: number }>
}
export interface CollectionRef extends Query {
  doc(id: string): DocRef
  add(options: { data: Data }): Promise<unknown>
}
export interface TxCollectionRef {
  doc(id: string): DocRef
  add(options: { data: Data }): Promise<unknown>
}
export interface Transaction {
  collection(name: string): TxCollectionRef
}
export interface Command {
  in(values: unknown[]): unknown
  lt(value: unknown): unknown
  lte(value: unknown): unknown
  gt(value: unknown): unknown
  gte(value: unknown): unknown
  inc(n: number): unknown
  /** 整个替换一个字段的值。更新里直接写对象，SDK 会把它拆成逐个子字段的 $set（空对象则整个丢掉）。 */
  set(value: unknown): unknown
  or(conditions: Data[]): unknown
  and(conditions: unknown[]): Data
  exists(present: boolean): unknown
  /** 更新里删掉一个字段（$unset）。 */
  remove(): unknown
}
export interface CloudDatabase {
  command: Command
  collection(name: string): CollectionRef
  runTransaction<T>(run: (tx: Transaction) => Promise<T>, retries?: number): Promise<T>
}
