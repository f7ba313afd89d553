/**
 * 总结的措辞库（zh-CN）。这里只有文字，没有逻辑：起草器按 (范围, 期间开始月, 句子键) 的散列挑一个变体，
 * 同一栋楼同一期间总是同一句，不同楼栋读起来不一样。
 *
 * 写法约定：
 *   - {name} 是空，由起草器填：数字一律是占位符 {{f:id}}，文字是标签（分类名、期间……）。
 *   - 句子里不写任何数字：数字都从空里来（测试会查）。
 *   - 夸奖的词只出现在 judge.good 里，起草器只在数字够好、样本不少时用它。
 *   - cmp.lower 的每个变体都说出"低于"或"下降"；建议的每个变体都点出 {subject}。
 */
export const PRAISE_WORDS = ['较好', '良好', '较高', '显著', '优秀', '突出', '出色'] as const

export const PHRASES = {
  // —— 引言 ——
  'intro.representative': [
    '本人作为{scope}的业主代表，现将{period}的履职情况总结如下。{unit}共{households}，本期各项数字均取自楼事通的报事、工作台账与问卷记录。',
    '{period}，本人继续担任{scope}业主代表，服务{unit}{households}。以下按系统记录的数字，回顾本期的主要工作、不足与下一步打算。',
    '现就{period}担任{scope}业主代表的工作作一总结。{unit}共有{households}，文中数字均可在楼事通中查到对应记录。',
  ],
  // 起草人不是这栋楼的业主代表（业委会、居委会、物业、管理员）：不替别人说"本人担任业主代表"。
  'intro.representativeOther': [
    '{author}按业主代表履职总结的体例，整理{scope}{period}的工作情况。{unit}共{households}，数字均取自楼事通的报事、台账与问卷记录。',
    '本总结由{author}起草，回顾{period}{scope}在沟通协调、监督检查与权益维护方面的工作，覆盖{unit}{households}。',
    '现由{author}就{scope}{period}的业主服务工作作一总结。{unit}共有{households}，文中数字均可在楼事通中查到对应记录。',
  ],
  'intro.joint': [
    '{period}，{scope}居委会与{servers}共同做好社区服务与治理工作，覆盖{unit}{households}。现将本期工作总结如下，数字均来自楼事通的记录。',
    '现将{scope}居委会与{servers}{period}联合开展工作的情况总结如下。{unit}共{households}，以下各项数字均有系统记录可查。',
    '{period}，居委会与{servers}在{scope}协同服务{unit}{households}。本总结按报事、台账、公告与问卷的统计，回顾服务质量、社区治理与风险防控。',
  ],
  'intro.noProperty': [
    '{community}没有物业服务企业，由居民志愿者自管自治，{unit}共{households}。现将{period}居民服务工作总结如下，数字均取自楼事通记录。',
    '{period}，{scope}的志愿者与居民一起，在没有物业的情况下维护社区秩序、解决身边问题，服务{unit}{households}。以下按系统记录逐项总结。',
    '现就{scope}{period}的居民服务工作作一总结。小区无物业，日常事务由志愿者与居民议事会承担，覆盖{unit}{households}。',
  ],
  // 选了"无物业"但小区有物业：只讲居民自治这一块，不说小区没有物业。
  'intro.noPropertyWithCompany': [
    '本总结从居民自治的角度，回顾{scope}{period}志愿者与居民议事的工作，覆盖{unit}{households}；物业服务企业的工作另有总结。',
    '{period}，{scope}的志愿者与居民在物业服务之外，自发做了不少身边的事。以下按系统记录逐项总结，覆盖{unit}{households}。',
    '现就{scope}{period}居民自管自治的情况作一总结（{unit}共{households}），日常物业服务不在本文之列。',
  ],
  'intro.property': [
    '{period}，物业服务中心在{scope}为{unit}{households}提供服务。现将本期物业服务工作总结如下，数字均取自楼事通记录。',
    '现将{scope}物业服务{period}的工作情况总结如下。服务范围共{households}，文中数字均有系统记录可查。',
    '{period}，物业团队围绕{scope}{households}的日常需求开展服务。以下按报事、满意度与台账数据，回顾本期工作、查找不足。',
  ],
  // 选了"物业服务"但小区没有物业：按服务的条目写，服务由志愿者承担，不虚构物业服务中心。
  'intro.propertyNone': [
    '{community}目前没有物业服务企业，日常服务由居民志愿者承担。本总结按服务条目回顾{scope}{period}的情况，覆盖{unit}{households}。',
    '现按保洁、安保、维修等服务条目，回顾{scope}{period}由志愿者与居民承担的日常服务（小区没有物业服务企业），{unit}共{households}。',
    '{period}，{scope}在没有物业服务企业的情况下，靠志愿者与居民维持日常服务。以下按服务条目逐项总结，覆盖{unit}{households}。',
  ],
  'intro.oldEstate': [
    '{community}是老旧小区，{unit}共{households}。现将{period}{servers}的工作总结如下，并与以往作对比，数字均取自楼事通记录。',
    '{period}，{servers}在{community}这一老旧小区服务{unit}{households}。以下回顾本期工作，按系统记录的数字说成绩、也说不足。',
    '现就{scope}{period}的工作作一总结（{community}是老旧小区，{unit}共{households}）。文中数字均有记录可查，并与以往比较。',
  ],
  // 选了"老旧小区"但小区不是：只借它的体例，不说小区是老旧小区。
  'intro.oldEstateNot': [
    '本总结按老旧小区总结的体例，回顾{scope}{period}{servers}的工作，覆盖{unit}{households}，数字均取自楼事通记录。',
    '{period}，{servers}在{scope}服务{unit}{households}。以下借用老旧小区总结的章节，按系统记录的数字说成绩、也说不足。',
    '现就{scope}{period}{servers}的工作作一总结（{unit}共{households}），章节参照老旧小区总结的写法。',
  ],

  // —— 报事总览 ——
  'reports.overview': [
    '本期共收到居民报事{received}，其中报事报修{repair}、投诉{complaint}、建议{suggestion}。已办结{completed}，办结率{completion}{judgeCompletion}；居民确认已解决{resolved}，{resolutionName}{resolution}{judgeResolution}。',
    '{period}共受理居民反映的问题{received}（报修{repair}，投诉{complaint}，建议{suggestion}），办结{completed}，办结率{completion}{judgeCompletion}；其中居民确认解决的{resolved}，{resolutionName}{resolution}{judgeResolution}。',
    '从报事记录看，本期居民提出问题{received}：报修{repair}、投诉{complaint}、建议{suggestion}。目前已办结{completed}，办结率{completion}{judgeCompletion}；经居民确认已解决{resolved}，{resolutionName}{resolution}{judgeResolution}。',
  ],
  'reports.none': [
    '本期系统中没有收到居民报事，报事相关的比率暂无数据。',
    '{period}没有居民报事记录，因此办结率、解决率等无从计算。',
    '本期报事为零，相关比率不作评价。',
  ],
  'reports.compare': ['与以往相比：{list}。', '纵向比较：{list}。', '和以往对照：{list}。'],
  'reports.compareItem': ['{label}{figure}{cmp}'],
  'reports.affected': [
    '这些问题共涉及居民{affected}，其中"我也遇到"等关注{followers}。',
    '加上关注同一问题的居民（{followers}），本期报事涉及{affected}。',
    '按报事人与关注者合计，受影响的居民为{affected}（其中关注{followers}）。',
  ],
  'reports.categories': ['从分类看：{list}。', '按问题类别分：{list}。', '各类问题的数量与办结情况为：{list}。'],
  'reports.categoryItem': ['{category}{count}，办结率{rate}'],
  'reports.firstTime': [
    '一次解决率（第一次处理就被居民确认）为{figure}{judge}。',
    '第一次标记已处理就获居民确认的比例，即一次解决率，为{figure}{judge}。',
    '首次处理即解决的比例为{figure}{judge}。',
  ],

  // —— 响应与办结用时 ——
  'speed.summary': [
    '已响应的报事{responded}，首次响应平均用时{responseMean}，中位数在{responseMedian}；已标记处理的{handled}，从提交到标记处理平均{handlingMean}，中位数在{handlingMedian}。',
    '响应方面，{responded}报事得到首次响应，平均{responseMean}（中位数落在{responseMedian}）；{handled}已标记处理，从提交到处理平均{handlingMean}（中位数落在{handlingMedian}）。',
    '首次响应：{responded}，平均{responseMean}，中位数落在{responseMedian}；标记处理：{handled}，平均{handlingMean}，中位数区间为{handlingMedian}。',
  ],
  'speed.none': ['本期没有已响应或已处理的报事，响应与处理用时暂无数据。', '本期尚无可计算用时的报事。', '响应与处理用时本期没有数据。'],
  'speed.onTime': ['按本小区定的时限，{list}。', '对照各紧急程度的处理时限，{list}。', '及时率（时限内标记处理的比例）：{list}。'],
  'speed.onTimeItem': ['{urgency}报事及时率{figure}{judge}'],

  // —— 居民评价 ——
  'ratings.summary': [
    '居民确认解决时给出评价{count}：速度{speed}、态度{attitude}、效果{effect}。',
    '从居民的评价看（{count}），处理速度{speed}，服务态度{attitude}，处理效果{effect}。',
    '居民评价共{count}，三项均分分别为：速度{speed}，态度{attitude}，效果{effect}。',
  ],
  'ratings.none': ['本期没有居民评价。', '本期暂无居民对处理结果的评价。', '本期还没有居民给处理结果打分。'],

  // —— 比较（环比、同比） ——
  'cmp.higher': ['，较{side}的{previous}提高{change}', '，比{side}的{previous}高出{change}', '，{side}为{previous}，本期上升{change}'],
  'cmp.lower': ['，低于{side}的{previous}，下降{change}', '，较{side}的{previous}下降{change}', '，比{side}的{previous}低了{change}，有所下降'],
  'cmp.same': ['，与{side}持平，都是{previous}', '，和{side}一样为{previous}', '，与{side}的{previous}相同'],
  'cmp.noData': ['，{side}没有可比数据', '（{side}无记录，无法比较）', '，{side}暂无数据可比'],
  // 任一边样本不足：只报上期的数，不说升降。
  'cmp.thin': ['，{side}为{previous}，不作比较', '，{side}为{previous}，记录很少，不作比较', '，{side}为{previous}，数据太少，不比较升降'],
  'cmp.faster': ['，比{side}的{previous}缩短{change}', '，较{side}的{previous}快了{change}', '，{side}为{previous}，本期缩短{change}'],
  'cmp.slower': [
    '，比{side}的{previous}延长{change}，有所下降',
    '，较{side}的{previous}慢了{change}，速度低于{side}',
    '，{side}为{previous}，本期延长{change}，速度下降',
  ],
  'cmp.countMore': ['，较{side}的{previous}增加{change}', '，比{side}的{previous}多{change}', '，{side}为{previous}，本期多出{change}'],
  'cmp.countFewer': ['，较{side}的{previous}减少{change}，低于{side}', '，比{side}的{previous}少{change}，有所下降', '，{side}为{previous}，本期下降{change}'],

  // —— 评判的尾巴 ——
  'judge.good': ['，情况较好', '，整体良好', '，保持在较高水平'],
  'judge.low': ['，偏低', '，明显偏低', '，处于偏低水平'],

  // —— 台账 ——
  'worklog.inspection': [
    '开展巡查{count}，发现隐患{found}，其中已整改{fixed}、尚未整改{open}，整改完成率{rate}{judge}。',
    '本期巡查{count}，共查出隐患{found}：已整改{fixed}，仍待整改{open}，整改完成率为{rate}{judge}。',
    '通过{count}巡查发现各类隐患{found}，目前整改完成{fixed}，尚有{open}未整改，整改完成率{rate}{judge}。',
  ],
  'worklog.inspectionNone': ['本期台账中没有巡查记录。', '本期未记录巡查。', '台账里本期没有巡查。'],
  'worklog.inspectionAreas': ['巡查重点包括{list}。', '巡查覆盖了{list}等处。', '主要巡查了{list}。'],
  'worklog.meetings': ['本期召开{list}。', '本期共组织{list}。', '会议方面，召开{list}。'],
  'worklog.meetingItem': ['{type}{count}（参会{attendees}）'],
  'worklog.meetingsNone': ['本期台账中没有会议记录。', '本期未记录会议。', '台账里本期没有会议的记录。'],
  'worklog.topics': ['议题涉及{list}。', '会上讨论了{list}等事项。', '主要议题有{list}。'],
  'worklog.mediation': [
    '调解邻里矛盾纠纷{count}：调解成功{success}、未成功{failed}，仍在调解{ongoing}。',
    '本期介入矛盾纠纷{count}，成功化解{success}，未能化解{failed}，正在跟进{ongoing}。',
    '共调解纠纷{count}，化解{success}，未化解{failed}，尚在进行{ongoing}。',
  ],
  'worklog.mediationNoFailure': [
    '调解邻里矛盾纠纷{count}：调解成功{success}，仍在调解{ongoing}，没有调解失败的。',
    '本期介入矛盾纠纷{count}，成功化解{success}，正在跟进{ongoing}。',
    '共调解纠纷{count}，已化解{success}，尚在进行{ongoing}。',
    '本期调解纠纷{count}，成功{success}，还有{ongoing}在调解中，没有失败的。',
    '纠纷调解{count}：化解{success}，进行中{ongoing}。',
  ],
  // 成功率只对已有结果的说；全部还在调解时不给比率。
  'worklog.mediationRate': [
    '已有结果的调解中，成功率为{rate}{judge}。',
    '按已有结果的计算，调解成功率{rate}{judge}。',
    '不计仍在进行的，调解成功率为{rate}{judge}。',
    '调解成功率（只算已有结果的）为{rate}{judge}。',
    '已调结的纠纷中，成功的占{rate}{judge}。',
  ],
  'worklog.mediationNone': ['本期台账中没有调解记录。', '本期未记录矛盾纠纷调解。', '台账里本期没有调解的记录。'],
  'worklog.activities': [
    '组织社区活动{count}，参与居民{participants}。',
    '本期开展社区活动{count}，累计参与{participants}。',
    '社区活动{count}，参加的居民共{participants}。',
  ],
  'worklog.activityNames': ['活动包括{list}。', '其中有{list}。', '具体有{list}等。'],
  'worklog.activitiesNone': ['本期台账中没有社区活动记录。', '本期未记录社区活动。', '台账里本期没有社区活动的记录。'],
  'worklog.volunteer': [
    '开展志愿服务{count}，志愿者{people}，服务时长{hours}。',
    '志愿服务{count}，参与志愿者{people}，累计服务{hours}。',
    '本期志愿者共{people}参与志愿服务{count}，合计{hours}。',
  ],
  'worklog.volunteerNone': ['本期台账中没有志愿服务记录。', '本期未记录志愿服务。', '台账里本期没有志愿服务的记录。'],
  'worklog.coordination': ['与相关方沟通协调{count}，涉及{list}。', '本期就{list}等事项沟通协调{count}。', '沟通协调{count}，主要事项有{list}。'],
  'pdca.do': [
    '本期按流程受理并处理报事，标记处理{handled}，办结{completed}。',
    '执行层面，本期处理报事{handled}，其中已办结{completed}。',
    '本期落实到处理环节的报事{handled}，已办结{completed}。',
  ],
  'worklog.outcomes': ['协调的结果：{list}。', '几件事的进展：{list}。', '沟通下来的结果是：{list}。'],
  'worklog.decisions': ['会议议定：{list}。', '会上形成的决定有：{list}。', '经讨论决定：{list}。'],
  'engineering.fixed': [
    '巡查中发现并已整改的隐患{count}，包括{list}。',
    '本期查出后已修复的隐患有{count}，如{list}。',
    '经整改销号的隐患{count}，其中有{list}。',
  ],
  'reports.kindCategoryItem': ['{category}{count}'],
  'complaints.kinds': ['投诉按类型分：{list}。', '投诉集中在{list}。', '从投诉的类型看：{list}。'],
  'service.engineeringList': ['工程类报修按类别为：{list}。', '工程维修涉及：{list}。', '工程维修的项目分布为：{list}。'],
  'worklog.coordinationNone': ['本期台账中没有沟通协调记录。', '本期未记录沟通协调。', '台账里本期没有沟通协调的记录。'],

  // —— 信息公开 ——
  'notices.summary': [
    '通过楼事通发布公告{published}，居民知晓率（阅读人次/应知户次）为{readRate}{judge}。',
    '本期信息公开{published}，居民知晓率{readRate}{judge}。',
    '发布通知公告{published}，按阅读人次与应知户次计算的居民知晓率为{readRate}{judge}。',
  ],
  // 业主代表：面向本楼的公告里有业委会等发给全小区的，本人发的单说。
  'notices.summaryOwn': [
    '本期面向本楼的公告{published}，其中本人发布{own}，其余由业委会等发布；居民知晓率（阅读人次/应知户次）为{readRate}{judge}。',
    '本楼居民本期收到公告{published}（本人发布{own}，其余来自业委会等），居民知晓率{readRate}{judge}。',
    '本人本期发布通知公告{own}，连同业委会等发给本楼的，本楼共收到公告{published}；按阅读人次与应知户次计算的居民知晓率为{readRate}{judge}。',
  ],
  'notices.none': ['本期没有通过系统发布公告。', '本期系统中没有公告记录，居民知晓率无从计算。', '信息公开本期没有系统记录。'],

  // —— 问卷 ——
  'survey.summary': [
    '本期问卷共回收答卷{respondents}，答卷率{rate}{judge}。最近一轮满意度调查「{title}」各项得分（满分五分）：{list}。',
    '满意度问卷本期共收回{respondents}，答卷率{rate}{judge}；最近一轮「{title}」的各维度均分为：{list}。',
    '居民满意度调查本期回收{respondents}，答卷率{rate}{judge}；最近一轮「{title}」的分项得分：{list}。',
  ],
  // 只有自建问卷（评分题不对应通用维度）：逐题结果在下面单说。
  'survey.summaryNoDimensions': [
    '本期问卷共回收答卷{respondents}，答卷率{rate}{judge}。',
    '本期问卷收回{respondents}，答卷率{rate}{judge}。',
    '居民问卷本期回收{respondents}，答卷率{rate}{judge}。',
  ],
  'survey.item': ['{dimension}{figure}'],
  'survey.lowest': ['其中{dimension}得分相对最低（{figure}）。', '得分最低的是{dimension}（{figure}）。', '{dimension}是各项中最弱的一项（{figure}）。'],
  'survey.nps': [
    '净推荐值（NPS）为{figure}。它是愿意向亲友推荐本小区服务的居民比例减去不愿推荐的比例，在正负一百之间，越高越好。',
    '推荐意愿的净推荐值为{figure}（愿意推荐的比例减去不愿推荐的比例，正值说明推荐的人更多）。',
    'NPS 为{figure}：即愿意推荐的居民占比减去不愿推荐的占比。',
  ],
  'survey.npsNegative': [
    '净推荐值（NPS）为{figure}，是负数：不愿向亲友推荐的居民多于愿意推荐的（NPS 是愿意推荐的比例减去不愿推荐的比例）。',
    '推荐意愿的净推荐值为{figure}，低于零，说明不愿推荐的居民比愿意推荐的多。',
    'NPS 为{figure}，为负值——愿意推荐的居民比例减去不愿推荐的比例后小于零，这是需要正视的信号。',
  ],
  'survey.rounds': [
    '本期做了两轮同一模板的满意度调查，最近一轮「{latest}」与前一轮「{earlier}」相比：{list}。',
    '对照前一轮「{earlier}」，最近一轮「{latest}」的变化是：{list}。',
    '两轮满意度调查（「{earlier}」与「{latest}」）逐项对比：{list}。',
  ],
  'survey.roundsUntitled': [
    '本期做了两轮同一模板的满意度调查，最近一轮与前一轮相比：{list}。',
    '对照前一轮，最近一轮满意度调查的变化是：{list}。',
    '两轮满意度调查逐项对比：{list}。',
  ],
  'survey.roundUpItem': ['{dimension}从{before}升到{after}', '{dimension}由{before}提高到{after}'],
  'survey.roundDownItem': ['{dimension}从{before}降到{after}', '{dimension}由{before}下降到{after}'],
  'survey.roundSameItem': ['{dimension}两轮都是{after}'],
  'survey.roundThinItem': ['{dimension}前一轮{before}、最近一轮{after}（答题人数太少，不比较升降）'],
  'survey.noPrevious': ['{side}没有公布结果的满意度问卷，本期不作比较。', '{side}没有可比的满意度调查。', '满意度调查在{side}没有可比的结果。'],
  'survey.comparePrevious': ['与{side}的满意度调查相比：{list}。', '对照{side}的问卷：{list}。', '和{side}相比，{list}。'],
  'survey.cmpItem': ['{dimension}{figure}{cmp}'],
  'survey.custom': ['自建问卷「{title}」的结果：{list}', '问卷「{title}」：{list}', '在「{title}」中，{list}'],
  'survey.customRatings': ['评分题均分为{list}。', '各评分题的平均分：{list}。', '评分题得分{list}。'],
  'survey.customChoice': [
    '「{question}」一题共{answered}作答，选得最多的是「{first}」，{firstCount}；其次是「{second}」，{secondCount}。',
    '对「{question}」，{answered}作答，「{first}」得票最多（{firstCount}），「{second}」次之（{secondCount}）。',
    '「{question}」一题中（共{answered}作答），得票第一的是「{first}」，{firstCount}，第二是「{second}」，{secondCount}。',
  ],
  'survey.customChoiceOne': [
    '「{question}」一题共{answered}作答，选得最多的是「{first}」，{firstCount}。',
    '对「{question}」，{answered}作答，「{first}」得票最多（{firstCount}）。',
    '「{question}」一题中（共{answered}作答），得票第一的是「{first}」，{firstCount}。',
  ],
  // 并列第一：不排先后，说并列与各多少人。
  'survey.customChoiceTie': [
    '「{question}」一题共{answered}作答，{tied}并列第一，各{firstCount}。',
    '对「{question}」，{answered}作答，{tied}得票相同、并列第一，各{firstCount}。',
    '「{question}」一题中（共{answered}作答），{tied}并列第一，各得{firstCount}。',
  ],
  'plan.priorities': [
    '按居民在问卷里的选择，下一期优先安排：{list}。',
    '居民投票定下的优先事项：{list}，列入下一期计划。',
    '问卷中居民最希望先办的是：{list}，下一期据此安排。',
  ],
  'plan.priorityItem': ['「{label}」（{figure}选了它，共{answered}作答）'],
  'plan.priorityTieItem': ['{tied}（并列第一，各{figure}，共{answered}作答）'],
  'survey.pending': [
    '{list}尚未结束或答卷未到公布门槛，结果公布后再补进总结。',
    '另有{list}还在进行（或答卷不足门槛），按规定结果暂不公布，本文不作比较。',
    '{list}的结果要等问卷结束、答卷达到门槛后才公布，本文暂不引用。',
  ],
  // 分项只在问卷结束、且答卷达到问卷的门槛后公布。
  'survey.hidden': [
    '本期问卷回收答卷{respondents}，问卷尚未结束或答卷不足公布门槛，分项结果暂不公布。',
    '问卷答卷{respondents}；为保护答卷人，问卷结束且答卷达到门槛后才公布分项。',
    '本期答卷{respondents}，分项结果未到公布条件（问卷未结束或答卷不足门槛），从略。',
  ],
  'survey.none': ['本期没有开展满意度问卷。', '本期系统中没有问卷答卷。', '满意度调查本期没有数据。'],

  // —— 分项服务（按分类） ——
  'service.area': [
    '{area}方面，收到相关报事{count}，办结率{rate}{judge}。',
    '{area}：本期相关问题{count}，办结率为{rate}{judge}。',
    '关于{area}，居民反映{count}，已办结的比例为{rate}{judge}。',
  ],
  'service.areaNone': ['{area}方面，本期没有相关报事。', '{area}：本期居民没有反映相关问题。', '关于{area}，本期报事为零。'],
  'service.areaSurvey': ['居民对{area}的满意度为{figure}。', '{area}满意度得分{figure}。', '问卷中{area}一项得分{figure}。'],
  'complaints.summary': [
    '本期收到投诉{count}{cmp}，已办结{completed}，投诉办结率{rate}{judge}；从提交到处理平均{mean}（中位数在{median}）。',
    '投诉方面，本期共{count}{cmp}，办结{completed}，投诉办结率为{rate}{judge}，处理用时平均{mean}，中位数落在{median}。',
    '居民投诉{count}{cmp}。其中已办结{completed}，投诉办结率{rate}{judge}；平均处理用时{mean}，中位数区间{median}。',
  ],
  'complaints.none': ['本期没有收到投诉（{count}）。', '本期投诉为{count}。', '投诉记录本期为{count}。'],
  'repairs.summary': [
    '本期处理报修{count}{cmp}，首次响应平均{response}，维修完成率（报修办结率）{completion}{judgeCompletion}，修复后居民确认解决的比例{resolution}{judgeResolution}。',
    '报修{count}{cmp}，平均{response}得到首次响应；维修完成率{completion}{judgeCompletion}，居民确认修好的比例为{resolution}{judgeResolution}。',
    '维修方面，共接报修{count}{cmp}，首次响应平均用时{response}，报修办结率即维修完成率{completion}{judgeCompletion}，经居民确认修复的占{resolution}{judgeResolution}。',
  ],
  'repairs.none': ['本期没有报修（{count}）。', '本期报修为{count}。', '报修记录本期为{count}。'],
  'suggestions.collected': [
    '本期收集居民意见建议{count}，已办结{completed}，其中经提出人确认落实的{resolved}。',
    '居民提出意见建议{count}，已办结{completed}；提出人确认已落实的为{resolved}，其余仍待确认或办理。',
    '议事渠道收到建议{count}，办结{completed}，经居民确认落实{resolved}。',
  ],
  'service.repairList': ['报修按类别为：{list}。', '本期报修涉及：{list}。', '报修的类别分布为：{list}。'],

  // —— 典型案例 ——
  'case.open': [
    '{date}，有居民反映{place}的{category}问题，先后有{followers}表示同样遇到。',
    '{date}收到一件{category}问题，地点在{place}，关注的居民有{followers}。',
    '{place}的{category}问题于{date}提出，{followers}跟着关注。',
    '{followers}关注过{place}的这件{category}问题，它是{date}提出的。',
    '{date}登记的{category}问题出在{place}，同样遇到的居民有{followers}。',
  ],
  'case.openAlone': [
    '{date}，有居民反映{place}的{category}问题。',
    '{date}收到一件{category}问题，地点在{place}。',
    '{place}的{category}问题于{date}提出。',
    '{place}这件{category}问题，是居民{date}报上来的。',
    '{date}登记了一件{category}问题，出在{place}。',
  ],
  'case.openUrgent': [
    '{date}，居民紧急反映{place}的{category}问题，{followers}关注。',
    '{date}收到一件标为紧急的{category}问题，地点在{place}，关注的居民有{followers}。',
    '{place}的{category}问题于{date}以紧急报事提出，{followers}跟着关注。',
    '{place}的{category}问题{date}以紧急报事提交，同样遇到的有{followers}。',
    '{followers}关注的一件紧急{category}问题，{date}报自{place}。',
  ],
  'case.handled': [
    '受理后跟进处理，从提交到标记处理完毕用了{handling}。',
    '经受理、派人处理，{handling}后标记为已处理。',
    '处理方接单后着手解决，提交后{handling}处理完毕。',
    '从居民提交到处理完毕，共用{handling}。',
    '受理后{handling}即标记为已处理。',
  ],
  'case.stillOpen': [
    '至今已{openDays}，目前状态为"{status}"，仍未办结。',
    '提交后已过{openDays}，仍是"{status}"。',
    '这件事已拖了{openDays}，状态还停在"{status}"。',
    '到统计之日已有{openDays}，仍停在"{status}"。',
    '距提交已{openDays}，至今是"{status}"，没有办结。',
  ],
  'case.resolved': [
    '{resolved}，报事的居民确认问题已解决。',
    '居民于{resolved}确认已经解决。',
    '{resolved}居民回复确认，此事办结。',
    '{resolved}，居民确认已解决。',
    '报事的居民在{resolved}确认了处理结果。',
  ],
  'case.awaiting': [
    '目前等待报事的居民确认结果。',
    '处理结果还在等居民确认。',
    '现已办结，待居民确认。',
    '处理完毕，居民尚未确认。',
    '已标记处理，确认还在居民那里。',
  ],
  'case.lesson.mostFollowed': [
    '关注的人多说明是共性问题，集中力量办好一件，受益的是一片。',
    '这是本期关注最多的问题，办好它比办十件零散的小事更让居民放心。',
    '关注多的问题先办、办彻底，是本期最有效的做法之一。',
    '关注的人越多，越要先办、办彻底。',
    '一件办好，惠及所有关注它的邻居。',
  ],
  'case.lesson.fastestUrgent': [
    '紧急问题当天见效，说明值守和派单的机制管用。',
    '这是本期处理最快的紧急问题，可作为紧急报事的处理样板。',
    '紧急的事快办，居民看得见，也更愿意通过系统反映问题。',
    '快速响应让居民愿意继续用系统报事。',
    '紧急报事的处理速度，本期以这件为标杆。',
  ],
  'case.lesson.longestOpen': [
    '这件事列为下一期的督办重点，需要协调相关方面给出明确时间表。',
    '它说明部分问题卡在协调环节，下一期要专门盯住。',
    '拖得越久居民越失望，下一期必须有个结果。',
    '下一期要给这件事一个明确的结果。',
    '这件事提醒我们，协调难的问题更要有人盯到底。',
  ],
  'case.few': ['本期符合规则的典型案例不足两件，其余案例请代表补充。', '系统按规则只挑出少于两件典型案例。', '符合条件的典型案例不多，请补充。'],

  // —— 不足 ——
  'weakness.lowRate': [
    '{subject}为{figure}，偏低。',
    '{subject}只有{figure}，偏低，需要重视。',
    '{subject}{figure}，处于偏低水平。',
    '{subject}仅为{figure}，低于标准。',
    '{subject}{figure}，没有达到应有水平。',
  ],
  'weakness.lowCategory': [
    '{subject}为{figure}，偏低。',
    '{category}类问题办得较慢，办结率仅{figure}，偏低。',
    '{subject}{figure}，偏低，是本期的薄弱环节。',
    '{category}类问题办结得少，{subject}为{figure}。',
    '{subject}只有{figure}，是本期的短板。',
  ],
  'weakness.slowResponse': [
    '首次响应偏慢：用时的中位数落在{median}，平均{mean}。',
    '{subject}偏慢，首次响应用时的中位数在{median}，平均{mean}。',
    '响应不够及时：平均{mean}才有首次响应，中位数落在{median}。',
  ],
  'weakness.lowReach': [
    '{subject}为{figure}，偏低，不少居民没有看到公告。',
    '{subject}只有{figure}，偏低。',
    '公告的{subject}{figure}，处于偏低水平。',
    '公告读的人不多，{subject}为{figure}。',
    '{subject}停在{figure}，公告没有送到多数居民眼前。',
  ],
  'weakness.lowSurveyResponse': [
    '{subject}为{figure}，偏低，问卷结果的代表性有限。',
    '{subject}只有{figure}，偏低。',
    '{subject}{figure}，参与的居民偏少。',
    '答问卷的居民不多，{subject}为{figure}。',
    '{subject}仅{figure}，问卷代表性不足。',
  ],
  'weakness.lowMediation': ['{subject}为{figure}，偏低。', '{subject}只有{figure}，部分纠纷尚未化解。', '{subject}{figure}，处于偏低水平。'],
  'weakness.lateHandling': ['{subject}为{figure}，偏低。', '{subject}只有{figure}，超出时限的较多。', '{subject}{figure}，偏低，部分问题没有在时限内办结。'],
  'weakness.lowMean': [
    '{subject}为{figure}（{count}），偏低。',
    '{subject}仅{figure}（{count}），偏低。',
    '{subject}得分{figure}（{count}），偏低，居民不够满意。',
    '居民给{subject}打了{figure}（{count}），低于及格线。',
    '{subject}是{figure}（{count}），不够让居民满意。',
  ],
  'weakness.drop': [
    '{subject}为{figure}，低于{side}的{previous}，下降{change}。',
    '{subject}从{side}的{previous}下降到{figure}，低了{change}。',
    '{subject}{figure}，较{side}的{previous}下降{change}。',
    '{subject}由{side}的{previous}降为{figure}，低了{change}。',
    '{subject}比{side}的{previous}下降了{change}，现为{figure}。',
  ],
  'weakness.openHazards': [
    '本期发现的隐患中还有{figure}没有整改，包括{list}。',
    '尚有{figure}隐患未整改（{list}）。',
    '隐患整改未完成：仍有{figure}，如{list}。',
    '{figure}隐患还没整改：{list}。',
    '仍待整改的隐患有{figure}，例如{list}。',
  ],
  'weakness.longOpen': [
    '{what}至今已{figure}仍未办结。',
    '{what}拖了{figure}，超出时限仍未办结。',
    '长期未办结的问题：{what}，已{figure}。',
    '{what}已拖{figure}，仍未办结。',
    '{what}挂了{figure}还没有办结。',
  ],
  'weakness.negativeNps': [
    '{subject}为{figure}，不愿推荐的居民多于愿意推荐的。',
    '{subject}只有{figure}，是负数：不愿推荐的居民比乐于推荐的多。',
    '{subject}{figure}，低于零，不愿推荐的居民比愿意推荐的多，口碑还没有建立起来。',
    '{subject}是{figure}，愿意推荐的居民少于不愿推荐的。',
    '{subject}为{figure}，愿意向亲友推荐的居民少于不愿推荐的，推荐意愿偏弱。',
  ],
  'weakness.none': [
    '按系统设定的标准，本期各项指标没有发现偏低或下降的情况；但数字之外的问题仍请代表补充。',
    '本期数据中没有低于标准或较上期下降的指标。数据未覆盖的方面，请补充。',
    '从数据看，本期没有需要特别指出的不足；系统未记录的问题请代表补充。',
  ],

  // —— 建议（每条都点名 {subject}；{actor} 是对口的责任方，{target} 是下一期可检验的目标） ——
  'suggest.lowRate': [
    '请{actor}逐件梳理未办结、未确认的报事，明确责任人和时限，每周跟进，下一期把{subject}提高到{target}以上。',
    '{subject}下一期的目标是{target}以上：由{actor}建立未办结清单，按周督办，办结后及时请居民确认。',
    '把{subject}提到{target}以上：未完成的事项由{actor}逐一落实到人，每月通报一次进度。',
    '{subject}的目标定为{target}：{actor}每周梳理一次未办结的报事，逐件落实。',
    '请{actor}对未办结、未确认的报事建台账、定时限，把{subject}提到{target}以上。',
  ],
  'suggest.lowCategory': [
    '{category}类问题请{actor}专题对接，查明卡在哪个环节，下一期把{subject}提到{target}以上。',
    '对{category}类报事由{actor}设专人跟进、逐件督办，目标是{subject}不低于{target}。',
    '{category}类是短板：请{actor}每周过一遍这类报事并向居民公开进度，力争{subject}达到{target}。',
    '{category}类报事请{actor}专人跟进、逐件销号，{subject}的目标是{target}。',
    '请{actor}每周过一遍{category}类报事并公开进度，把{subject}提到{target}以上。',
  ],
  'suggest.slowResponse': [
    '改善{subject}：约定收到报事当天受理，安排轮值查看新报事，并开启新报事提醒。',
    '针对{subject}偏慢，开启新报事提醒、明确受理时限，力争让多数报事在一天内得到回应。',
    '{subject}需要提升：设立值班表，新报事先受理再处理，让居民尽早知道有人在管。',
  ],
  'suggest.lowReach': [
    '提高{subject}：重要公告同时张贴到单元门口、在楼栋群里转发链接，并请楼长逐户提醒，目标{target}以上。',
    '公告标题写明与居民的关系（停水、收费、施工），发布后隔天再提醒一次，把{subject}提到{target}以上。',
    '下一期把公告二维码贴在电梯与单元门，方便扫码阅读，力争{subject}达到{target}。',
    '重要公告在楼栋群和单元门同时发，并电话提醒老人，目标是{subject}达到{target}。',
    '每条公告发出后隔天再提醒一次，力争{subject}不低于{target}。',
  ],
  'suggest.lowSurveyResponse': [
    '提高{subject}：问卷前先发公告说明用途，并请楼长上门或在群里提醒，目标{target}以上。',
    '缩短问卷、延长答卷时间，并公布上一次问卷后的改进，让居民看到答卷有用，{subject}力争达到{target}。',
    '在居民集中的活动现场扫码答卷，把{subject}提到{target}以上。',
    '问卷前在楼栋群和公告栏说明用途，请楼长逐户提醒，{subject}力争到{target}。',
    '把问卷做短，并公开上次问卷后的改进，{subject}的目标是{target}。',
  ],
  'suggest.lowMediation': [
    '对未化解的纠纷邀请社区调解员或法律顾问参与并定期回访，把{subject}提到{target}以上。',
    '未成功的调解逐件复盘，必要时借助居委会、派出所等力量，{subject}的目标是{target}。',
    '为每一起未化解的纠纷定下回访时间，避免矛盾升级，力争{subject}达到{target}。',
  ],
  'suggest.lateHandling': [
    '对接近时限的报事提前提醒、紧急问题优先派单，下一期{subject}不低于{target}。',
    '按紧急程度排队处理，超时的逐件说明原因并公开，把{subject}提到{target}以上。',
    '每周检查超时清单并落实到具体处理人，{subject}的目标是{target}。',
  ],
  'suggest.lowMean': [
    '回访给出低分的居民，找出具体原因并公开改进措施，下次问卷把{subject}提到{target}以上。',
    '把{subject}反映的不满意之处列成整改清单，下期问卷检验效果，目标{target}以上。',
    '召开专题议事会听取意见，制定有针对性的改进办法，力争{subject}达到{target}。',
    '就{subject}上门或电话回访，逐条整改，力争下次问卷达到{target}。',
    '针对{subject}，先找出最不满意的两三件事集中改，下次问卷以{target}为目标。',
  ],
  'suggest.drop': [
    '{subject}较{side}下降，需查明是问题增多还是处理变慢，据此调整人手与流程，目标是回到{target}。',
    '对比两期的报事与台账，找出{subject}下降的原因并及时纠偏，下一期回到{side}的{target}。',
    '{subject}低于{side}：逐月盯住这一项，力争回到{target}。',
    '{subject}比{side}下降：逐月盯住，查明原因，目标回到{target}。',
    '找出{subject}下降的原因并对症调整，下一期回到{target}。',
  ],
  'suggest.openHazards': [
    '对{subject}逐项明确整改责任人和完成时限，整改后复查销号，下一期全部清零。',
    '{subject}列入下期重点，由{actor}限期整改，并在公告中公开进度。',
    '尽快消除{subject}：{list}，逐项落实整改并复查。',
    '{subject}请{actor}逐项定人定时整改，复查后销号，下一期清零。',
    '把{subject}列成清单贴在公告栏，整改一处销一处，请{actor}限期完成。',
  ],
  'suggest.negativeNps': [
    '回访打低分的居民（不问是谁，只问哪里不满意），把最集中的两三件事列为下一期重点，力争{subject}高于{target}。',
    '{subject}要由负转正（高于{target}）：把满意度最低的几项逐项改进，并在下一轮问卷前公开改进结果。',
    '把提升{subject}作为下一期的总目标，先解决居民评分最低的事项，下一轮问卷力争高于{target}。',
    '{subject}下一期的目标是高于{target}：先改评分最低的几项，再在问卷前公开改进情况。',
    '为让{subject}高于{target}，回访不满意的居民（不问身份），集中解决最常提到的问题。',
  ],
  'suggest.longOpen': [
    '{subject}已{figure}，请{actor}专题协调，给居民一个明确的处理时间表。',
    '把{subject}作为下一期的头号督办事项，逐周向报事居民通报进展。',
    '{subject}拖得太久，应召集相关方面对面协商，限期解决。',
    '请{actor}牵头专题协调{subject}，向报事居民给出时间表。',
    '{subject}下一期必须有结果：请{actor}每周通报一次进展。',
  ],

  // —— 进步 ——
  'gains.intro': ['与以往相比，本期有几项明显的进步：', '对照以往的记录，本期进步较大的有：', '本期的进步体现在：'],
  'gain.rateItem': ['{subject}从{side}的{previous}提高到{figure}', '{subject}由{side}的{previous}升至{figure}'],
  'gain.timeItem': ['{subject}从{side}的{previous}缩短到{figure}', '{subject}由{side}的{previous}降到{figure}'],
  'gain.meanItem': ['{subject}从{side}的{previous}提高到{figure}', '{subject}由{side}的{previous}升至{figure}'],
  // 业主代表对业主的话（指南：鼓励参与、共同维护秩序）：只在有对应的不足时说。
  'ownerAdvice.lowReach': [
    '也请各位邻居留意楼道与小程序里的公告，读到与自己相关的事转告同单元的老人，让居民知晓率{figure}这个数字往上走。',
    '公告发得再多，没人读也白费：本期居民知晓率只有{figure}，请邻居们打开小程序时顺手看一眼公告。',
    '请大家关注本楼的公告，停水、施工、收费这类事早知道少麻烦；本期居民知晓率只有{figure}。',
  ],
  'ownerAdvice.lowSurveyResponse': [
    '问卷是大家说话的机会，本期答卷率{figure}：下一次问卷请每户至少一人作答。',
    '请邻居们下一轮问卷抽两分钟作答，本期问卷答卷率只有{figure}，样本少了说服力就弱。',
    '满意度问卷的答卷率{figure}，偏低；希望下次每户都来填一份，意见才有分量。',
  ],
  'ownerAdvice.lowCategory': [
    '{category}类的事多半出在邻里之间，请大家相互体谅、先当面沟通，解决不了再找居委会调解员。',
    '关于{category}类问题，也请邻居们相互包容、主动沟通，需要时请居委会调解员出面。',
    '{category}类问题离不开邻里自觉：请大家遵守作息、相互体谅，有矛盾先沟通再调解。',
  ],
  'gains.none': [
    '按两期样本都不少于规定件数的标准，本期没有明显提升的指标。',
    '对照以往，本期各项指标没有达到"明显进步"的标准（两期样本都够、提升足够大）。',
    '本期没有可以称为明显进步的指标，保持现有水平的同时还需加把劲。',
  ],
  // 业主代表的关键句（指南要求：收集多少、解决多少、解决率，巡检多少、隐患多少、哪些未整改）。
  // 这里的解决率是指南的口径（已解决 / 登记，登记 = 收集的去掉重复与隐藏）；同一份总结里"已解决 / 已办结"改叫居民确认率，一个名字只有一个口径。
  'rep.keyLine': [
    '本期共收集居民反映{received}，已解决{resolved}，解决率（已解决占登记问题的比例）为{rate}；参与巡检{inspections}，发现隐患{found}{openPart}。',
    '一句话概括：收集问题{received}、解决{resolved}，解决率{rate}（重复与隐藏的不计），巡检{inspections}、查出隐患{found}{openPart}。',
    '{period}收集业主意见与报事{received}，协调解决{resolved}，按登记的问题算解决率为{rate}；巡检{inspections}，发现隐患{found}{openPart}。',
  ],
  // 列出的是未整改隐患里不同的几种（同一隐患不重复列），所以说"包括"，不像是全部。
  'rep.keyOpenItem': ['，其中{open}尚未整改，包括{list}'],
  // 无物业：解决率按指南的口径 = 已解决 / 登记。
  'noProperty.keyLine': [
    '{period}共收到居民反映的问题{received}，已解决{resolved}，解决率{rate}（已解决占登记的比例，重复与隐藏的不算登记）。',
    '本期收到居民反映的问题{received}，其中居民确认已解决{resolved}，解决率（解决 / 登记，重复与隐藏的不算登记）为{rate}。',
    '按"已解决 / 登记"计算（重复与隐藏的不算登记），本期收到问题{received}、已解决{resolved}，解决率为{rate}。',
  ],
  'coverage.partial': [
    '{period}尚未结束，本文数字截至{date}。',
    '说明：本期还没有结束，文中各项统计截至{date}。',
    '本文的统计截至{date}，{period}余下的日子不在其中。',
  ],
  // 记录从期间中途才开始：说出从哪天起有记录（日期是可追溯的占位符）。
  'coverage.thinPreviousSince': [
    '{side}仅有{since}以后的报事记录（收到报事{previous}），本文不拿比率与{side}比较升降。',
    '系统里的报事记录从{since}才开始，{side}只有{previous}报事，比率不作升降比较。',
    '报事记录始于{since}，{side}仅{previous}报事，文中不据此判断升降。',
  ],
  'coverage.previousSince': [
    '报事记录从{since}才开始，与{side}的比较只反映这以后的部分。',
    '系统自{since}起才有报事记录，文中与{side}的比较只覆盖这以后的时间。',
    '需要说明：{side}仅有{since}以后的报事记录，比较时请留意这一点。',
  ],
  'coverage.currentSince': [
    '系统自{since}起有本范围的报事记录，本期报事数字从那天算起。',
    '本范围的报事记录始于{since}，此前的情况不在统计之内。',
    '楼事通从{since}起才有本范围的报事记录，文中报事数字只覆盖这以后的时间。',
  ],
  'coverage.thinPrevious': [
    '{side}在系统中的记录很少（收到报事{previous}），本文不拿比率与{side}比较升降。',
    '系统里{side}只有{previous}报事记录，比率不作升降比较。',
    '由于{side}仅有{previous}报事记录，文中不据此判断升降。',
  ],

  // —— 经验、计划、结语 ——
  'experience.data': [
    '本期经验是：问题要记下来、数字要算清楚。居民反映最多的是{topCategory}类问题（{topCount}），说明这是大家最关心的事。',
    '回看本期记录，{topCategory}类问题最多（{topCount}），抓住居民最关心的事，工作才有的放矢。',
    '从数据中得到的体会：{topCategory}类问题占比最大（{topCount}），应作为日常工作的重点。',
  ],
  'plan.data': [
    '下一期将继续按时受理和跟进每一件报事，并把上述不足列为重点逐项改进。',
    '下一步，把本总结指出的每项不足落实到具体措施，并在下期总结中用数字检验。',
    '今后将坚持用数据说话，按期公开进度，逐项解决本期发现的问题。',
    '下一期逐项落实上面的措施，并在下期总结里用数字对账。',
    '以上目标下一期逐月跟进，期末用数字检验。',
  ],
  'closing.representative': [
    '以上是本人{period}的工作总结，欢迎邻居们提出意见和建议。',
    '总结到此，不足之处请大家批评指正，让我们一起把{scope}建设得更好。',
    '感谢各位邻居的支持，欢迎对本总结提出意见，下一期继续努力。',
  ],
  'closing.noProperty': [
    '没有物业的小区，更需要每一位居民出一份力。以上总结欢迎大家提出意见。',
    '感谢志愿者和居民的付出，欢迎对本总结提出意见和建议。',
    '以上是{period}的居民服务工作总结，请大家批评指正，共同守护{scope}。',
  ],

  'closing.selfGovern': [
    '居民自治靠的是每一位邻居。感谢志愿者和居民的付出，以上总结欢迎大家提出意见。',
    '感谢参与议事、值守和志愿服务的每一位居民，欢迎对本总结提出意见和建议。',
    '以上是{period}居民自治工作的总结，感谢大家的支持，请批评指正。',
  ],
  'closing.joint': [
    '感谢居民、志愿者和各方的配合。以上总结欢迎居民提出意见，下一期我们将按上面的计划逐项落实。',
    '以上是{period}的联合工作总结，感谢大家的支持与监督，不足之处请批评指正。',
    '社区治理离不开每一位居民。感谢大家一年来的理解与参与，欢迎对本总结提出意见。',
  ],
  'closing.service': [
    '感谢全体居民对服务工作的理解与监督。以上总结欢迎提出意见，下一期将按上面的措施逐项改进。',
    '以上是{period}的服务工作总结，感谢居民与志愿者的支持，不足之处请批评指正。',
    '服务做得好不好，居民最有发言权。感谢大家的反馈，欢迎对本总结继续提出意见。',
  ],
  // 落款：名义、称呼与日期（日期是占位符，可追到起草时刻）。
  'closing.signature': ['{author}{name}　{date}', '{author}　{name}　{date}', '{author}{name}，{date}'],
  'emergency.drills': [
    '本期组织应急演练{drills}，包括{list}，检验了预案与居民的应急意识。',
    '应急演练方面，开展{drills}（{list}），提高了居民的应急处置能力。',
    '本期开展{list}等应急演练{drills}，让居民熟悉疏散路线与器材使用。',
  ],

  // —— 缺口 ——
  gap: ['【待补充：{label}（{hint}）】'],
} as const satisfies Record<string, readonly string[]>

