/**
 * 所有云函数的组装：本地宿主、测试与 stats、summary 的部署包从这里取。
 * 组装本身在 assembly.ts；这里接上写 Word（docx）与 Excel（exceljs）的函数。
 */
import type { FunctionName } from '../../src/core/api'
import { summaryToDocx } from '../summary/docx'
import { workbookToXlsx } from '../workbook/xlsx'
import {
  createAccountFunction,
  createAdminFunction,
  createHandlingFunction,
  createNoticesFunction,
  createReportsFunction,
  createStatsFunction as createStatsFunctionWith,
  createSummaryFunction as createSummaryFunctionWith,
  createSurveysFunction,
  createWorkLogFunction,
  type FunctionDeps,
} from './assembly'
import type { FunctionHandler } from './router'

export * from './assembly'

export const createStatsFunction = (deps: FunctionDeps): FunctionHandler => createStatsFunctionWith({ ...deps, toXlsx: workbookToXlsx })

export const createSummaryFunction = (deps: FunctionDeps): FunctionHandler => createSummaryFunctionWith({ ...deps, toDocx: summaryToDocx })

export const FUNCTION_FACTORIES: Record<FunctionName, (deps: FunctionDeps) => FunctionHandler> = {
  reports: createReportsFunction,
  handling: createHandlingFunction,
  stats: createStatsFunction,
  account: createAccountFunction,
  admin: createAdminFunction,
  notices: createNoticesFunction,
  worklog: createWorkLogFunction,
  surveys: createSurveysFunction,
  summary: createSummaryFunction,
}

export function createFunctions(deps: FunctionDeps): Record<FunctionName, FunctionHandler> {
  const entries = Object.entries(FUNCTION_FACTORIES).map(([name, factory]) => [name, factory(deps)])
  return Object.fromEntries(entries) as Record<FunctionName, FunctionHandler>
}
