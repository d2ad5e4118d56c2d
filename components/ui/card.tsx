import { cn } from "./cn";

/** A card's look, for an element that cannot be a section (a group inside a `<dl>`). */
export const cardClasses = "rounded-lg border border-zinc-200 bg-white shadow-xs";

export function Card({ className, ...props }: React.ComponentProps<"section">) {
  return <section className={cn(cardClasses, className)} {...props} />;
}

export function CardHeader({
  title,
  description,
  action,
}: {
  title: string;
  description?: React.ReactNode;
  action?: React.ReactNode;
}) {
  return (
    <div className="flex items-start justify-between gap-4 border-b border-zinc-100 px-5 py-4">
      <div>
        <h2 className="text-base font-semibold text-zinc-900">{title}</h2>
        {description ? <p className="mt-1 text-sm text-zinc-500">{description}</p> : null}
      </div>
      {action}
    </div>
  );
}
