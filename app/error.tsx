'use client';
// Shown when a page fails on the server. The digest lets support find the server log line;
// the error text itself is never shown.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto mt-12 max-w-md text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-slate-600">
        Keyport could not show this page. {error.digest ? <>Reference: <code>{error.digest}</code>.</> : null}
      </p>
      <button type="button" onClick={reset} className="mt-4 rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100">
        Try again
      </button>
    </div>
  );
}
