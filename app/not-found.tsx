import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="mx-auto mt-12 max-w-md text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600">There is nothing at this address.</p>
      <Link href="/" className="mt-4 inline-block text-sm text-blue-700 underline">Back to your roles</Link>
    </div>
  );
}
