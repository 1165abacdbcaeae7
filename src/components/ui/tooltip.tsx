"use client";

import { cloneElement, useEffect, useId, useLayoutEffect, useRef, useState, type ReactElement, type ReactNode } from "react";
import { cn } from "./cn";

export interface Anchor {
  top: number;
  left: number;
  bottom: number;
  width: number;
}

/**
 * A positioned tooltip bubble, controlled by its caller: shown under (or, near the bottom of the
 * viewport, above) `anchor`, clamped to the viewport. Big grids use one of these for all cells
 * instead of one tooltip per cell.
 */
export function TooltipBubble({ id, anchor, children, className }: { id?: string; anchor: Anchor | null; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ top: number; left: number } | null>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!anchor || !el) return setPos(null);
    const { width, height } = el.getBoundingClientRect();
    const margin = 8;
    const below = anchor.bottom + 6;
    const top = below + height > window.innerHeight - margin ? Math.max(margin, anchor.top - height - 6) : below;
    const centre = anchor.left + anchor.width / 2 - width / 2;
    const left = Math.min(Math.max(margin, centre), window.innerWidth - width - margin);
    setPos({ top, left });
  }, [anchor, children]);

  if (!anchor) return null;
  return (
    <div
      ref={ref}
      id={id}
      role="tooltip"
      style={{ top: pos?.top ?? -9999, left: pos?.left ?? -9999 }}
      className={cn(
        "pointer-events-none fixed z-50 max-w-xs rounded-md bg-slate-900 px-3 py-2 text-xs leading-relaxed text-white shadow-lg",
        className,
      )}
    >
      {children}
    </div>
  );
}

function anchorOf(el: Element): Anchor {
  const r = el.getBoundingClientRect();
  return { top: r.top, left: r.left, bottom: r.bottom, width: r.width };
}

/**
 * Shows `content` while the child is hovered or focused; Esc hides it. The child gets
 * `aria-describedby`, so screen readers read the tip too. The child must accept ref-less DOM
 * event props (a native element or a component that spreads them).
 */
export function Tooltip({ content, children }: { content: ReactNode; children: ReactElement<Record<string, unknown>> }) {
  const id = useId();
  const [anchor, setAnchor] = useState<Anchor | null>(null);

  useEffect(() => {
    if (!anchor) return;
    const hide = (e: KeyboardEvent | Event) => {
      if (!(e instanceof KeyboardEvent) || e.key === "Escape") setAnchor(null);
    };
    window.addEventListener("keydown", hide);
    window.addEventListener("scroll", hide, true);
    return () => {
      window.removeEventListener("keydown", hide);
      window.removeEventListener("scroll", hide, true);
    };
  }, [anchor]);

  const show = (e: { currentTarget: Element }) => setAnchor(anchorOf(e.currentTarget));
  const hide = () => setAnchor(null);
  return (
    <>
      {cloneElement(children, {
        "aria-describedby": anchor ? id : undefined,
        onMouseEnter: show,
        onMouseLeave: hide,
        onFocus: show,
        onBlur: hide,
      })}
      <TooltipBubble id={id} anchor={anchor}>
        {content}
      </TooltipBubble>
    </>
  );
}
