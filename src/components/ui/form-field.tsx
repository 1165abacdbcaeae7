import { forwardRef, useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from "react";
import { cn } from "./cn";

const control =
  "w-full rounded-md border bg-white px-3 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 hover:border-slate-400 disabled:cursor-not-allowed disabled:bg-slate-100";

/** A text input in the house style; `invalid` paints the border red (pair it with a message). */
export const TextInput = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean }>(function TextInput(
  { className, invalid, ...props },
  ref,
) {
  return <input ref={ref} aria-invalid={invalid || undefined} className={cn(control, "h-10", invalid ? "border-red-500" : "border-slate-300", className)} {...props} />;
});

/** A multi-line input; monospace when it holds code (`mono`). */
export const TextArea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement> & { invalid?: boolean; mono?: boolean }>(
  function TextArea({ className, invalid, mono, ...props }, ref) {
    return (
      <textarea
        ref={ref}
        aria-invalid={invalid || undefined}
        className={cn(control, "py-2", mono && "font-mono text-[13px] leading-5", invalid ? "border-red-500" : "border-slate-300", className)}
        {...props}
      />
    );
  },
);

export interface FieldProps {
  label: ReactNode;
  /** Shown under the control in red and wired through `aria-describedby`. */
  error?: string | null;
  hint?: ReactNode;
  className?: string;
  /** Receives the ids to put on the control. */
  children: (ids: { id: string; "aria-describedby"?: string; invalid: boolean }) => ReactNode;
}

/**
 * Label + control + hint + error, with the ids wired so screen readers read the error with the
 * control: `<Field label="Name" error={e}>{(p) => <TextInput {...p} />}</Field>`.
 */
export function Field({ label, error, hint, className, children }: FieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      {children({ id, "aria-describedby": described, invalid: Boolean(error) })}
      {hint && !error ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
