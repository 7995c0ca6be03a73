'use client';
// The browser's time zone, known only after hydration (the server renders in UTC). Until then
// `undefined`, and callers show UTC, saying so.
import { useEffect, useState } from 'react';

export function useLocalTimeZone(): string | undefined {
  const [zone, setZone] = useState<string | undefined>(undefined);
  useEffect(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  return zone;
}