export type PhraseKey = keyof typeof PHRASES

/** 各总结的章节标题（与 docs/SUMMARY.md 的章节表一致）。 */
export const HEADINGS = {
  intro: '引言',
  introShort: '引言',
  mainWork: '主要工作与成果',
  communication: '沟通协调',
  supervision: '监督检查',
  rights: '权益维护',
  activities: '社区活动',
  problems: '存在的问题与不足',
  experience: '经验与体会',
  outlook: '未来工作展望与建议',
  personalPlan: '个人计划',
  adviceToOthers: '对业委会、物业与业主的建议',
  adviceNoProperty: '对业委会、志愿者与业主的建议',
  adviceCommittee: '对业委会',
  adviceProperty: '对物业',
  adviceVolunteers: '对志愿者与责任单位',
  adviceOwners: '对业主',
  closing: '结语',
  serviceQuality: '服务质量与环境',
  sanitation: '环境卫生',
  facilities: '设施设备',
  safety: '安全保障',
  convenience: '便民服务',
  governance: '社区治理与居民参与',
  jointMeetings: '联席会议',
  mediation: '矛盾纠纷化解',
  cultureVolunteer: '文化活动与志愿服务',
  disclosure: '信息公开',
  emergency: '应急管理与风险防控',
  challenges: '挑战与瓶颈',
  strategy: '策略与展望',
  highlights: '主要工作与亮点',
  commDisclosure: '沟通协调与信息公开',
  problemSolving: '问题解决与设施维护',
  participation: '社区活动与居民参与',
  finance: '资源管理与财务公开',
  cases: '典型案例',
  shortcomings: '挑战与不足',
  lessons: '经验与启示',
  plan: '计划',
  satisfaction: '客户满意度与体验',
  complaints: '投诉处理',
  surveyResults: '满意度调查',
  basicServices: '基础服务',
  cleaning: '保洁',
  security: '安保',
  repair: '维修',
  greenery: '绿化',
  parking: '停车',
  culture: '社区文化与增值服务',
  team: '团队建设',
  pdca: '持续改进（PDCA）',
  pdcaDo: '执行：本期落实的措施',
  pdcaCheck: '检查：本期发现的问题',
  pdcaAct: '处理：改进措施',
  pdcaPlan: '计划：下一期安排',
  annualReview: '年度回顾',
  publicOrder: '公共秩序与安防',
  engineering: '工程维修',
  residentService: '社区服务与居民沟通',
  fees: '费用与财务',
  teamShort: '团队',
  issues: '问题与不足',
  improvement: '改进措施与展望',
} as const

