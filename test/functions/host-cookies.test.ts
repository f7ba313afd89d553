/** 宿主找会话令牌：只认名字完全对上的 Cookie，同名的取最后一个能解码的，编码坏了的当作没有。 */
import { cookieValue, SESSION_COOKIE } from '../../server/host/sessions'

describe('cookieValue', () => {
  it('在别的 Cookie 之间找到会话令牌，前后空白不算', () => {
    expect(cookieValue(`theme=dark; ${SESSION_COOKIE}=abc_DEF-123 ;lang=zh`, SESSION_COOKIE)).toBe('abc_DEF-123')
  })

  it('名字只是前缀或后缀相同的不算', () => {
    expect(cookieValue(`x${SESSION_COOKIE}=a; ${SESSION_COOKIE}x=b`, SESSION_COOKIE)).toBeUndefined()
  })

  it('同名的几个取最后一个；编码坏了的跳过', () => {
    expect(cookieValue(`${SESSION_COOKIE}=first; ${SESSION_COOKIE}=second`, SESSION_COOKIE)).toBe('second')
    expect(cookieValue(`${SESSION_COOKIE}=good; ${SESSION_COOKIE}=%E0%A4%A`, SESSION_COOKIE)).toBe('good')
    expect(cookieValue(`${SESSION_COOKIE}=%41%42`, SESSION_COOKIE)).toBe('AB')
  })

  it('没有 Cookie 头、没有这个名字、只有名字没有等号时没有令牌', () => {
    expect(cookieValue(undefined, SESSION_COOKIE)).toBeUndefined()
    expect(cookieValue('', SESSION_COOKIE)).toBeUndefined()
    expect(cookieValue(`${SESSION_COOKIE}`, SESSION_COOKIE)).toBeUndefined()
    expect(cookieValue('a=1; b=2', SESSION_COOKIE)).toBeUndefined()
  })
})
