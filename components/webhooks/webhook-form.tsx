"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { saveWebhookAction } from "@/app/(dashboard)/_actions/webhooks";
import { Button } from "@/components/ui/button";
import { DialogClose } from "@/components/ui/dialog";
import { Field, FormError, inputClasses } from "@/components/ui/field";
import { participantSources } from "@/db/enums";
import type { EventType, ParticipantSource } from "@/db/schema";
import { fieldErrorsOf } from "@/lib/errors/field-errors";
import { EVENT_CATALOGUE, EVENT_TYPES } from "@/lib/events/catalogue";
import { MAX_CREDENTIALS, MAX_HEADERS } from "@/lib/webhooks/policy";
import type { WebhookMethod } from "@/lib/webhooks/payload";
import { WEBHOOK_METHODS, webhookSchema } from "@/lib/webhooks/schemas";
import type { WebhookView } from "@/lib/webhooks/webhook-views";
import { KeyValueFields, type KeyValueRow } from "./key-value-fields";
import { WebhookPreview } from "./webhook-preview";

/** Where this server lets webhooks send: private networks or not, and the team's request inbox when it is on. */
export type WebhookTargets = {
  allowPrivateNetworks: boolean;
  inboxUrl: string | null;
  /** A Member sees webhooks without changing them: no create, edit, secret or delete. */
  readOnly: boolean;
};

type Props = { campaignId: string; webhook?: WebhookView; targets: WebhookTargets; onDone: () => void };

const savedRows = (entries: { key: string }[] = []): KeyValueRow[] =>
  entries.map((e) => ({ key: e.key, value: "", saved: true }));

export function WebhookForm({ campaignId, webhook, targets, onDone }: Props) {
  const { allowPrivateNetworks, inboxUrl } = targets;
  const [name, setName] = useState(webhook?.name ?? "");
  const [url, setUrl] = useState(webhook?.url ?? "");
  const [method, setMethod] = useState<WebhookMethod>(webhook?.method ?? "POST");
  const [event, setEvent] = useState<EventType>(webhook?.event ?? "user.joined");
  const [sources, setSources] = useState<ParticipantSource[]>(webhook?.sources ?? []);
  const [headers, setHeaders] = useState<KeyValueRow[]>(savedRows(webhook?.headers));
  const [credentials, setCredentials] = useState<KeyValueRow[]>(savedRows(webhook?.credentials));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const input = {
      name,
      url,
      method,
      event,
      sources,
      headers: headers.map(({ key, value }) => ({ key, value })),
      credentials: credentials.map(({ key, value }) => ({ key, value })),
    };
    const parsed = webhookSchema({ allowPrivateNetworks }).safeParse(input);
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    setErrors({});
    startTransition(async () => {
      const result = await saveWebhookAction({ campaignId, webhookId: webhook?.id ?? null, webhook: input });
      if (result.ok) {
        toast.success(result.message);
        onDone();
      } else {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.fieldErrors ? undefined : result.message);
      }
    });
  }

  const toggleSource = (source: ParticipantSource) =>
    setSources((s) => (s.includes(source) ? s.filter((x) => x !== source) : [...s, source]));

  return (
    <form onSubmit={submit} noValidate className="grid gap-6 lg:grid-cols-2">
      <div className="space-y-4">
        <FormError message={message} />
        <Field
          label="Name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.name}
          placeholder="Webhook for new user join"
        />
        <Field
          label="URL"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={errors.url}
          placeholder="https://example.com/webhook"
          inputMode="url"
        />
        {inboxUrl && url !== inboxUrl ? (
          <p className="-mt-2 text-xs text-zinc-500">
            No receiver yet?{" "}
            <button
              type="button"
              onClick={() => setUrl(inboxUrl)}
              className="text-indigo-700 underline underline-offset-2 hover:text-indigo-600"
            >
              Use my request inbox
            </button>{" "}
            and see each delivery arrive on the Request inbox page.
          </p>
        ) : null}
        <div className="grid grid-cols-[8rem_1fr] gap-3">
          <Field label="HTTP Method" error={errors.method}>
            {(control) => (
              <select
                {...control}
                className={inputClasses}
                value={method}
                onChange={(e) => setMethod(e.target.value as WebhookMethod)}
              >
                {WEBHOOK_METHODS.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Event" error={errors.event}>
            {(control) => (
              <select
                {...control}
                className={inputClasses}
                value={event}
                onChange={(e) => setEvent(e.target.value as EventType)}
              >
                {EVENT_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {EVENT_CATALOGUE[t].label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-zinc-800">
            User sources <span className="font-normal text-zinc-500">(none selected = all sources)</span>
          </legend>
          <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
            {participantSources.map((source) => (
              <label key={source} className="flex items-center gap-2 text-sm text-zinc-700">
                <input
                  type="checkbox"
                  className="size-4 accent-indigo-600"
                  checked={sources.includes(source)}
                  onChange={() => toggleSource(source)}
                />
                {source}
              </label>
            ))}
          </div>
        </fieldset>
        <KeyValueFields
          legend="Headers"
          name="headers"
          rows={headers}
          max={MAX_HEADERS}
          errors={errors}
          keyPlaceholder="Authorization"
          onChange={setHeaders}
        />
        <KeyValueFields
          legend="Credentials"
          name="credentials"
          rows={credentials}
          max={MAX_CREDENTIALS}
          errors={errors}
          keyPlaceholder="api_key"
          onChange={setCredentials}
        />
      </div>
      <div className="space-y-3">
        <h3 className="text-sm font-semibold text-zinc-900">Webhook Data Fields</h3>
        <p className="text-xs text-zinc-500">
          {EVENT_CATALOGUE[event].description} The recipient user, the campaign and the referrer, with sample data.{" "}
          <a
            href={`/events#${event}`}
            target="_blank"
            rel="noopener"
            className="text-indigo-700 underline underline-offset-2"
          >
            Every field and its JSON Schema in the event catalogue
          </a>
          .
        </p>
        <WebhookPreview url={url} method={method} event={event} headers={headers} credentials={credentials} />
      </div>
      <div className="flex justify-end gap-2 lg:col-span-2">
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : webhook ? "Save Webhook" : "Create Webhook"}
        </Button>
      </div>
    </form>
  );
}
