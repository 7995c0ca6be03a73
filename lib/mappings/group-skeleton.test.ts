// UTS #39 §4 skeletons on real confusables from Unicode's confusables.txt (as unhomoglyph ships it).
import confusables from 'unhomoglyph/data.json';
import { describe, expect, it } from 'vitest';
import { areConfusable, groupSkeleton } from './group-skeleton';

describe('groupSkeleton / areConfusable: lookalikes are confusable', () => {
  it.each([
    ['Cyrillic е (U+0435)', 'dev-t\u0435am', 'dev-team'],
    ['Cyrillic а (U+0430)', 'p\u0430ypal', 'paypal'],
    ['Cyrillic о (U+043E)', 'g\u043Eogle', 'google'],
    ['Cyrillic р (U+0440)', '\u0440rod-admins', 'prod-admins'],
    ['Cyrillic с (U+0441)', '\u0441loud-ops', 'cloud-ops'],
    ['Cyrillic capitals А, В, Е, К, М, Н, О, Р, С, Т, Х', '\u0410\u0412\u0415\u041A\u041C\u041D\u041E\u0420\u0421\u0422\u0425', 'ABEKMHOPCTX'],
    ['Greek ο (U+03BF)', 'g\u03BFogle', 'google'],
    ['Greek capital Ρ (U+03A1) and Α (U+0391)', '\u03A1\u0391Y', 'PAY'],
    ['Armenian օ (U+0585)', 'g\u0585ogle', 'google'],
    ['fullwidth letters that confusables.txt maps', '\uFF50\uFF41\uFF59\uFF50\uFF41\uFF4C', 'paypal'],
    ['mathematical bold letters', '\u{1D41A}\u{1D41D}\u{1D426}\u{1D422}\u{1D427}', 'admin'],
    ['digit zero for capital O', 'team0', 'teamO'],
    ['digit one for small l', 'team1', 'teaml'],
    ['capital I for small l', 'teamI', 'teaml'],
    ['rn for m', 'arrn-ops', 'arm-ops'],
    ['a soft hyphen (Default_Ignorable_Code_Point, removed)', 'ad\u00ADmins', 'admins'],
    ['a combining grapheme joiner (Default_Ignorable_Code_Point, removed)', 'ad\u034Fmins', 'admins'],
  ])('%s', (_what, lookalike, original) => {
    expect(groupSkeleton(lookalike)).toBe(groupSkeleton(original));
    expect(areConfusable(lookalike, original)).toBe(true);
    expect(areConfusable(original, lookalike)).toBe(true);
  });

  it('works on the NFD form: a precomposed and a decomposed é have the same skeleton', () => {
    expect(groupSkeleton('\u00E9quipe')).toBe(groupSkeleton('e\u0301quipe'));
    // …with a Cyrillic е under the same accent, too.
    expect(areConfusable('\u0435\u0301quipe', '\u00E9quipe')).toBe(true);
  });
});

describe('groupSkeleton / areConfusable: different names are not', () => {
  it.each([
    ['different ASCII names', 'admins', 'admin'],
    ['case differs (groups compare exactly; TR39 skeletons keep case)', 'Admins', 'admins'],
    ['Japanese vs ASCII', '開発チーム', 'dev-team'],
    ['fullwidth letters confusables.txt does not map (Ｄ, Ｆ)', '\uFF24\uFF26', 'DF'],
    ['Cyrillic letters without a Latin lookalike', 'Москва', 'Mockba'],
  ])('%s', (_what, a, b) => {
    expect(areConfusable(a, b)).toBe(false);
  });

  it('a group is not confusable with itself, nor with its other normal form', () => {
    expect(areConfusable('admins', 'admins')).toBe(false);
    expect(areConfusable('\u00E9quipe', 'e\u0301quipe')).toBe(false);
  });
});

describe('the confusables data', () => {
  const entries = Object.entries(confusables as Record<string, string>);

  it('is the full confusables.txt: thousands of single-code-point sources', () => {
    expect(entries.length).toBeGreaterThan(6000);
    expect(entries.every(([source]) => [...source].length === 1)).toBe(true);
  });

  it('maps every source to a prototype that maps to itself, so one pass is the whole mapping', () => {
    const notFixed = entries.filter(([, target]) => [...target].some((c) => (confusables as Record<string, string>)[c] !== undefined));
    expect(notFixed).toEqual([]);
  });
});
