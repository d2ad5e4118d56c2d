import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold text-zinc-900">Page not found</h1>
      <p className="mt-2 text-sm text-zinc-500">This link may be mistyped, or what it pointed to no longer exists.</p>
      <Link href="/" className="mt-6 text-sm font-medium text-indigo-600 hover:text-indigo-500">
        Go to Referwire
      </Link>
    </main>
  );
}
