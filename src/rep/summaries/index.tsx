import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { formatChinaTime } from '@/core/shared/time'
import { EmptyView, LoadingView } from '@/components/StateView'
import { api } from '@/services/api'
import { PageError, useCommunityParam } from '../shared/repBits'
import { StaleNotice, useLoad } from '@/components/useLoad'
import { STATUS_TEXT } from '../shared/summaryBits'
import '../shared/summary.scss'
import { pageTextScale } from '@/services/textScale'
import { asButton } from '@/components/a11y'

/** 工作总结列表：保存过的总结（草稿、征求意见中、已公示），起草新的。 */
export default function SummariesPage() {
  // 没有 ?c= 时由函数取我的第一个代表、业委会或管理员身份所在的小区（一次调用）。
  const communityId = useCommunityParam()
  const { load, refresh, staleError } = useLoad(() => api.summary.list(communityId ? { communityId } : {}), [communityId])

  if (load.state === 'error') return <PageError load={load} onRetry={() => refresh()} title="无法查看工作总结" />
  if (load.state === 'loading') return <LoadingView />

  const data = load.data
  const draft = () => Taro.navigateTo({ url: `/rep/summary/index?c=${encodeURIComponent(data.communityId)}` })
  return (
    <View style={pageTextScale()} className="page sm-list">
      <View className="sm-list__head">
        <View className="sm-list__text">
          <Text className="sm-list__title">工作总结</Text>
          <Text className="muted">按报事、台账、问卷和公告的真实数字起草，每个数字都能点开看背后的记录。</Text>
        </View>
        <Button id="summary-new" type="primary" size="small" onClick={draft}>
          起草
        </Button>
      </View>
      <StaleNotice message={staleError} />
      <View
        {...asButton}
        className="sm-list__export"
        id="summaries-export"
        onClick={() => Taro.navigateTo({ url: `/rep/export/index?c=${encodeURIComponent(data.communityId)}` })}
      >
        <Text className="sm-link">导出 Excel 表格（报事登记、台账、公告、问卷）›</Text>
      </View>
      {data.items.length === 0 ? (
        <EmptyView
          title="还没有保存过总结"
          description="选好楼栋、种类和期间，系统先起草一份，你改好再征求居民意见、公示和导出。"
          action={{ text: '起草一份', onClick: draft }}
        />
      ) : (
        <View id="summaries">
          {data.items.map((s) => (
            <View
              {...asButton}
              key={s.id}
              className="card sm-item"
              id={`summary-item-${s.id}`}
              onClick={() => Taro.navigateTo({ url: `/rep/summary/index?id=${s.id}` })}
            >
              <View className="sm-item__head">
                <Text className="sm-item__title">{s.title}</Text>
                <Text className={`sm-tag sm-tag--${s.status}`}>{STATUS_TEXT[s.status]}</Text>
              </View>
              <Text className="muted">
                {s.kindLabel} · {s.scopeLabel} · {s.periodLabel}
              </Text>
              <Text className="muted">
                第 {s.latestVersion} 版 · {formatChinaTime(s.updatedAt)}
                {s.comments > 0 ? ` · 居民意见 ${s.comments} 条` : ''}
              </Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
