import 'server-only';
// Every namespace of a locale: each `messages/<locale>/<namespace>.json` is one namespace, found
// by listing the folder, so adding a namespace is adding a file (no list to edit), and imported
// (below). Loaded once per process and locale. The folder ships with the standalone build
// (outputFileTracingIncludes in next.config.js), for the listing.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Locale } from './locales';
import type { Messages } from './pick-messages';

const cache = new Map<Locale, Messages>();

export function messagesFolder(): string {
  return path.join(process.cwd(), 'messages');
}

export async function loadMessages(locale: Locale): Promise<Messages> {
  const cached = cache.get(locale);
  if (cached && process.env.NODE_ENV === 'production') return cached;
  const dir = path.join(messagesFolder(), locale);
  const messages: Messages = {};
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.json')) continue;
    const namespace = file.slice(0, -'.json'.length);
    // Imported, not read: in the Next.js build next-intl's loader compiles each catalog's ICU
    // messages ahead of time (next.config.js, `precompile`), so the browser gets a 650-byte
    // formatter instead of the ICU parser. Outside Next.js (tests, the bench) it is the JSON.
    messages[namespace] = ((await import(`@/messages/${locale}/${namespace}.json`)) as { default: unknown }).default;
  }
  cache.set(locale, messages);
  return messages;
}
