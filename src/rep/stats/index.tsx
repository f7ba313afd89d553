import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { CATEGORY_IDS, CATEGORY_LABELS, RATING_DIMENSION_LABELS, RATING_DIMENSIONS, URGENCIES, URGENCY_LABELS } from '@/core/shared/catalog'
import { formatRate, formatReadRate, RATE_LABELS, SMALL_SAMPLE, type Rate } from '@/core/shared/rates'
import { DURATION_BIN_LABELS, type DurationFigure } from '@/core/reports/tallySource'
import { formatMinutes } from '@/core/shared/time'
import type { OverdueLimits } from '@/core/directory/model'
import type { PeriodStats } from '@/core/dashboard/views'
import { STATUS_GROUP_LABELS, STATUS_GROUPS } from '@/core/reports/workflow'
import { LoadingView } from '@/components/StateView'
import { api } from '@/services/api'
import { BuildingLoadError, useBuildingLoad } from '../shared/useBuildingLoad'
import '../shared/reportBits.scss'
import './index.scss'
import { pageTextScale } from '@/services/textScale'
import { asButton } from '@/components/a11y'

/** "平均响应 2.5 小时（12 件，中位数 1–4 小时）"；没有数据时说明缺什么。 */
function durationLine(label: string, figure: DurationFigure, none: string): string {
  if (figure.meanMinutes === null) return `${label} —（${none}）`
  return `${label} ${formatMinutes(figure.meanMinutes)}（${figure.count} 件，中位数 ${DURATION_BIN_LABELS[figure.medianBin!]}）`
}

type Change = { text: string; tone: 'up' | 'down' | 'flat' }

/**
 * 与上期比：件数的差（"较上月多 3 件"），比率的百分点差（"较上月低 5 个百分点"）；上期没有数据时说没有可比的。
 * 本期还没过完（本月至今）时不说升降：只列上期全期的数，中性色（几天对一整月，升降没有意义）。
 */
function countChange(now: number, before: number, unit: string, previousLabel: string, partial: boolean): Change {
  if (partial) return { text: `${previousLabel}全月 ${before} ${unit}（本期还没过完，不比多少）`, tone: 'flat' }
  if (now === before) return { text: `与${previousLabel}持平`, tone: 'flat' }
  return { text: `较${previousLabel}${now > before ? '多' : '少'} ${Math.abs(now - before)} ${unit}`, tone: now > before ? 'up' : 'down' }
}
function rateChange(now: Rate, before: Rate, previousLabel: string, partial: boolean): Change | null {
  if (now.percent === null) return null
  if (before.percent === null) return { text: `${previousLabel}没有可比数据`, tone: 'flat' }
  if (partial) return { text: `${previousLabel}全月 ${before.percent}%（本期还没过完，不比高低）`, tone: 'flat' }
  const d = now.percent - before.percent
  if (d === 0) return { text: `与${previousLabel}持平（${before.percent}%）`, tone: 'flat' }
  return { text: `较${previousLabel}${d > 0 ? '高' : '低'} ${Math.abs(d)} 个百分点（${before.percent}%）`, tone: d > 0 ? 'up' : 'down' }
}

function Compare({ id, label, change }: { id: string; label: string; change: { text: string; tone: string } | null }) {
  if (!change) return null
  return (
    <View className="compare__row" id={id}>
      <Text className="compare__label">{label}</Text>
      <Text className={`compare__value compare__value--${change.tone}`}>{change.text}</Text>
    </View>
  )
}

