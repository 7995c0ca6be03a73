// Every message exists in English and Japanese, with the same placeholders and tags, and is valid
// ICU syntax. One file per namespace per locale (messages/<locale>/<namespace>.json).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { LOCALES } from './locales';

const root = path.join(__dirname, '..', '..', 'messages');

function namespaces(locale: string): string[] {
  return readdirSync(path.join(root, locale)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
}

function flatten(value: unknown, prefix: string, out: Map<string, string>): Map<string, string> {
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else throw new Error(`${prefix}: a message must be a string or an object of messages`);
  return out;
}

function load(locale: string, ns: string): Map<string, string> {
  return flatten(JSON.parse(readFileSync(path.join(root, locale, `${ns}.json`), 'utf8')), '', new Map());
}

/** Placeholder names and rich-text tag names, which both languages must use alike. */
function slots(message: string): string[] {
  const names = new Set<string>();
  for (const m of message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*(?:[,}])/g)) names.add(`{${m[1]}}`);
  for (const m of message.matchAll(/<([A-Za-z][\w-]*)>/g)) names.add(`<${m[1]}>`);
  return [...names].sort();
}

const english = namespaces('en');

describe('message catalogs', () => {
  it('have at least the shared namespaces', () => {
    expect(english).toEqual(expect.arrayContaining(['common', 'header']));
  });

  for (const locale of LOCALES) {
    it(`${locale} has exactly the namespaces English has`, () => {
      expect(namespaces(locale)).toEqual(english);
    });
  }

  for (const ns of english) {
    describe(ns, () => {
      const en = load('en', ns);
      for (const locale of LOCALES.filter((l) => l !== 'en')) {
        const other = load(locale, ns);
        it(`${locale} has every key of en and no other`, () => {
          expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
        });
        it(`${locale} uses the same placeholders and tags as en`, () => {
          for (const [key, text] of en) expect({ key, slots: slots(other.get(key) ?? '') }).toEqual({ key, slots: slots(text) });
        });
      }
      for (const locale of LOCALES) {
        it(`${locale} messages are non-empty, valid ICU messages`, () => {
          const messages = JSON.parse(readFileSync(path.join(root, locale, `${ns}.json`), 'utf8')) as Record<string, unknown>;
          const problems: string[] = [];
          const t = createTranslator({ locale, messages: { [ns]: messages }, namespace: ns, onError: (e) => problems.push(e.message) });
          for (const [key, text] of load(locale, ns)) {
            if (!text.trim()) problems.push(`${key}: empty`);
            // Compiling is what fails on bad syntax; missing values only produce FORMATTING_ERROR.
            t.markup(key as never, {} as never);
          }
          expect(problems.filter((p) => !/FORMATTING_ERROR|The intl string context variable/.test(p))).toEqual([]);
        });
      }
    });
  }
});
