'use client';
// The main navigation; the link for the page being shown carries aria-current="page".
import Link from 'next/link';
import { usePathname } from 'next/navigation';

export function NavLinks({ label, links }: { label: string; links: { href: string; label: string; exact?: boolean }[] }) {
  const pathname = usePathname();
  return (
    <nav className="order-3 w-full sm:order-2 sm:w-auto" aria-label={label}>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {links.map((l) => {
          const current = l.exact ? pathname === l.href : pathname === l.href || pathname.startsWith(`${l.href}/`);
          return (
            <li key={l.href}>
              <Link
                href={l.href}
                aria-current={current ? 'page' : undefined}
                className={
                  current
                    ? 'font-semibold text-slate-900 underline decoration-2 underline-offset-4 dark:text-white'
                    : 'text-slate-700 hover:text-slate-900 hover:underline dark:text-slate-300 dark:hover:text-white'
                }
              >
                {l.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
