import Link from 'next/link';

export default function Forbidden() {
  return (
    <div className="mx-auto mt-12 max-w-md text-center">
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-slate-600">Your groups do not give you access to this page.</p>
      <Link href="/" className="mt-4 inline-block text-sm text-blue-700 underline">Back to your roles</Link>
    </div>
  );
}
