/** No such published page for this tenant (or no tenant): a 404 that reveals nothing more. */
export default function PublicPageNotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-20 text-center sm:px-6">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">Page not found</h1>
      <p className="mt-2 text-slate-600">There is no published page at this address. Check the link, or ask its publisher for a new one.</p>
    </main>
  );
}