function PeriodCard({
  id,
  stats,
  previous,
  previousLabel,
  limits,
}: {
  id: string
  stats: PeriodStats
  previous: PeriodStats
  previousLabel: string
  limits: OverdueLimits
}) {
  const { figures: tally } = stats
  const { response } = tally
  const top = Math.max(1, ...CATEGORY_IDS.map((c) => tally.byCategory[c]))
  const categories = CATEGORY_IDS.filter((c) => tally.byCategory[c] > 0).sort((a, b) => tally.byCategory[b] - tally.byCategory[a])
  return (
    <View className="card period" id={id}>
      <View className="period__head">
        <Text className="card-title">{stats.label}</Text>
        <Text className="period__total" id={`${id}-total`}>
          收到 {tally.received} 件
        </Text>
      </View>
      <View className="compare" id={`${id}-compare`}>
        <Compare
          id={`${id}-compare-received`}
          label="收到"
          change={countChange(tally.received, previous.figures.received, '件', previousLabel, stats.progress.partial)}
        />
        <Compare
          id={`${id}-compare-completion`}
          label={RATE_LABELS.completion}
          change={rateChange(tally.completion, previous.figures.completion, previousLabel, stats.progress.partial)}
        />
        <Compare
          id={`${id}-compare-resolution`}
          label={RATE_LABELS.resolution}
          change={rateChange(tally.resolution, previous.figures.resolution, previousLabel, stats.progress.partial)}
        />
      </View>
      <Text className="period__rate" id={`${id}-completion`}>
        {formatRate(RATE_LABELS.completion, tally.completion)}
      </Text>
      <Text className="period__rate" id={`${id}-resolution`}>
        {formatRate(RATE_LABELS.resolution, tally.resolution)}
      </Text>
      <Text className="period__rate" id={`${id}-first-time`}>
        {formatRate(RATE_LABELS.firstTime, tally.firstTime)}
      </Text>
      <Text className="period__rate" id={`${id}-response`}>
        {durationLine('平均响应', response, '暂无已响应的报事')}
      </Text>
      <Text className="period__rate" id={`${id}-handling`}>
        {durationLine('平均办结用时', tally.handling, '暂无已处理的报事')}
      </Text>
      <Text className="period__rate" id={`${id}-notice-reads`}>
        {formatReadRate('公告知晓率', stats.noticeReads, true)}
      </Text>
      <Text className="muted period__rate-note">
        办结 = 代表已处理（含待居民确认），分母不含已隐藏与重复；解决 = 居民确认已解决，分母为已办结；一次解决 = 第一次标记已处理就被确认，分母为标记过已处理的
      </Text>
      <View className="figures">
        <View className="figure" id={`${id}-confirmed`}>
          <Text className="figure__value">{tally.byStatus.resolved}</Text>
          <Text className="muted">居民确认已解决</Text>
        </View>
        <View className="figure" id={`${id}-affected`}>
          <Text className="figure__value">{tally.affected}</Text>
          <Text className="muted">受影响居民</Text>
        </View>
        <View className="figure" id={`${id}-followers`}>
          <Text className="figure__value">{tally.followers}</Text>
          <Text className="muted">人次关注</Text>
        </View>
      </View>
      <Text className="muted period__rate-note">受影响居民 = 报事人 + "我也遇到"的关注者（重复、隐藏的不计）</Text>
      <View className="urgency" id={`${id}-urgency`}>
        {URGENCIES.map((u) => {
          const h = tally.handlingByUrgency[u]
          const onTime = stats.onTime[u]
          return (
            <View className="urgency__item" key={u} id={`${id}-urgency-${u}`}>
              <Text className="urgency__line">
                <Text className={`tag tag--${u}`}>{URGENCY_LABELS[u]}</Text> {tally.byUrgency[u]} 件
                {h.meanMinutes === null ? '，暂无已处理的' : `；已处理 ${h.count} 件，平均用时 ${formatMinutes(h.meanMinutes)}`}
              </Text>
              {onTime && onTime.denominator > 0 && <Text className="muted urgency__on-time">{formatRate(`${limits[u]} 小时内处理`, onTime)}</Text>}
            </View>
          )
        })}
      </View>
      <View className="ratings" id={`${id}-ratings`}>
        <Text className="ratings__title">居民评价</Text>
        {tally.ratings.speed.count === 0 && tally.ratings.attitude.count === 0 && tally.ratings.effect.count === 0 ? (
          <Text className="muted">暂无评价</Text>
        ) : (
          RATING_DIMENSIONS.map((d) => {
            const r = tally.ratings[d]
            return (
              <View className="rating" key={d}>
                <Text className="rating__label">{RATING_DIMENSION_LABELS[d]}</Text>
                {r.mean === null ? (
                  <Text className="muted">暂无评价</Text>
                ) : (
                  <Text>
                    {/* 整颗星只画到整数分（4.5 分画 4 颗），分数写在旁边。 */}
                    <Text className="stars">
                      {'★'.repeat(Math.floor(r.mean))}
                      {'☆'.repeat(5 - Math.floor(r.mean))}
                    </Text>{' '}
                    {r.mean.toFixed(1)} 分
                    <Text className="muted">
                      （{r.count} 条{r.count < SMALL_SAMPLE ? '，样本较少' : ''}）
                    </Text>
                  </Text>
                )}
              </View>
            )
          })
        )}
      </View>
      <View className="groups">
        {STATUS_GROUPS.map((g) => (
          <View className="group" key={g}>
            <Text className="group__count">{tally.byGroup[g]}</Text>
            <Text className="muted">{STATUS_GROUP_LABELS[g]}</Text>
          </View>
        ))}
      </View>
      {categories.length === 0 ? (
        <Text className="muted">本期暂无报事</Text>
      ) : (
        categories.map((c) => (
          <View className="bar" key={c}>
            <Text className="bar__label">{CATEGORY_LABELS[c]}</Text>
            <View className="bar__track">
              <View className="bar__fill" style={{ width: `${(tally.byCategory[c] / top) * 100}%` }} />
            </View>
            <Text className="bar__value">{tally.byCategory[c]}</Text>
          </View>
        ))
      )}
    </View>
  )
}

