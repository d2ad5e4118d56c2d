import { MonitorSmartphone } from "lucide-react";
import { Button } from "@/components/ui/button";

type Props = { title: string; children: React.ReactNode; onRetry: () => void; action?: React.ReactNode };

/**
 * What the public forms say when the email may already be in the campaign and this browser did
 * not join with it: the same words whether or not it is, and nothing about anyone.
 */
export function UndisclosedNotice({ title, children, onRetry, action }: Props) {
  return (
    <div className="space-y-4" role="status" data-testid="undisclosed">
      <div className="flex items-start gap-3">
        <MonitorSmartphone className="mt-0.5 size-5 shrink-0 text-indigo-600" aria-hidden />
        <div className="space-y-1.5">
          <p className="font-medium text-zinc-900">{title}</p>
          <p className="text-sm text-zinc-600">{children}</p>
        </div>
      </div>
      <div className="flex flex-col gap-2">
        {action}
        <Button variant="secondary" size="lg" className="w-full" onClick={onRetry}>
          Use a different email
        </Button>
      </div>
    </div>
  );
}
