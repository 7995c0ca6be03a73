// Pure: an explanation a person reads (why a sign-in or a request was refused) as a message of the
// `explain` catalog — a key and its values — so each page shows it in the reader's language. The
// English text (API responses, logs of the person's view, tests) is formatted from the same
// English catalog: one wording per explanation, kept in messages/<locale>/explain.json.
import { createTranslator } from 'use-intl/core';
import explain from '@/messages/en/explain.json';

export type ExplanationValue = string | number;

export interface Explanation {
  /** A key of the `explain` namespace, e.g. `saml.expired`. */
  key: string;
  values?: Record<string, ExplanationValue>;
}

const english = createTranslator({ locale: 'en', messages: { explain }, namespace: 'explain' });

export function inEnglish(e: Explanation): string {
  return english(e.key as never, (e.values ?? {}) as never);
}
