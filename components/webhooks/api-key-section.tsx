"use client";

import { useState, useTransition } from "react";
import { KeyRound } from "lucide-react";
import { toast } from "sonner";
import { generateApiKeyAction, revokeApiKeyAction } from "@/app/(dashboard)/_actions/api-keys";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { formatDateTime } from "@/components/ui/format";
import type { ApiKeyView } from "@/lib/api-keys/manage-api-key";

type Confirm = "regenerate" | "revoke" | null;

/** `canManage`: generating and revoking are for Owners and Admins; others see the key's status only. */
export function ApiKeySection({
  campaignId,
  apiKey,
  canManage,
}: {
  campaignId: string;
  apiKey: ApiKeyView | null;
  canManage: boolean;
}) {
  const [fullKey, setFullKey] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [pending, startTransition] = useTransition();
  async function generate() {
    const result = await generateApiKeyAction({ campaignId });
    setConfirm(null);
    if (result.ok) setFullKey(result.value);
    else toast.error(result.message);
  }
  async function revoke() {
    const result = await revokeApiKeyAction({ campaignId });
    setConfirm(null);
    (result.ok ? toast.success : toast.error)(result.message ?? "API key revoked");
  }
  return (
    <Card>
      <CardHeader
        title="API Key"
        description={
          <>
            Your team&apos;s key for the REST API; it works for every campaign of your team. The API is described by its{" "}
            <a
              href="/api/v1/openapi.json"
              target="_blank"
              rel="noreferrer"
              className="font-medium text-indigo-600 hover:text-indigo-500"
            >
              OpenAPI document
            </a>
            .
          </>
        }
      />
      <div className="flex flex-wrap items-center justify-between gap-4 px-5 py-4">
        {apiKey ? (
          <dl className="flex flex-wrap gap-x-8 gap-y-1 text-sm" data-testid="api-key-status">
            <div>
              <dt className="text-zinc-500">Key</dt>
              <dd className="font-mono text-zinc-900">{apiKey.prefix}••••••••</dd>
            </div>
            <div>
              <dt className="text-zinc-500">Created</dt>
              <dd>{formatDateTime(apiKey.createdAt)}</dd>
            </div>
            <div>
              <dt className="text-zinc-500">Last used</dt>
              <dd>{apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : "Never"}</dd>
            </div>
          </dl>
        ) : (
          <p className="text-sm text-zinc-500">No API key yet. Generate one to call the REST API.</p>
        )}
        <div className="flex gap-2">
          {!canManage ? null : apiKey ? (
            <>
              <Button variant="secondary" onClick={() => setConfirm("revoke")}>
                Revoke
              </Button>
              <Button variant="secondary" onClick={() => setConfirm("regenerate")}>
                Regenerate
              </Button>
            </>
          ) : (
            <Button onClick={() => startTransition(generate)} disabled={pending}>
              <KeyRound className="size-4" aria-hidden /> Generate API key
            </Button>
          )}
        </div>
      </div>
      <ConfirmDialog
        open={confirm !== null}
        onOpenChange={(o) => !o && setConfirm(null)}
        title={confirm === "revoke" ? "Revoke API key" : "Regenerate API key"}
        description="Systems using the current key will get 401 Unauthorized from now on. This cannot be undone."
        confirmLabel={confirm === "revoke" ? "Revoke key" : "Regenerate key"}
        pendingLabel="Working…"
        onConfirm={confirm === "revoke" ? revoke : generate}
      />
      <Dialog open={fullKey !== null} onOpenChange={(o) => !o && setFullKey(null)}>
        <DialogContent
          title="Your new API key"
          description="Copy it now: it is shown only this once. Referwire stores only a hash of it."
        >
          <div className="flex gap-2">
            <code
              className="min-w-0 flex-1 truncate rounded-md bg-zinc-50 px-3 py-2 font-mono text-sm ring-1 ring-zinc-200"
              data-testid="api-key-full"
            >
              {fullKey}
            </code>
            <CopyButton value={fullKey ?? ""} />
          </div>
          <p className="mt-3 text-xs text-zinc-500">
            Send it as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>.
          </p>
        </DialogContent>
      </Dialog>
    </Card>
  );
}
