/**
 * 去掉居民文字里的个人信息（src/core/shared/privacy.ts）：电话的各种写法、身份证号、房号、引导词后的姓名与称呼、微信号、邮箱
 * 都换成〔…〕；日期、金额、数量、楼栋名与没有个人信息的文字原样留下。
 */
import { MASK, scrubPersonalData } from '../../src/core/shared/privacy'

/** [原文, 换掉之后]。 */
const MASKED: [string, string][] = [
  // 手机：空格、横线、点、全角、+86
  ['电话13812345678', `电话${MASK.phone}`],
  ['电话138 1234 5678，楼道灯坏了', `电话${MASK.phone}，楼道灯坏了`],
  ['电话138-1234-5678', `电话${MASK.phone}`],
  ['电话138.1234.5678', `电话${MASK.phone}`],
  ['手机１３８１２３４５６７８', `手机${MASK.phone}`],
  ['手机１３８ １２３４ ５６７８谢谢', `手机${MASK.phone}谢谢`],
  ['手机 138　1234　5678', `手机 ${MASK.phone}`],
  ['联系我+86 138 1234 5678', `联系我${MASK.phone}`],
  ['联系我+8613812345678。', `联系我${MASK.phone}。`],
  ['联系我 86-138-1234-5678', `联系我 ${MASK.phone}`],
  ['电话1 3 8 1 2 3 4 5 6 7 8', `电话${MASK.phone}`],
  // 座机
  ['座机010-12345678', `座机${MASK.phone}`],
  ['座机 0571 8888 6666', `座机 ${MASK.phone}`],
  ['座机(010)12345678', `座机(${MASK.phone}`],
  ['打8812 3456找我', `打${MASK.phone}找我`],
  // 身份证
  ['身份证110101199003071234', `身份证${MASK.idNumber}`],
  ['身份证11010119900307123X', `身份证${MASK.idNumber}`],
  ['身份证号 110101 19900307 123x 请核对', `身份证号 ${MASK.idNumber} 请核对`],
  ['身份证１１０１０１１９９００３０７１２３Ｘ', `身份证${MASK.idNumber}`],
  // 其他长数串
  ['QQ 12345678', `QQ ${MASK.phone}`],
  ['QQ号：123456', `QQ号：${MASK.number}`],
  ['卡号6222 0212 3456 7890 123', `卡号${MASK.number}`],
  // 房号
  ['我是2单元1502的', `我是${MASK.room}的`],
  ['2单元 1502室漏水', `${MASK.room}漏水`],
  ['3-1502漏水', `${MASK.room}漏水`],
  ['1-2-302门口', `${MASK.room}门口`],
  ['3－1502漏水', `${MASK.room}漏水`],
  ['1502室漏水', `${MASK.room}漏水`],
  ['１５０２室漏水', `${MASK.room}漏水`],
  ['我家502号卫生间', `我家${MASK.room}卫生间`],
  ['我住1502，楼上漏水', `我住${MASK.room}，楼上漏水`],
  ['1502的业主反映', `${MASK.room}业主反映`.replace(MASK.room, `${MASK.room}的`)],
  ['1502业主反映', `${MASK.room}业主反映`],
  ['我是15楼的', `我是${MASK.room}的`],
  ['住在十五层', `住在${MASK.room}`],
  ['15楼楼道灯坏了', `${MASK.room}楼道灯坏了`],
  ['3号楼2单元15楼东户', `${MASK.room}东户`],
  ['2单元15楼东户', `${MASK.room}东户`],
  ['5栋302', MASK.room],
  // 姓名与称呼
  ['我是王秀英，楼道灯坏了', `我是${MASK.name}，楼道灯坏了`],
  ['我叫李四电话13812345678', `我叫${MASK.name}电话${MASK.phone}`],
  ['本人张伟反映', `本人${MASK.name}反映`],
  ['姓名：赵德明', `姓名：${MASK.name}`],
  ['我姓王，住1502', `我姓${MASK.name}，住${MASK.room}`],
  ['联系人姓王', `联系人姓${MASK.name}`],
  ['我是王女士', `我是${MASK.name}`],
  ['我是王先生', `我是${MASK.name}`],
  ['我是王阿姨，楼下', `我是${MASK.name}，楼下`],
  ['找李阿姨问', `找${MASK.name}问`],
  ['隔壁陈大爷家', `隔壁${MASK.name}家`],
  ['我是欧阳娜娜', `我是${MASK.name}`],
  ['我是1502的王秀英', `我是${MASK.room}的${MASK.name}`],
  // 微信与邮箱
  ['微信wang_xy1990', `微信${MASK.wechat}`],
  ['加我微信号：Wangxy-88', `加我微信号：${MASK.wechat}`],
  ['vx: abc123456', `vx: ${MASK.wechat}`],
  ['wxid_abc123def 联系', `${MASK.wechat} 联系`],
  ['邮箱wang.xy@example.com', `邮箱${MASK.email}`],
  // 门牌后面紧跟的人名（台账里的沟通事项）
  ['与2单元1502王秀英（13812345678）沟通漏水', `与${MASK.room}${MASK.name}（${MASK.phone}）沟通漏水`],
  ['2单元1502的张伟说楼上漏水', `${MASK.room}的${MASK.name}说楼上漏水`],
  ['3-1502卫生间漏水', `${MASK.room}卫生间漏水`],
  // 问题里的那句话
  ['我是2单元1502王秀英电话138 1234 5678，楼道灯坏了', `我是${MASK.room}${MASK.name}电话${MASK.phone}，楼道灯坏了`],
]

/** 没有个人信息：原样留下。 */
const KEPT = [
  '11月3日晚上楼道灯坏了',
  '2026-11-03 10:30 电梯停了',
  '2026.11.3 起一直漏水',
  '2026/11/03 到现在',
  '１１月３日开始漏水',
  '12号下午来修的',
  '维修基金3000000元够不够',
  '物业费涨了 15%',
  '已经等了 5 天',
  '3号楼门口的垃圾没人清',
  '102号楼的路灯',
  '2单元的电梯坏了',
  '楼道灯坏了，请尽快处理',
  '门卫大爷不让外卖进',
  '保安大哥态度很好',
  '我是高层住户，水压不够',
  '我是业主，想问一下停车',
  '本人反映过三次了',
  '地铁1号线施工噪音',
  '5楼上面漏水',
  '10:30 到 12:00 停水',
  '车位 B-12 被占',
  '身高 175 的人都碰头',
  '2单元卫生间漏水',
]

describe('去掉居民文字里的个人信息', () => {
  it.each(MASKED)('%s', (input, expected) => {
    expect(scrubPersonalData(input)).toBe(expected)
  })

  it.each(KEPT)('原样留下：%s', (input) => {
    expect(scrubPersonalData(input)).toBe(input)
  })

  it('换掉之后不留任何一位数字（手机、座机、身份证、房号）', () => {
    const text = '我是2单元1502王秀英电话138 1234 5678，座机010-12345678，身份证11010119900307123X，住3-1502'
    expect(scrubPersonalData(text)).not.toMatch(/[0-9０-９]/)
  })

  it('幂等：再过一次不变', () => {
    for (const [input] of MASKED) expect(scrubPersonalData(scrubPersonalData(input))).toBe(scrubPersonalData(input))
  })
})
