import 'server-only';
// Every namespace of a locale: each `messages/<locale>/<namespace>.json` is one namespace, found
// by listing the folder, so adding a namespace is adding a file (no list to edit). Read once per
// process and locale. The files ship with the standalone build (outputFileTracingIncludes in
// next.config.js).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locale } from './locales';
import type { Messages } from './pick-messages';

const cache = new Map<Locale, Messages>();

export function messagesFolder(): string {
  return path.join(process.cwd(), 'messages');
}

export function loadMessages(locale: Locale): Messages {
  const cached = cache.get(locale);
  if (cached && process.env.NODE_ENV === 'production') return cached;
  const dir = path.join(messagesFolder(), locale);
  const messages: Messages = {};
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.json')) continue;
    messages[file.slice(0, -'.json'.length)] = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as unknown;
  }
  cache.set(locale, messages);
  return messages;
}
