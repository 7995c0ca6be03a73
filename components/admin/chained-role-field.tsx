'use client';
// Role chaining on the mapping form: the optional target role Keyport assumes with the session of
// the mapping's role (the hub). Its own small field, so the form needs one line for it.
const input = 'mt-1 w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm aria-[invalid=true]:border-red-600';

export function ChainedRoleField({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string | undefined }) {
  return (
    <div>
      <label htmlFor="chainedRoleArn" className="block text-sm font-medium text-slate-700">
        Chained target (role chaining, optional)
      </label>
      <input
        id="chainedRoleArn"
        className={input}
        value={value}
        placeholder="arn:aws:iam::210987654321:role/Name"
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? 'chainedRoleArn-error' : 'chainedRoleArn-hint'}
      />
      {error ? (
        <p id="chainedRoleArn-error" className="mt-1 text-xs text-red-700" data-testid="error-chainedRoleArn">
          {error}
        </p>
      ) : (
        <p id="chainedRoleArn-hint" className="mt-1 text-xs text-slate-500">
          Role chaining: Keyport first gets a session of the role above (the hub, trusted by the IdP or by Keyport), then assumes this role with it; people get this role&apos;s credentials. AWS limits a chained session to 1 hour.
        </p>
      )}
    </div>
  );
}
