import iconv from "iconv-lite";
import type { DetectedEncoding } from "./types";

// The most frequent Russian letters, lowercase (о е а и н т с р в л к м д п у).
const FREQUENT = new Set([..."оеаинтсрвлкмдпу"]);

/** Share of Cyrillic letters that are frequent lowercase letters: high for the right code page. */
function russianScore(text: string): number {
  let cyr = 0;
  let good = 0;
  for (const ch of text) {
    if (ch >= "\u0400" && ch <= "\u04ff") {
      cyr++;
      if (FREQUENT.has(ch)) good++;
    }
  }
  return cyr === 0 ? 0 : good / cyr;
}

/** Cuts an incomplete UTF-8 sequence off the end of a sample so a valid file is not misread. */
function trimPartialUtf8(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (need > back) end -= back;
    break;
  }
  return bytes.subarray(0, end);
}

/**
 * Detects the encoding of a sample in the order hospital exports need: BOM → UTF-16 without BOM
 * (NUL bytes) → valid UTF-8 → Windows-1251 vs KOI8-R by Russian letter statistics.
 */
export function detectEncoding(sample: Uint8Array): DetectedEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return "utf-8-bom";
  if (sample[0] === 0xff && sample[1] === 0xfe) return "utf-16le";
  if (sample[0] === 0xfe && sample[1] === 0xff) return "utf-16be";
  const n = Math.min(sample.length, 4096);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) evenNul++;
    else oddNul++;
  }
  if (oddNul > n / 8 && oddNul > evenNul * 4) return "utf-16le";
  if (evenNul > n / 8 && evenNul > oddNul * 4) return "utf-16be";
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(trimPartialUtf8(sample));
    return "utf-8";
  } catch {
    // not UTF-8: one of the Russian single-byte code pages
  }
  const cp1251 = russianScore(iconv.decode(Buffer.from(sample), "windows-1251"));
  const koi8 = russianScore(iconv.decode(Buffer.from(sample), "koi8-r"));
  return koi8 > cp1251 ? "koi8-r" : "windows-1251";
}

export function iconvName(encoding: DetectedEncoding): string {
  return encoding === "utf-8-bom" ? "utf-8" : encoding;
}

/** Normalises a user-given encoding name (--encoding cp1251, KOI8R, utf16 …). */
export function parseEncodingName(name: string): DetectedEncoding {
  const n = name.trim().toLowerCase().replace(/[_\s]/g, "-");
  if (["utf8", "utf-8"].includes(n)) return "utf-8";
  if (["utf-8-bom", "utf8-bom", "utf-8-sig"].includes(n)) return "utf-8-bom";
  if (["utf16", "utf-16", "utf-16le", "utf16le", "ucs-2"].includes(n)) return "utf-16le";
  if (["utf-16be", "utf16be"].includes(n)) return "utf-16be";
  if (["cp1251", "windows-1251", "win1251", "win-1251", "1251"].includes(n)) return "windows-1251";
  if (["koi8-r", "koi8r", "koi8"].includes(n)) return "koi8-r";
  throw new Error(`unknown encoding "${name}"; use utf-8, utf-16le, utf-16be, cp1251 or koi8-r`);
}

/** "РћРїРёСЃР°РЅРёРµ" (UTF-8 bytes read as Windows-1251 and saved again as UTF-8) */
export function looksDoubleEncoded(text: string): boolean {
  const m = text.match(/[РС][\u0400-\u045f\u0490-\u04ff\u00a0-\u00bf\u2010-\u203a]/g);
  const cyr = text.match(/[\u0400-\u04ff]/g);
  return !!m && !!cyr && m.length >= 4 && (m.length * 2) / cyr.length > 0.6;
}

export function repairDoubleEncoding(text: string): string {
  return repairLossless(text) ?? text;
}

/**
 * The double-encoding repair of one field, or null where it would lose text: a character that
 * Windows-1251 cannot hold, a byte already lost (U+FFFD, or a "?" in place of one, which leaves
 * bytes that are not UTF-8). Clinical text is never guessed.
 */
export function repairLossless(text: string): string | null {
  // a U+FFFD already in the text stands for a byte that was lost: which one is a guess
  if (text.includes("\ufffd")) return null;
  const bytes = iconv.encode(text, "windows-1251");
  if (iconv.decode(bytes, "windows-1251") !== text) return null;
  const repaired = iconv.decode(bytes, "utf-8");
  return repaired.includes("\ufffd") ? null : repaired;
}
