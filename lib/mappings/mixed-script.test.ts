// UTS #39 §5.1 mixed-script detection: resolved script sets, Common/Inherited ignored, and the
// augmented sets that keep Japanese and Korean names single-script.
import { describe, expect, it } from 'vitest';
import { KNOWN_SCRIPTS, mixedScript } from './mixed-script';

const scripts = (s: string) => mixedScript(s)?.scripts.map((x) => x.script) ?? null;

describe('mixedScript: names that mix scripts', () => {
  it.each([
    ['Latin with a Cyrillic а', 'p\u0430ypal', ['Latin', 'Cyrillic']],
    ['Latin with a Cyrillic е', 'dev-t\u0435am', ['Latin', 'Cyrillic']],
    ['Cyrillic first, then Latin', '\u0441loud-ops', ['Cyrillic', 'Latin']],
    ['Latin with a Greek ο', 'g\u03BFogle', ['Latin', 'Greek']],
    ['Latin with an Armenian օ', 'g\u0585ogle', ['Latin', 'Armenian']],
    ['a Cyrillic word with a Latin suffix', 'Москва-dev', ['Cyrillic', 'Latin']],
    ['Latin with a Greek capital Α', '\u0391WS-admins', ['Greek', 'Latin']],
    ['Latin with a Cherokee Ꭺ (U+13AA)', '\u13AAWS-admins', ['Cherokee', 'Latin']],
    ['Latin with a Lisu ꓮ (U+A4EE)', '\uA4EEWS-admins', ['Lisu', 'Latin']],
    ['Latin with a Cyrillic palochka Ӏ (U+04C0)', 'adm\u04C0ns', ['Latin', 'Cyrillic']],
    ['Cyrillic with a Greek ο', '\u041C\u03BF\u0441\u043A\u0432\u0430', ['Cyrillic', 'Greek']],
    ['Latin and Cyrillic beside Japanese', 'dev開発-\u0441', ['Latin', 'Han', 'Cyrillic']],
    ['Japanese and Cyrillic', '開発\u0430', ['Han', 'Cyrillic']],
    ['Hiragana and Hangul (Japanese ∩ Korean is empty)', 'かな한', ['Hiragana', 'Hangul']],
    ['Bopomofo and Hangul', 'ㄅ한', ['Bopomofo', 'Hangul']],
    ['Latin with an unassigned code point', 'a\u0378', ['Latin', 'Unknown']],
    ['Latin with a private-use character', 'a\uE000', ['Latin', 'Unknown']],
    ['a Common character whose Script_Extensions is Hiragana/Katakana, with Cyrillic', '\u0430\u30FC', ['Cyrillic', 'Hiragana or Katakana']],
  ])('%s', (_what, text, expected) => {
    expect(scripts(text)).toEqual(expected);
  });

  it('names the characters of each script, once each', () => {
    expect(mixedScript('p\u0430yp\u0430l')).toEqual({ scripts: [{ script: 'Latin', chars: ['p', 'y', 'l'] }, { script: 'Cyrillic', chars: ['\u0430'] }] });
  });
});

describe('mixedScript: single-script names are not flagged', () => {
  it.each([
    ['plain ASCII with digits and punctuation', 'platform-team_01.prod'],
    ['Japanese: Han + Katakana (augmented: Japanese)', '開発チーム'],
    ['Japanese: Hiragana + Katakana + Han', 'ひらがなカタカナ漢字'],
    ['Korean: Hangul + Han (augmented: Korean)', '한국어 팀 漢字'],
    ['§5.2 Highly Restrictive: Latin + Japanese', 'AWS開発チーム-prod'],
    ['§5.2 Highly Restrictive: Latin + Korean', 'dev-한국어-漢字'],
    ['§5.2 Highly Restrictive: Latin + Han + Bopomofo', 'dev-注音ㄅ'],
    ['§5.2: Latin + ー (Hiragana or Katakana)', '\u30FCa'],
    ['Han + Bopomofo (augmented)', '注音ㄅㄆ'],
    ['all Cyrillic', 'Москва'],
    ['all Greek', 'αβγ-δ'],
    ['Latin with accents, precomposed', '\u00E9quipe'],
    ['Latin with a combining accent (Inherited)', 'e\u0301quipe'],
    ['fullwidth Latin (one script; the skeleton check catches it)', '\uFF50\uFF41\uFF59\uFF50\uFF41\uFF4C'],
    ['only Common characters', '0123-_.'],
    ['empty', ''],
  ])('%s', (_what, text) => {
    expect(mixedScript(text)).toBeNull();
  });
});

describe('the script names', () => {
  it('cover every character of a script this engine knows (all but Common, Inherited and Unknown)', () => {
    const known = new RegExp(`^[${KNOWN_SCRIPTS.map((s) => `\\p{Script_Extensions=${s}}`).join('')}]$`, 'u');
    const other = /^[\p{Script_Extensions=Common}\p{Script_Extensions=Inherited}\p{Script=Unknown}]$/u;
    const missing: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (!other.test(ch) && !known.test(ch)) missing.push(`U+${cp.toString(16).toUpperCase()}`);
      if (missing.length > 20) break;
    }
    expect(missing).toEqual([]);
  });
});
