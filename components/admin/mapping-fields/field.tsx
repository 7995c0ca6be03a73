// One labelled control of the mapping form, with its hint or its error (announced politely as it
// appears). `id` is also the field's key in the validation messages, so focus can move to it.
import type { ReactNode } from 'react';

export const inputClass =
  'mt-1 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900 aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-700 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100';

export function FieldMessage({ id, error, hint }: { id: string; error?: string; hint?: ReactNode }) {
  return (
    <>
      {hint && !error && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-700 dark:text-slate-300">
          {hint}
        </p>
      )}
      <p id={`${id}-error`} className="mt-1 text-xs text-red-800 empty:hidden dark:text-red-300" data-testid={error ? `error-${id}` : undefined} aria-live="polite">
        {error ?? ''}
      </p>
    </>
  );
}

/** aria-invalid and aria-describedby for the control of field `id`. */
export function describedBy(id: string, error: string | undefined, hasHint: boolean) {
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : hasHint ? `${id}-hint` : undefined,
  } as const;
}

export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: ReactNode; error?: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      {children}
      <FieldMessage id={id} error={error} hint={hint} />
    </div>
  );
}
