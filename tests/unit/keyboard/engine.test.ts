import { beforeAll, describe, expect, it } from 'vitest'
import { INDEX_TIMEOUT, engineWith, realIndex, top } from './real-index'

beforeAll(() => void realIndex(), INDEX_TIMEOUT)

describe('pinyin candidates from the word index', () => {
  const engine = () => engineWith()

  it('offers 政府 first for the initials zf', () => {
    expect(top(engine(), 'zf')[0]).toBe('政府')
  })

  it('offers 医疗保险 first for the initials ylbx', () => {
    expect(top(engine(), 'ylbx')[0]).toBe('医疗保险')
  })

  it('offers the petition phrase 路灯不亮 first for ldbl, ludengbuliang and the mixed ludbl', () => {
    for (const letters of ['ldbl', 'ludengbuliang', 'ludbl', 'ludengbl']) {
      expect(top(engine(), letters)[0], letters).toBe('路灯不亮')
    }
  })

  it('offers 路灯 on the first page for the mixed prefix lud', () => {
    expect(top(engine(), 'lud')).toContain('路灯')
  })

  it('offers the same word for full pinyin as for its initials', () => {
    expect(top(engine(), 'zhengfu')[0]).toBe('政府')
    expect(top(engine(), 'yiliaobaoxian')[0]).toBe('医疗保险')
  })

  it('offers both readings of letters that are whole syllables, by frequency: xian is 先 and 西安', () => {
    const texts = top(engine(), 'xian', 20)
    expect(texts[0]).toBe('先')
    expect(texts).toContain('西安')
  })

  it('offers both ways to cut ambiguous letters: fangan is 方案 and 反感', () => {
    expect(top(engine(), 'fangan', 3)).toEqual(expect.arrayContaining(['方案', '反感']))
  })

  it('ranks by frequency among words that fit equally well', () => {
    expect(top(engine(), 'shi', 3)[0]).toBe('是')
  })

  it('takes ü typed as v, and lüe typed as lue', () => {
    expect(top(engine(), 'lv')).toContain('绿')
    expect(top(engine(), 'lue', 3)).toContain('略')
  })

  it('offers nothing for letters no syllable starts with', () => {
    expect(engine().candidates('iu')).toEqual([])
  })

  it('composes a sentence from words when no single word covers all the letters', () => {
    const [first] = engine().candidates('zhengfuhao')
    expect(first).toEqual({ text: '政府好', consumed: 10, source: 'sentence' })
  })

  it('offers words covering only the first letters, each consuming just its own letters', () => {
    const candidates = engine().candidates('zhengfuhao')
    expect(candidates).toContainEqual({ text: '政府', consumed: 7, source: 'dictionary' })
    expect(candidates).toContainEqual({ text: '正', consumed: 5, source: 'dictionary' })
  })

  it('keeps rare and traditional characters behind common ones', () => {
    const lu = top(engine(), 'lu', 10)
    expect(lu).toContain('路')
    expect(lu).not.toContain('鐪')
    expect(top(engine(), 'jian', 200)).not.toContain('簡')
  })

  it('returns at most the limit asked for', () => {
    expect(engine().candidates('s', 10)).toHaveLength(10)
  })
})

describe('local words', () => {
  const LOCAL = ['王海涛', '李桂英', '曾庆红', '张芳', '柳树沟村', '长乐乡', '城关镇']

  it('finds a representative by initials: wht is 王海涛', () => {
    expect(engineWith(LOCAL).candidates('wht')[0]).toEqual({ text: '王海涛', consumed: 3, source: 'local' })
  })

  it('finds a representative by full pinyin and by a mix', () => {
    expect(top(engineWith(LOCAL), 'wanghaitao')[0]).toBe('王海涛')
    expect(top(engineWith(LOCAL), 'wanght')[0]).toBe('王海涛')
  })

  it('ranks a local word above dictionary words for the same letters: zf is 张芳 before 政府', () => {
    expect(top(engineWith(LOCAL), 'zf', 2)).toEqual(['张芳', '政府'])
  })

  it('finds a village by initials and by full pinyin', () => {
    expect(top(engineWith(LOCAL), 'lsgc')[0]).toBe('柳树沟村')
    expect(top(engineWith(LOCAL), 'liushugoucun')[0]).toBe('柳树沟村')
  })

  it('reads a polyphone in a place name as pinyin-pro does: 长乐乡 is chang le xiang', () => {
    expect(top(engineWith(LOCAL), 'changlexiang')[0]).toBe('长乐乡')
    expect(top(engineWith(LOCAL), 'clx')[0]).toBe('长乐乡')
  })

  it('reads a surname with its surname reading: 曾庆红 is zeng, and ceng still finds it', () => {
    expect(top(engineWith(LOCAL), 'zengqinghong')[0]).toBe('曾庆红')
    expect(top(engineWith(LOCAL), 'cengqinghong')[0]).toBe('曾庆红')
  })

  it('offers a local word covering the first letters, consuming only those', () => {
    expect(engineWith(LOCAL).candidates('whtdb')).toContainEqual({
      text: '王海涛',
      consumed: 3,
      source: 'local',
    })
  })

  it('leaves out local words with anything but Chinese characters', () => {
    expect(top(engineWith(['A村', '王海涛']), 'ac')).not.toContain('A村')
  })
})