/** 缺口：系统里没有的数据，留给起草人填。 */
export const GAPS = {
  finance: { label: '本期财务收支情况', hint: '系统中没有记录经费数据' },
  communityFund: { label: '社区基金的收入、支出与结余', hint: '系统中没有记录社区基金' },
  fees: { label: '物业费收缴率与公共收益收支', hint: '系统中没有记录收费与财务数据' },
  feesNoProperty: { label: '公共收益、维修资金与自筹经费的收支', hint: '系统中没有记录收费与财务数据' },
  team: { label: '团队人员、培训与考核情况', hint: '系统中没有记录团队数据' },
  personal: { label: '个人的体会与感受', hint: '这部分只有您自己知道' },
  personalPlan: { label: '个人下一期的具体计划', hint: '请结合上面的建议填写' },
  valueAdded: { label: '增值服务项目及收入', hint: '系统中没有记录增值服务' },
  emergencyDrills: { label: '应急预案与演练情况', hint: '系统中没有记录应急演练' },
  emergencyPlan: { label: '应急预案的修订与物资储备', hint: '系统中只记录了演练，没有记录预案' },
  parkingOps: { label: '停车位数量与管理措施', hint: '系统中没有记录停车管理数据' },
  pdcaDo: { label: '本期落实的服务改进措施', hint: '系统中本期没有报事与台账记录' },
  pdcaPlan: { label: '下一期改进计划的责任人与时间表', hint: '请按上面的建议落实到人' },
  moreCases: { label: '其余典型案例', hint: '系统按规则挑出的案例不足两件' },
} as const

/** 典型案例的标题。 */
export const CASE_TITLES = {
  mostFollowed: '关注最多的问题',
  fastestUrgent: '处理最快的紧急问题',
  longestOpen: '拖得最久的问题',
} as const

/** 标题："{scope}{period}{kindLabel}"。 */
export const TITLE = ['{scope}{period}{kind}'] as const
