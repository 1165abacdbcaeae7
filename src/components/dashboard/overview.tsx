"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { cn } from "~/components/ui/cn";
import { useTRPC } from "~/trpc/react";
import { Icon, type IconName } from "./icons";

interface Step {
  href: string;
  icon: IconName;
  title: string;
  text: string;
  done: boolean;
}

/**
 * The dashboard home: the path through the product, each step linking to its screen and ticked
 * once done (from plan usage and the page list), so a new organization knows what to do next.
 */
export function Overview() {
  const trpc = useTRPC();
  const usage = useQuery(trpc.org.usage.queryOptions());
  const pages = useQuery(trpc.pages.list.queryOptions());
  const use = (limit: string) => usage.data?.lines.find((l) => l.limit === limit)?.use ?? 0;
  const steps: Step[] = [
    { href: "/dashboard/schemas", icon: "schema", title: "Describe sources and targets", text: "Define the fields of what you check (sources) and what you check it against (targets).", done: use("sourceSchemas") > 0 && use("targetSchemas") > 0 },
    { href: "/dashboard/datasets", icon: "dataset", title: "Import your data", text: "Upload a CSV for each side. Map columns to fields and watch the import run.", done: use("sourceRowsPerDataset") > 0 && use("targetRowsPerDataset") > 0 },
    { href: "/dashboard/pages", icon: "page", title: "Write rules and build a page", text: "Create a Finder or Matrix page, add rules with the builder or in JSONLogic, preview live.", done: use("rulesPerPage") > 0 },
    { href: "/dashboard/pages", icon: "key", title: "Publish and automate", text: "Publish the page for everyone; create an API key to import and publish from scripts.", done: Boolean(pages.data?.some((p) => p.status === "published")) },
  ];
  const next = steps.findIndex((s) => !s.done);
  return (
    <ol className="grid gap-4 sm:grid-cols-2">
      {steps.map((s, i) => (
        <li key={s.title}>
          <Link
            href={s.href}
            className={cn(
              "group flex h-full gap-4 rounded-xl border bg-white p-5 shadow-xs hover:border-indigo-300 hover:shadow-sm",
              i === next ? "border-indigo-300 ring-2 ring-indigo-100" : "border-slate-200",
            )}
          >
            <span className={cn("grid size-10 shrink-0 place-items-center rounded-lg", s.done ? "bg-green-50 text-green-700" : "bg-indigo-50 text-indigo-600")}>
              <Icon name={s.done ? "check" : s.icon} />
            </span>
            <span>
              <span className="block font-semibold text-slate-900 group-hover:text-indigo-700">
                {i + 1}. {s.title}
                {s.done ? <span className="sr-only"> (done)</span> : null}
              </span>
              <span className="mt-1 block text-sm text-slate-600">{s.text}</span>
              {i === next ? <span className="mt-2 block text-xs font-medium text-indigo-700">Next step →</span> : null}
            </span>
          </Link>
        </li>
      ))}
    </ol>
  );
}
