import Link from "next/link";
import { SearchX } from "lucide-react";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Button } from "@/components/ui/button";

export default function CampaignNotFound() {
  return (
    <Card>
      <EmptyState
        icon={SearchX}
        title="Campaign not found"
        action={
          <Button asChild variant="secondary">
            <Link href="/campaigns">Back to campaigns</Link>
          </Button>
        }
      >
        It may have been deleted, or it belongs to another team.
      </EmptyState>
    </Card>
  );
}
