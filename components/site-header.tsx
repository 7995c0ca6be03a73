// The header on every page: product name, sandbox warning, who is signed in, sign-out.
import Link from 'next/link';

export interface HeaderUser {
  displayName: string;
  email: string | null;
  isAdmin: boolean;
  isAuditor: boolean;
}

export function SiteHeader({ user, sandbox }: { user: HeaderUser | null; sandbox: boolean }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      {sandbox && (
        <div className="bg-amber-400 px-4 py-1 text-center text-xs font-semibold tracking-wide text-amber-950" role="status">
          SANDBOX MODE — local IdP and local AWS; credentials from here work only against the sandbox
        </div>
      )}
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
        <div className="flex items-center gap-6">
          <Link href="/" className="text-lg font-bold tracking-tight text-slate-900">
            Keyport
          </Link>
          {user && (
            <nav className="flex gap-4 text-sm text-slate-600" aria-label="Main">
              <Link href="/" className="hover:text-slate-900">Roles</Link>
              {user.isAdmin && <Link href="/admin/mappings" className="hover:text-slate-900">Mappings</Link>}
              <Link href="/history" className="hover:text-slate-900">History</Link>
              <Link href="/devices" className="hover:text-slate-900">Devices</Link>
              {(user.isAdmin || user.isAuditor) && <Link href="/audit" className="hover:text-slate-900">Audit</Link>}
              {(user.isAdmin || user.isAuditor) && <Link href="/revocations" className="hover:text-slate-900">Revocations</Link>}
            </nav>
          )}
        </div>
        {user ? (
          <div className="flex items-center gap-3 text-sm">
            <span className="text-slate-700" data-testid="signed-in-user">
              Signed in as <strong>{user.displayName}</strong>
              {user.email && user.email !== user.displayName ? <span className="text-slate-500"> ({user.email})</span> : null}
            </span>
            <form action="/api/signout" method="post">
              <button type="submit" className="rounded border border-slate-300 px-3 py-1 text-slate-700 hover:bg-slate-100">
                Sign out
              </button>
            </form>
          </div>
        ) : (
          <Link href="/signin" className="text-sm text-slate-700 hover:text-slate-900">Sign in</Link>
        )}
      </div>
    </header>
  );
}
