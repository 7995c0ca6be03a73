// An instant as UTC (what CloudTrail shows) with the viewer's local time after hydration.
import { LocalTime } from '@/components/local-time';

export function HistoryTime({ iso }: { iso: string }) {
  return (
    <span className="flex flex-col">
      <time dateTime={iso} className="font-mono text-xs text-slate-900 dark:text-slate-100" translate="no">
        {`${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`}
      </time>
      <LocalTime iso={iso} />
    </span>
  );
}