const NEW_REPORT_TEMPLATE = process.env.TARO_ENV === 'weapp' ? process.env.TARO_APP_TEMPLATE_NEW_REPORT : ''

/** 一次性订阅：每同意一次，下一条新报事会发一条服务通知。 */
async function subscribeNewReports() {
  if (!NEW_REPORT_TEMPLATE) return
  try {
    const result = await Taro.requestSubscribeMessage({ tmplIds: [NEW_REPORT_TEMPLATE], entityIds: [] })
    const accepted = (result as unknown as Record<string, string>)[NEW_REPORT_TEMPLATE] === 'accept'
    Taro.showToast({ title: accepted ? '已开启，下一条新报事会通知你' : '未开启提醒', icon: 'none' })
  } catch {
    Taro.showToast({ title: '无法开启提醒，请在微信设置里允许通知', icon: 'none' })
  }
}

/** 满意度问卷：今年开始、已结束的问卷在本楼公布的各维度均分，与上年比；问卷没结束或本楼不到门槛时不显示均分。 */
function Satisfaction({ year, previous }: { year: PeriodStats; previous: PeriodStats }) {
  const before = new Map(previous.satisfaction.dimensions.map((d) => [d.dimension, d.mean]))
  return (
    <View className="card satisfaction" id="stats-satisfaction">
      <Text className="card-title">满意度（{year.label}的问卷）</Text>
      {year.satisfaction.respondents === 0 ? (
        <Text className="muted">{year.label}还没有本楼的问卷答卷</Text>
      ) : (
        <>
          <Text className="muted">本楼 {year.satisfaction.respondents} 份答卷；均分满分 5 分，括号里是上年；只算已结束、本楼答卷达到门槛的问卷</Text>
          {year.satisfaction.dimensions.length === 0 && (
            <Text className="muted" id="stats-satisfaction-pending">
              问卷结束、且本楼答卷达到问卷的门槛后显示均分
            </Text>
          )}
          {year.satisfaction.dimensions.map((d) => {
            const old = before.get(d.dimension)
            const diff = d.mean !== null && old != null ? Math.round((d.mean - old) * 10) / 10 : null
            return (
              <View className="bar" key={d.dimension} id={`stats-satisfaction-${d.dimension}`}>
                <Text className="bar__label">{d.label}</Text>
                <View className="bar__track">
                  <View className={`bar__fill ${d.mean !== null && d.mean < 3.5 ? 'bar__fill--low' : ''}`} style={{ width: `${((d.mean ?? 0) / 5) * 100}%` }} />
                </View>
                <Text className="bar__value satisfaction__value">
                  {d.mean === null ? '答卷太少' : d.mean.toFixed(1)}
                  {old != null && <Text className="muted">（{old.toFixed(1)}）</Text>}
                  {diff !== null && diff !== 0 && (
                    <Text className={diff > 0 ? 'compare__value--up' : 'compare__value--down'}>{diff > 0 ? ` ↑${diff}` : ` ↓${Math.abs(diff)}`}</Text>
                  )}
                </Text>
              </View>
            )
          })}
        </>
      )}
    </View>
  )
}

