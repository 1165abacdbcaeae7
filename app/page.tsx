import Link from "next/link";

export default function Home() {
  return (
    <main className="mx-auto max-w-3xl px-6 py-16">
      <h1 className="text-3xl font-semibold tracking-tight">Compat</h1>
      <p className="mt-3 text-slate-600">
        Describe what you check (sources) and what you check it against (targets), import your data, write
        compatibility rules, and publish a Finder or a Matrix on your own subdomain.
      </p>
      <div className="mt-8 flex flex-wrap gap-3">
        <Link href="/dashboard" className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700">
          Open the dashboard
        </Link>
        <Link href="/p/demo/llm-finder" className="rounded-md border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-100">
          Try the demo Finder
        </Link>
        <Link href="/p/demo/llm-matrix" className="rounded-md border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-100">
          See the demo Matrix
        </Link>
      </div>
    </main>
  );
}
