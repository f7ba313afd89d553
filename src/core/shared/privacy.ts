/**
 * 去掉居民文字里的个人信息：总结、公告、导出里只要引居民的话，都先过这里。纯函数。
 *
 * 换成〔…〕标记（不留任何一位数字）：电话（手机、座机、+86，数字之间有空格、横线、点，全角数字也算）、
 * 身份证号（18 位含末位 X）、其他 7 位以上的数串（QQ、卡号……）、房号（2单元1502、3-1502、1-2-302、1502室、
 * 住1502、1502的业主、15楼、十五层）、"我是/我叫/本人/姓…"后面与紧跟在门牌后面的姓名、"王女士、李阿姨"这样的称呼、微信号、邮箱。
 * 留下不动：日期（2026-11-03、11月3日、3号）、带单位的金额与数量（3000000元、5 天）、楼栋（3号楼）、
 * 单独的"2单元"（一个单元几十户，与楼栋一样不指向某一户；后面跟着门牌时连同单元一起换掉）。
 * 认不出的写法（汉字写的电话、没有引导词的人名）会漏：所以案例默认不引原话，引用须代表逐件选，且页面上先给他看。
 */

export const MASK = {
  phone: '〔电话〕',
  idNumber: '〔证件号〕',
  number: '〔号码〕',
  room: '〔房号〕',
  name: '〔姓名〕',
  wechat: '〔微信号〕',
  email: '〔邮箱〕',
} as const

interface Span {
  start: number
  end: number
  mask: string
}

/** 全角数字、字母与常见标点换成半角，一字换一字（下标不变，找到的范围可以直接用在原文上）。 */
function halfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ')
}

/** 常见姓氏（单字与几个复姓）：只在"我是、我叫、姓、女士、阿姨"这类上下文里用，减少误伤。 */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝'
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '令狐', '慕容', '司徒', '夏侯', '尉迟', '公孙', '长孙', '宇文']
const SURNAME = `(?:${COMPOUND_SURNAMES.join('|')}|[${SURNAMES}])`
const HONORIFIC = '(?:女士|先生|小姐|阿姨|叔叔|大爷|大妈|大娘|大姐|大哥|奶奶|爷爷|婆婆|老师|师傅|老太太|老太|老先生)'
/** 姓名后面常跟的字：名字到这里为止（"王秀英电话…"取"王秀英"）。 */
const NAME_STOP = '电手联住在家的是，,。.、；;：:！!？?（(）) 号楼室单元栋层业租户房打与跟说反映想要请我们今昨前这那有也又就都把被给对向从到了呢吧啊哦嗯'
const CN_NUM = '[一二三四五六七八九十两]'

const DIGIT_GROUPS = /\+?\d(?:[ \-.·—–_/()]{0,2}\d)*/g
const DATE = /(?<!\d)(?:\d{4}[-./年]\d{1,2}(?:[-./月]\d{1,2}日?)?|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})(?!\d)/g
const AMOUNT_AFTER = /^\s*(?:元|块|万|千|百|亿|%|％|米|平|㎡|斤|公斤|克|个|次|件|天|小时|分钟|年|月|日|号楼|人|户|辆|层|楼|岁|度)/

