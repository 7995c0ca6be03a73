// Pure: a mapping's maximum duration as the form shows it — hours and minutes — and back to the
// seconds it is stored in. What is typed is kept as typed; a part that is not a whole number
// yields null, so the form can say so beside the field.
export function toHoursMinutes(seconds: number): { hours: string; minutes: string } {
  const total = Math.round(seconds / 60);
  return { hours: String(Math.floor(total / 60)), minutes: String(total % 60) };
}

export function fromHoursMinutes(hours: string, minutes: string): number | null {
  const h = hours.trim() === '' ? 0 : Number(hours.trim());
  const m = minutes.trim() === '' ? 0 : Number(minutes.trim());
  if (!/^\d{0,3}$/.test(hours.trim()) || !/^\d{0,4}$/.test(minutes.trim()) || !Number.isInteger(h) || !Number.isInteger(m)) return null;
  if (hours.trim() === '' && minutes.trim() === '') return null;
  return h * 3600 + m * 60;
}

/** "1 h 30 min", "12 h", "15 min". */
export function durationText(seconds: number): string {
  const { hours, minutes } = toHoursMinutes(seconds);
  if (hours === '0') return `${minutes} min`;
  return minutes === '0' ? `${hours} h` : `${hours} h ${minutes} min`;
}
