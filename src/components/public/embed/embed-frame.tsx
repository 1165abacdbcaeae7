"use client";

import { useEffect, useRef, type ReactNode } from "react";

export type EmbedTheme = "light" | "dark" | "auto";

/** The message an embed posts to the page framing it (public/embed.js listens for it). */
export const HEIGHT_MESSAGE = "compat-embed:height";

/**
 * Forces the palette for `light`/`dark` by switching the stylesheet's own `prefers-color-scheme:
 * dark` rules on or off (app/globals.css keeps the one dark palette; `auto` leaves them to the system).
 */
function applyTheme(theme: EmbedTheme) {
  if (theme === "auto") return;
  for (const sheet of Array.from(document.styleSheets)) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue; // another origin's sheet: not ours
    }
    for (const rule of Array.from(rules)) {
      if (rule instanceof CSSMediaRule && /prefers-color-scheme:\s*dark/.test(rule.media.mediaText)) {
        rule.media.mediaText = theme === "dark" ? "all" : "not all";
      }
    }
  }
  document.documentElement.style.colorScheme = theme;
}

/**
 * The compact frame of an embed: applies the theme and tells the framing page its height whenever
 * the content's size changes (a selection, a result, an opened breakdown), so the iframe never scrolls.
 */
export function EmbedFrame({ theme, children }: { theme: EmbedTheme; children: ReactNode }) {
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    applyTheme(theme);
    const el = root.current;
    if (!el || window.parent === window) return;
    let last = -1;
    const post = () => {
      const height = Math.ceil(el.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      window.parent.postMessage({ type: HEIGHT_MESSAGE, height }, "*");
    };
    const observer = new ResizeObserver(post);
    observer.observe(el);
    post();
    return () => observer.disconnect();
  }, [theme]);
  return (
    <div ref={root} data-embed-root data-theme={theme} className="bg-white p-3 text-slate-900 sm:p-4">
      {children}
    </div>
  );
}