/** 找出要换掉的范围（在半角化之后的文字上找，范围用于原文）。 */
function findSpans(t: string): Span[] {
  const spans: Span[] = []
  const add = (start: number, end: number, mask: string) => spans.push({ start, end, mask })
  const each = (re: RegExp, fn: (m: RegExpExecArray) => void) => {
    for (const m of t.matchAll(re)) fn(m as RegExpExecArray)
  }

  each(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, (m) => add(m.index, m.index + m[0].length, MASK.email))
  each(/(?:微信号?|威信|薇信|v信|V信|vx|VX|Vx|wx|WX|wechat|WeChat|weixin)\s*(?:号|id|ID)?\s*(?:是|为|:|：)?\s*([A-Za-z][-_A-Za-z0-9]{5,19})/g, (m) => {
    const start = m.index + m[0].length - m[1].length
    add(start, start + m[1].length, MASK.wechat)
  })
  each(/wxid_[A-Za-z0-9_-]+/g, (m) => add(m.index, m.index + m[0].length, MASK.wechat))
  each(/(?<!\d)\d{6}[ -]?(?:18|19|20)\d{2}[ -]?\d{2}[ -]?\d{2}[ -]?\d{3}[\dXx](?![\dA-Za-z])/g, (m) => add(m.index, m.index + m[0].length, MASK.idNumber))

  // 房号先于电话：3-1502、1-2-302 这样短的横线数字是门牌，不是电话的一截。
  each(/(?:\d{1,3}\s*(?:单元|栋|幢|座|号楼|楼)\s*)+(?:\d{1,2}\s*[楼层]\s*\d{0,4}|\d{2,4})\s*(?:室|号|户)?/g, (m) =>
    add(m.index, m.index + m[0].length, MASK.room),
  )
  each(/(?<![\d-])\d{1,3}(?:-\d{1,3})?-\d{3,4}(?![\d-])(?:\s*(?:室|号|户))?/g, (m) => {
    if (!AMOUNT_AFTER.test(t.slice(m.index + m[0].length)) || /[室号户]$/.test(m[0])) add(m.index, m.index + m[0].length, MASK.room)
  })
  each(/(?<!\d)\d{3,4}\s*(?:室|房|号房|号(?!楼|线|门|院|地块|路|街))/g, (m) => add(m.index, m.index + m[0].length, MASK.room))
  each(/(?:我是|我家|住在|家住|住|家在|业主|户主)\s*(\d{3,4})(?!\d)/g, (m) => {
    const start = m.index + m[0].length - m[1].length
    add(start, start + m[1].length, MASK.room)
  })
  each(/(?<!\d)\d{3,4}(?=\s*(?:的)?(?:业主|住户|户主|租户|家|邻居))/g, (m) => add(m.index, m.index + m[0].length, MASK.room))
  each(new RegExp(`(?<![\\d号${CN_NUM.slice(1, -1)}])(?:\\d{1,2}|${CN_NUM}{1,3})\\s*[楼层](?![道梯房顶下上栋宇])`, 'g'), (m) =>
    add(m.index, m.index + m[0].length, MASK.room),
  )

  // 电话、证件与其他长数串：数字组之间可以隔空格、横线、点、括号；日期与带单位的数量留下。
  const noDates = t.replace(DATE, (d) => 'D'.repeat(d.length))
  for (const m of noDates.matchAll(DIGIT_GROUPS)) {
    let start = m.index
    let s = m[0]
    const trailingX = /^[Xx]/.test(noDates.slice(start + s.length))
    const digits = s.replace(/\D/g, '')
    if (digits.length < 7) continue
    if (AMOUNT_AFTER.test(noDates.slice(start + s.length))) continue
    // 开头的分隔符不算（"(010)..."的括号留在原文）。
    const lead = s.length - s.replace(/^[^\d+]+/, '').length
    start += lead
    s = s.slice(lead).replace(/[^\d]+$/, '')
    const mobile = /^(?:\+?86)?1[3-9]\d{9}$/.test(digits)
    const landline = /^0\d{9,11}$/.test(digits)
    const mask =
      digits.length === 17 && trailingX
        ? MASK.idNumber
        : mobile || landline || digits.length <= 8
          ? MASK.phone
          : digits.length === 18 || digits.length === 15
            ? MASK.idNumber
            : MASK.number
    add(start, start + s.length + (trailingX && digits.length === 17 ? 1 : 0), mask)
  }
  each(/(?:QQ|qq|Qq)\s*号?\s*(?:是|为|:|：)?\s*(\d{5,12})(?!\d)/g, (m) => {
    const start = m.index + m[0].length - m[1].length
    add(start, start + m[1].length, MASK.number)
  })
  return spans
}

/** 姓名：在其他标记换好之后找（"我是〔房号〕王秀英"里，引导词与名字之间隔着标记）。 */
function maskNames(text: string): string {
  const skip = `(?:\\s|〔[^〕]*〕|的|业主|住户|租户|户主|,|，)*`
  const intro = `(?:我是|我叫|本人|姓名|名字(?:是|叫)?|联系人|我姓|本人姓)\\s*[:：]?`
  const nameAfterIntro = new RegExp(`(${intro}${skip})(${SURNAME})((?:${HONORIFIC})|[\\u4e00-\\u9fa5]{0,2})`, 'g')
  let out = text.replace(nameAfterIntro, (whole, lead: string, _surname: string, rest: string) => {
    let given = rest
    if (!new RegExp(`^${HONORIFIC}$`).test(given)) {
      const cut = [...given].findIndex((c) => NAME_STOP.includes(c))
      if (cut >= 0) given = given.slice(0, cut)
    }
    // 只有一个姓、后面不是名字（"我是高层住户"）：不是人名，不动。
    if (given === '') return whole
    return `${lead}${MASK.name}${rest.slice(given.length)}`
  })
  out = out.replace(
    new RegExp(`(?:我姓|本人姓|姓)(${SURNAME})(?=${HONORIFIC}|[，,。.\\s]|$|的|住)`, 'g'),
    (whole, surname: string) => whole.slice(0, whole.length - surname.length) + MASK.name,
  )
  // 门牌后面紧跟的人名："与2单元1502王秀英（…）沟通"。名字后面须是停字或标记，接着别的字的（"1502卫生间漏水"）不算。
  out = out.replace(
    new RegExp(`(${MASK.room}(?:的|业主|住户|租户|户主|\\s)*)${SURNAME}[\\u4e00-\\u9fa5]{1,2}?(?=[${NAME_STOP}〔])`, 'g'),
    (_whole, lead: string) => `${lead}${MASK.name}`,
  )
  // "门卫大爷""保安大哥"里的卫、安不是姓。
  out = out.replace(new RegExp(`(?<![门保治公])${SURNAME}${HONORIFIC}`, 'g'), MASK.name)
  return out
}

/** 去掉一段居民文字里的个人信息；没有个人信息的文字原样返回。 */
export function scrubPersonalData(text: string): string {
  const t = halfWidth(text)
  const spans = findSpans(t).sort((a, b) => a.start - b.start || b.end - a.end)
  let out = ''
  let at = 0
  for (const s of spans) {
    if (s.end <= at) continue
    if (s.start < at) {
      // 与前一段重叠：并进前一段（前一段的标记照旧）。
      at = s.end
      continue
    }
    out += text.slice(at, s.start) + s.mask
    at = s.end
  }
  out += text.slice(at)
  return maskNames(out)
}
