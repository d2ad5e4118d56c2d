import Link from "next/link";
import { SearchX } from "lucide-react";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Button } from "@/components/ui/button";

// Without it, a webhook id that is not the campaign's fell through to "Campaign not found".
export default function WebhookNotFound() {
  return (
    <Card>
      <EmptyState
        icon={SearchX}
        title="Webhook not found"
        action={
          <Button asChild variant="secondary">
            <Link href="/campaigns">Back to campaigns</Link>
          </Button>
        }
      >
        It may have been deleted, or it belongs to another campaign or team.
      </EmptyState>
    </Card>
  );
}
