import { cn } from "./cn";

/**
 * A `<pre>` that may scroll, reachable by keyboard: focusable, and a named region so a screen
 * reader says what it holds when it gets focus (axe's scrollable-region-focusable).
 */
export function CodeBlock({ label, className, ...props }: React.ComponentProps<"pre"> & { label: string }) {
  return (
    <pre
      tabIndex={0}
      role="region"
      aria-label={label}
      className={cn(
        "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
        className,
      )}
      {...props}
    />
  );
}
