'use client';
// The viewer's local time for a UTC instant, rendered after hydration (the server does not know
// the browser's zone, and a mismatch would be a hydration error).
import { useEffect, useState } from 'react';

export function LocalTime({ iso }: { iso: string }) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    const d = new Date(iso);
    setText(d.toLocaleString(undefined, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' }));
  }, [iso]);
  return text ? <span className="text-slate-500">{text}</span> : null;
}
