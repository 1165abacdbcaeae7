"use client";

import Link from "next/link";
import { Icon, type IconName } from "./icons";

const steps: { href: string; icon: IconName; title: string; text: string }[] = [
  { href: "/dashboard/schemas", icon: "schema", title: "1. Describe sources and targets", text: "Define the fields of what you check (sources) and what you check it against (targets)." },
  { href: "/dashboard/datasets", icon: "dataset", title: "2. Import your data", text: "Upload a CSV for each side. Map columns to fields and watch the import run." },
  { href: "/dashboard/pages", icon: "page", title: "3. Write rules and build a page", text: "Create a Finder or Matrix page, add rules with the builder or in JSONLogic, preview live." },
  { href: "/dashboard/api-keys", icon: "key", title: "4. Publish and automate", text: "Publish the page for everyone; create an API key to import and publish from scripts." },
];

/** The dashboard home: the path through the product, each step linking to its screen. */
export function Overview() {
  return (
    <ol className="grid gap-4 sm:grid-cols-2">
      {steps.map((s) => (
        <li key={s.href}>
          <Link href={s.href} className="group flex h-full gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-xs hover:border-indigo-300 hover:shadow-sm">
            <span className="grid size-10 shrink-0 place-items-center rounded-lg bg-indigo-50 text-indigo-600">
              <Icon name={s.icon} />
            </span>
            <span>
              <span className="block font-semibold text-slate-900 group-hover:text-indigo-700">{s.title}</span>
              <span className="mt-1 block text-sm text-slate-600">{s.text}</span>
            </span>
          </Link>
        </li>
      ))}
    </ol>
  );
}
