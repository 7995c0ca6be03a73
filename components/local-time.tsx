'use client';
// The viewer's local time for a UTC instant, in the page's language, rendered after hydration
// (the server does not know the browser's zone, and a mismatch would be a hydration error).
import { useFormatter } from 'next-intl';
import { useLocalTimeZone } from './i18n/use-local-time-zone';

export function LocalTime({ iso }: { iso: string }) {
  const format = useFormatter();
  const zone = useLocalTimeZone();
  if (!zone) return null;
  return (
    <span className="text-xs text-slate-700 dark:text-slate-300">
      {format.dateTime(new Date(iso), { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short', timeZone: zone })}
    </span>
  );
}
