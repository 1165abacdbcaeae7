"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { cn } from "~/components/ui/cn";
import { Icon, type IconName } from "./icons";
import { OrgSwitcher } from "./org-switcher";
import { UsagePanel, UsageSummary } from "./usage-panel";

const nav: { href: string; label: string; icon: IconName }[] = [
  { href: "/dashboard", label: "Overview", icon: "home" },
  { href: "/dashboard/schemas", label: "Schemas", icon: "schema" },
  { href: "/dashboard/datasets", label: "Datasets", icon: "dataset" },
  { href: "/dashboard/pages", label: "Pages & rules", icon: "page" },
  { href: "/dashboard/api-keys", label: "API keys", icon: "key" },
  { href: "/dashboard/webhooks", label: "Webhooks", icon: "webhook" },
  { href: "/dashboard/audit", label: "Audit log", icon: "audit" },
  { href: "/dashboard/settings", label: "Settings", icon: "settings" },
];

function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className="space-y-0.5">
      {nav.map((item) => {
        const active = item.href === "/dashboard" ? pathname === item.href : pathname.startsWith(item.href);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm font-medium",
                active ? "bg-indigo-50 text-indigo-700" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
              )}
            >
              <Icon name={item.icon} className={cn("size-[18px]", active ? "text-indigo-600" : "text-slate-400")} />
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The dashboard frame: sidebar (organization, navigation, plan usage) on wide screens; a top bar
 * with a slide-over menu below 1024 px so tablets keep the full width for editors.
 */
export function DashboardShell({ authMode, children }: { authMode: "dev" | "workos" | "none"; children: React.ReactNode }) {
  const [menuOpen, setMenuOpen] = useState(false);
  const sidebar = (onNavigate?: () => void) => (
    <div className="flex h-full flex-col gap-5 p-4">
      <Link href="/dashboard" className="flex items-center gap-2 px-1 text-lg font-semibold tracking-tight" onClick={onNavigate}>
        <span aria-hidden="true" className="grid size-7 place-items-center rounded-md bg-indigo-600 text-sm font-bold text-white">
          C
        </span>
        Compat
      </Link>
      <OrgSwitcher authMode={authMode} />
      <nav aria-label="Dashboard">
        <NavLinks onNavigate={onNavigate} />
      </nav>
      <div className="mt-auto">
        <UsagePanel />
      </div>
    </div>
  );
  return (
    <div className="min-h-screen lg:grid lg:grid-cols-[16rem_1fr]">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <aside className="sticky top-0 hidden h-screen overflow-y-auto border-r border-slate-200 bg-slate-50 lg:block">{sidebar()}</aside>
      <header className="sticky top-0 z-30 flex items-center justify-between border-b border-slate-200 bg-white/95 px-4 py-2.5 backdrop-blur lg:hidden">
        <div className="flex min-w-0 items-center gap-3">
          <Link href="/dashboard" className="font-semibold">
            Compat
          </Link>
          <UsageSummary />
        </div>
        <button
          type="button"
          className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm font-medium"
          aria-expanded={menuOpen}
          aria-controls="dashboard-menu"
          onClick={() => setMenuOpen(true)}
        >
          <Icon name="menu" className="size-4" /> Menu
        </button>
      </header>
      {menuOpen ? (
        <div className="fixed inset-0 z-40 lg:hidden" role="dialog" aria-modal="true" aria-label="Menu" onKeyDown={(e) => e.key === "Escape" && setMenuOpen(false)}>
          <div className="absolute inset-0 bg-slate-900/30" onClick={() => setMenuOpen(false)} />
          <div id="dashboard-menu" className="absolute inset-y-0 left-0 w-72 overflow-y-auto bg-slate-50 shadow-xl">
            <button type="button" autoFocus className="absolute top-3 right-3 rounded p-1 text-slate-500 hover:bg-slate-200" aria-label="Close menu" onClick={() => setMenuOpen(false)}>
              <Icon name="close" className="size-5" />
            </button>
            {sidebar(() => setMenuOpen(false))}
          </div>
        </div>
      ) : null}
      <main id="main" className="min-w-0 px-4 py-6 sm:px-6 lg:px-10 lg:py-8">
        <div className="mx-auto max-w-6xl">{children}</div>
      </main>
    </div>
  );
}
