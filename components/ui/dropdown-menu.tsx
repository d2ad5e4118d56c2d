"use client";

// Import this only from menus that MenuOnDemand loads (components/ui/menu-on-demand.tsx): its Radix
// code (menu, popper, floating-ui) is then never part of a page's first-load JS.
import { DropdownMenu as Primitive } from "radix-ui";
import { cn } from "./cn";

/**
 * Not modal by default. A modal menu marks the rest of the page aria-hidden while its buttons and
 * links stay focusable (axe: aria-hidden-focus); a menu button needs no more than the non-modal
 * menu gives: focus moves into it, and Escape, Tab or a click outside close it.
 */
export function DropdownMenu({ modal = false, ...props }: React.ComponentProps<typeof Primitive.Root>) {
  return <Primitive.Root modal={modal} {...props} />;
}
export const DropdownMenuTrigger = Primitive.Trigger;

export function DropdownMenuContent({
  className,
  align = "end",
  ...props
}: React.ComponentProps<typeof Primitive.Content>) {
  return (
    <Primitive.Portal>
      <Primitive.Content
        align={align}
        sideOffset={6}
        className={cn(
          "z-50 min-w-44 rounded-lg border border-zinc-200 bg-white p-1 shadow-lg focus:outline-none",
          className,
        )}
        {...props}
      />
    </Primitive.Portal>
  );
}

export function DropdownMenuItem({
  className,
  destructive,
  ...props
}: React.ComponentProps<typeof Primitive.Item> & { destructive?: boolean }) {
  return (
    <Primitive.Item
      className={cn(
        "flex cursor-default items-center gap-2 rounded-md px-2.5 py-1.5 text-sm outline-none select-none data-[disabled]:opacity-50 data-[highlighted]:bg-zinc-100",
        destructive ? "text-red-600 data-[highlighted]:bg-red-50" : "text-zinc-800",
        className,
      )}
      {...props}
    />
  );
}

export const DropdownMenuLabel = ({ className, ...props }: React.ComponentProps<typeof Primitive.Label>) => (
  <Primitive.Label className={cn("px-2.5 py-1.5 text-xs text-zinc-500", className)} {...props} />
);
export const DropdownMenuSeparator = () => <Primitive.Separator className="my-1 h-px bg-zinc-100" />;
