// An instant as reviewers read it: UTC (what CloudTrail shows), with local time beside it.
import { LocalTime } from '@/components/local-time';

export function utcText(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)} UTC`;
}

export function EventTime({ iso, stacked = false }: { iso: string; stacked?: boolean }) {
  return (
    <span className={stacked ? 'flex flex-col' : 'inline-flex flex-wrap gap-x-2'}>
      <time dateTime={iso} className="font-mono text-xs text-slate-800 dark:text-slate-200">
        {utcText(iso)}
      </time>
      <span className="text-xs">
        <LocalTime iso={iso} />
      </span>
    </span>
  );
}