/** 代表看本楼的统计：超时与隐患、本月与本年（与上期比）、满意度、近 12 个月走势。 */
export default function BuildingStatsPage() {
  const { code, load, refresh } = useBuildingLoad((buildingCode) => api.stats.building({ buildingCode }))
  if (load.state === 'loading') return <LoadingView />
  if (load.state === 'error') return <BuildingLoadError code={code} load={load} refresh={refresh} title={['出了点问题', '无法查看']} />

  const stats = load.data
  const peak = Math.max(1, ...stats.trend.map((t) => t.received))
  return (
    <View style={pageTextScale()} className="page stats-page">
      <View className="stats-title">
        <Text className="stats-title__name">
          {stats.building.communityName} · {stats.building.name}
        </Text>
        <Text className="muted">{stats.building.households} 户 · 数据按北京时间分月，状态为当前状态</Text>
      </View>
      <View className={`card overdue ${stats.overdueNow > 0 ? 'overdue--alert' : ''}`} id="stats-overdue">
        <View className="overdue__main">
          <Text className="overdue__count">
            {stats.overdueNow}
            <Text className="overdue__unit"> 件</Text>
          </Text>
          <View className="overdue__text">
            <Text className="overdue__title">此刻超时未办结</Text>
            <Text className="muted">
              提交后紧急 {stats.overdueHours.urgent} 小时、一般 {stats.overdueHours.normal} 小时仍未办结即为超时
            </Text>
          </View>
        </View>
        <Button
          className="overdue__go"
          id="stats-go-queue"
          size="small"
          type="primary"
          onClick={() => Taro.navigateTo({ url: `/rep/queue/index?b=${stats.building.code}${stats.overdueNow > 0 ? '&f=overdue' : ''}` })}
        >
          {stats.overdueNow > 0 ? '去处理' : '处理报事'}
        </Button>
      </View>
      <View className="tools">
        <Button
          className="tools__qr"
          size="small"
          type="primary"
          fill="outline"
          onClick={() => Taro.navigateTo({ url: `/rep/qrcode/index?b=${stats.building.code}` })}
        >
          楼栋二维码
        </Button>
        <Button
          className="tools__export"
          id="stats-export"
          size="small"
          type="primary"
          fill="outline"
          onClick={() => Taro.navigateTo({ url: `/rep/export/index?b=${stats.building.code}` })}
        >
          导出 Excel
        </Button>
        {NEW_REPORT_TEMPLATE && (
          <Button className="tools__subscribe" size="small" fill="outline" onClick={subscribeNewReports}>
            新报事提醒
          </Button>
        )}
      </View>
      <View {...asButton} className="card hazards" id="stats-hazards" onClick={() => Taro.navigateTo({ url: `/rep/worklog/index` })}>
        <Text className={`hazards__count ${stats.openHazards > 0 ? 'hazards__count--alert' : ''}`}>{stats.openHazards}</Text>
        <View className="hazards__text">
          <Text className="overdue__title">未整改隐患</Text>
          <Text className="muted">本楼巡查发现、还没有标记整改的隐患；点开看工作台账</Text>
        </View>
        <Text className="hazards__arrow">›</Text>
      </View>
      <PeriodCard id="stats-month" stats={stats.month} previous={stats.previousMonth} previousLabel="上月" limits={stats.overdueHours} />
      <PeriodCard id="stats-year" stats={stats.year} previous={stats.previousYear} previousLabel="上年" limits={stats.overdueHours} />
      <Satisfaction year={stats.year} previous={stats.previousYear} />
      <View className="card">
        <Text className="card-title">近 12 个月的报事</Text>
        <Text className="muted trend__range">
          {stats.trend[0].month.replace('-', '年')}月 — {stats.trend[stats.trend.length - 1].month.replace('-', '年')}月
        </Text>
        <View className="trend__legend">
          <Text className="trend__key">收到</Text>
          <Text className="trend__key trend__key--resolved">其中居民已确认解决</Text>
        </View>
        <View className="trend">
          {stats.trend.map((t) => (
            <View className="trend__col" key={t.month}>
              <Text className="trend__value">{t.received}</Text>
              <View className="trend__track">
                <View className="trend__bar" style={{ height: `${(t.received / peak) * 100}%` }} />
                <View className="trend__bar trend__bar--resolved" style={{ height: `${(t.resolved / peak) * 100}%` }} />
              </View>
              <Text className="trend__label">{Number(t.month.slice(5))}月</Text>
            </View>
          ))}
        </View>
      </View>
    </View>
  )
}
