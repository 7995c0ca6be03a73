import { describe, expect, it } from 'vitest';
import { negotiateLocale, resolveLocale } from './locales';

describe('negotiateLocale', () => {
  it('gives English when the header is absent or names no supported language', () => {
    expect(negotiateLocale(null)).toBe('en');
    expect(negotiateLocale('')).toBe('en');
    expect(negotiateLocale('fr-FR,de;q=0.8')).toBe('en');
    expect(negotiateLocale('*')).toBe('en');
  });
  it("gives English for Playwright's and most browsers' default", () => {
    expect(negotiateLocale('en-US')).toBe('en');
    expect(negotiateLocale('en-US,en;q=0.9')).toBe('en');
  });
  it('gives Japanese for ja and its regional tags', () => {
    expect(negotiateLocale('ja')).toBe('ja');
    expect(negotiateLocale('ja-JP,ja;q=0.9,en-US;q=0.8,en;q=0.7')).toBe('ja');
    expect(negotiateLocale('JA-jp')).toBe('ja');
  });
  it('follows q-values, not only the order', () => {
    expect(negotiateLocale('en;q=0.5, ja;q=0.9')).toBe('ja');
    expect(negotiateLocale('fr, ja;q=0.2, en;q=0.3')).toBe('en');
  });
  it('never chooses a language refused with q=0, or with a malformed weight', () => {
    expect(negotiateLocale('ja;q=0, en;q=0.1')).toBe('en');
    expect(negotiateLocale('ja;q=abc')).toBe('en');
  });
});

describe('resolveLocale', () => {
  it('prefers the remembered choice over the header', () => {
    expect(resolveLocale({ cookie: 'ja', acceptLanguage: 'en-US' })).toBe('ja');
    expect(resolveLocale({ cookie: 'en', acceptLanguage: 'ja' })).toBe('en');
  });
  it('ignores a cookie naming no supported language', () => {
    expect(resolveLocale({ cookie: 'xx', acceptLanguage: 'ja' })).toBe('ja');
    expect(resolveLocale({ cookie: undefined, acceptLanguage: undefined })).toBe('en');
  });
});
