"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Field, TextInput } from "~/components/ui/form-field";
import { useTRPC } from "~/trpc/react";
import { CopyButton } from "./api-keys";
import { describeError } from "./errors";
import { Card, EmptyState, ErrorNote, formatTime } from "./page-parts";

const EVENTS = ["page.published", "verdict.changed", "import.completed", "import.failed"] as const;

/** One hook's delivery log: event, attempts, last response code. */
function Deliveries({ id }: { id: number }) {
  const trpc = useTRPC();
  const log = useQuery(trpc.org.webhooks.deliveries.queryOptions({ id }));
  if (!log.data) return null;
  if (log.data.items.length === 0) return <p className="px-5 py-2 text-xs text-slate-500">No deliveries yet.</p>;
  return (
    <ul className="divide-y divide-slate-100 px-5 text-xs" data-testid="webhook-deliveries">
      {log.data.items.map((d) => (
        <li key={d.id} className="flex flex-wrap gap-3 py-1.5">
          <span className="font-mono">{d.event}</span>
          <Badge tone={d.status === "delivered" ? "ok" : d.status === "failed" ? "bad" : "partial"}>{d.status}</Badge>
          <span>{d.lastStatusCode ?? "no response"}</span>
          <span>{d.attempts} attempt(s)</span>
          <span className="text-slate-500">{formatTime(d.createdAt)}</span>
          {d.lastError ? <span className="text-red-700">{d.lastError}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** Webhooks: create (the secret is shown once), turn on/off, test, delete, delivery log, disabled notice. */
export function Webhooks() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const hooks = useQuery(trpc.org.webhooks.list.queryOptions());
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<(typeof EVENTS)[number][]>([...EVENTS]);
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.org.webhooks.pathKey() });
  const create = useMutation(trpc.org.webhooks.create.mutationOptions({ onSuccess: (h) => (setSecret(h.secret), setUrl(""), void refresh()) }));
  const update = useMutation(trpc.org.webhooks.update.mutationOptions({ onSuccess: () => void refresh() }));
  const remove = useMutation(trpc.org.webhooks.delete.mutationOptions({ onSuccess: () => void refresh() }));
  const test = useMutation(trpc.org.webhooks.test.mutationOptions({ onSuccess: () => void refresh() }));
  const disabled = hooks.data?.filter((h) => !h.enabled && h.disabledReason) ?? [];

  return (
    <div className="space-y-6">
      {disabled.map((h) => (
        <ErrorNote key={h.id}>
          Webhook {h.url} was turned off: {h.disabledReason}
        </ErrorNote>
      ))}
      <Card title="Add a webhook" description="Each delivery is signed with the hook's secret (webhook-signature header); verify it as docs/webhooks.md shows.">
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ url, events });
          }}
        >
          <Field label="URL" className="w-full max-w-xl">
            {(p) => <TextInput {...p} value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.com/hooks/compat" required />}
          </Field>
          <fieldset className="flex flex-wrap gap-4 text-sm">
            <legend className="sr-only">Events</legend>
            {EVENTS.map((ev) => (
              <label key={ev} className="flex items-center gap-1.5">
                <input type="checkbox" checked={events.includes(ev)} onChange={(e) => setEvents(e.target.checked ? [...events, ev] : events.filter((x) => x !== ev))} />
                <span className="font-mono text-xs">{ev}</span>
              </label>
            ))}
          </fieldset>
          <Button type="submit" variant="primary" disabled={create.isPending || !url.trim() || events.length === 0}>
            Add webhook
          </Button>
        </form>
        {create.error ? <ErrorNote className="mt-3">{describeError(create.error)}</ErrorNote> : null}
        {secret ? (
          <div className="mt-3 space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="webhook-secret">
            <p>Signing secret — copy it now, it is not shown again:</p>
            <code className="block font-mono text-xs break-all">{secret}</code>
            <CopyButton text={secret} />
          </div>
        ) : null}
      </Card>
      {hooks.error ? <ErrorNote>{describeError(hooks.error)}</ErrorNote> : null}
      {hooks.data && hooks.data.length === 0 ? <EmptyState title="No webhooks yet">Add one above.</EmptyState> : null}
      {hooks.data?.map((h) => (
        <Card key={h.id} title={h.url} description={(h.events as string[]).join(", ")} bodyClassName="p-0">
          <div className="flex flex-wrap items-center gap-2 px-5 py-3">
            {h.enabled ? <Badge tone="ok">on</Badge> : <Badge tone="bad">off</Badge>}
            {h.consecutiveFailures > 0 ? <Badge tone="partial">{h.consecutiveFailures} failures in a row</Badge> : null}
            <Button size="sm" onClick={() => update.mutate({ id: h.id, enabled: !h.enabled })}>{h.enabled ? "Turn off" : "Turn on"}</Button>
            <Button size="sm" onClick={() => test.mutate({ id: h.id })} disabled={!h.enabled || test.isPending}>Send test</Button>
            <Button size="sm" onClick={() => setOpen(open === h.id ? null : h.id)}>{open === h.id ? "Hide deliveries" : "Deliveries"}</Button>
            <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50" onClick={() => remove.mutate({ id: h.id })}>Delete</Button>
          </div>
          {open === h.id ? <Deliveries id={h.id} /> : null}
        </Card>
      ))}
    </div>
  );
}
