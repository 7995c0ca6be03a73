// A duration as the presets and cards show it: whole hours as hours, otherwise minutes.
type T = (key: 'hours' | 'minutesShort', values: Record<string, number>) => string;

export function formatDuration(common: T, seconds: number): string {
  return seconds % 3600 === 0 ? common('hours', { hours: seconds / 3600 }) : common('minutesShort', { minutes: Math.round(seconds / 60) });
}
