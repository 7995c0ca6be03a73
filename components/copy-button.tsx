'use client';
// Copies text to the clipboard and says so on this button only ("Copied" is per button; a new
// tab's block gets a new button). Disabled, with the reason, when there is nothing valid to copy:
// an empty string is never copied.
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type ReactNode } from 'react';

export function CopyButton({ text, label, testId, disabledReason, describedBy }: { text: string; label?: ReactNode; testId?: string; disabledReason?: string | null; describedBy?: string }) {
  const t = useTranslations('credentials');
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const disabled = Boolean(disabledReason) || text.length === 0;
  return (
    <button
      type="button"
      data-testid={testId}
      disabled={disabled}
      aria-describedby={describedBy}
      title={disabledReason ?? undefined}
      onClick={() => {
        if (disabled) return;
        navigator.clipboard.writeText(text).then(
          () => setState('copied'),
          () => setState('failed'),
        );
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => setState('idle'), 2000);
      }}
      className="shrink-0 rounded border border-slate-400 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-60 dark:border-slate-500 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700"
    >
      <span aria-live="polite">{state === 'copied' ? t('copied') : state === 'failed' ? t('copyFailed') : (label ?? t('copy'))}</span>
    </button>
  );
}
