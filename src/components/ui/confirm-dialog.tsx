"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { Button } from "./button";
import { cn } from "./cn";

export interface ModalProps {
  open: boolean;
  onClose(): void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  /** Wider dialogs for diffs and forms. */
  size?: "sm" | "md" | "lg";
}

/**
 * A modal on the native `<dialog>`: `showModal()` gives the focus trap, Esc to close, inert
 * background and the dialog role for free. Focus returns to the opener when it closes.
 */
export function Modal({ open, onClose, title, description, children, footer, size = "sm" }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className={cn(
        "m-auto w-[calc(100vw-2rem)] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40",
        size === "sm" ? "max-w-md" : size === "md" ? "max-w-2xl" : "max-w-4xl",
      )}
    >
      {open ? (
        <div className="flex max-h-[85vh] flex-col">
          <div className="border-b border-slate-100 px-5 pt-5 pb-3">
            <h2 id={titleId} className="text-base font-semibold">
              {title}
            </h2>
            {description ? (
              <div id={descId} className="mt-1 text-sm text-slate-600">
                {description}
              </div>
            ) : null}
          </div>
          {children ? <div className="overflow-y-auto px-5 py-4 text-sm">{children}</div> : null}
          {footer ? <div className="flex justify-end gap-2 border-t border-slate-100 bg-slate-50 px-5 py-3">{footer}</div> : null}
        </div>
      ) : null}
    </dialog>
  );
}

export interface ConfirmDialogProps extends Omit<ModalProps, "footer"> {
  confirmLabel: string;
  onConfirm(): void;
  /** Red confirm button for deletions and revocations. */
  destructive?: boolean;
  busy?: boolean;
}

/** "Are you sure?" for every destructive action; Cancel is focused first so Enter never destroys. */
export function ConfirmDialog({ confirmLabel, onConfirm, destructive, busy, ...modal }: ConfirmDialogProps) {
  return (
    <Modal
      {...modal}
      footer={
        <>
          <Button autoFocus onClick={modal.onClose} disabled={busy}>
            Cancel
          </Button>
          <Button
            variant="primary"
            className={destructive ? "bg-red-600 hover:bg-red-700 disabled:bg-red-300" : undefined}
            onClick={onConfirm}
            disabled={busy}
          >
            {busy ? "Working…" : confirmLabel}
          </Button>
        </>
      }
    />
  );
}
