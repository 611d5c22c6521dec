/**
 * Folding a spreadsheet's words (headers, choice values) so that one table of simplified
 * Chinese and English words recognises what schools write: traditional characters,
 * full-width letters and digits, spaces, brackets, punctuation and case are all ignored.
 */

/**
 * Traditional → simplified, for the characters that occur in the headers and choice words
 * this import recognises (not a general converter: names are never folded).
 */
const TRAD_SIMP =
  '況况 親亲 臨临 時时 監监 護护 個个 點点 關关 檔档 別别 學学 級级 狀状 務务 間间 電电 話话 與与 聯联 繫系 ' +
  '頻频 係系 齡龄 識识 質质 為为 習习 慣惯 興兴 愛爱 績绩 徵征 動动 機机 溝沟 幫帮 對对 潛潜 負负 責责 複复 ' +
  '標标 讀读 輟辍 畢毕 業业 輩辈 師师 週周 屬属 鄰邻 問问 題题 兒儿 難难 書书 頭头 項项 從从 單单 號号 碼码 ' +
  '長长 備备 註注 歲岁 體体 爺爷 媽妈 嬸婶 撫抚 養养 極极 雙双 無无 遠远 區区 貫贯 絡络 寫写 選选 擇择 數数 ' +
  '續续 經经 濟济 貧贫 殘残 視视 聽听 員员 導导 門门 縣县 鄉乡 鎮镇 園园 統统 齊齐 開开 課课 們们 隨随 觀观 ' +
  '現现 鬆松 歸归 層层 類类 計计 稱称 風风 險险 紅红 黃黄 藍蓝 綠绿 預预'

const SIMPLIFIED = new Map<string, string>()
for (const pair of TRAD_SIMP.split(' ')) {
  const [trad, simp] = [...pair]
  if (trad && simp) SIMPLIFIED.set(trad, simp)
}

/** A word as it is compared: NFKC, lower case, simplified, without spaces, brackets or punctuation. */
export function foldWord(raw: string): string {
  let out = ''
  for (const ch of raw.normalize('NFKC').toLowerCase()) {
    if (/[\s\p{P}\p{S}]/u.test(ch)) continue
    out += SIMPLIFIED.get(ch) ?? ch
  }
  return out
}
