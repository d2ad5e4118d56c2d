import Link from "next/link";
import { Share2 } from "lucide-react";
import { cn } from "@/components/ui/cn";

export function Logo({ className }: { className?: string }) {
  return (
    <Link
      href="/campaigns"
      className={cn(
        "inline-flex items-center gap-2 rounded-md focus-visible:outline-2 focus-visible:outline-indigo-600",
        className,
      )}
    >
      <span className="flex size-8 items-center justify-center rounded-lg bg-indigo-600 text-white shadow-sm">
        <Share2 className="size-4" aria-hidden />
      </span>
      <span className="text-lg font-semibold tracking-tight text-zinc-900">Referwire</span>
    </Link>
  );
}
