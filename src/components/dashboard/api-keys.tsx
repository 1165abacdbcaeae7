"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { ConfirmDialog, Modal } from "~/components/ui/confirm-dialog";
import { Field, TextInput } from "~/components/ui/form-field";
import { useTRPC } from "~/trpc/react";
import { describeError, fieldErrors } from "./errors";
import { Icon } from "./icons";
import { Card, EmptyState, ErrorNote, formatTime } from "./page-parts";

/** Copies text and says so for two seconds. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      size="sm"
      onClick={async () => {
        await navigator.clipboard.writeText(text).catch(() => undefined);
        setCopied(true);
        setTimeout(() => setCopied(false), 2000);
      }}
    >
      <Icon name={copied ? "check" : "copy"} className="size-4" />
      <span aria-live="polite">{copied ? "Copied" : label}</span>
    </Button>
  );
}

/** API keys for scripts: create (the secret is shown once), list with last use, revoke (confirmed). */
export function ApiKeys() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const keys = useQuery(trpc.org.apiKeys.list.queryOptions());
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [revoking, setRevoking] = useState<{ id: number; name: string } | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.org.apiKeys.list.queryKey() });
  const create = useMutation(
    trpc.org.apiKeys.create.mutationOptions({
      onSuccess: (k) => {
        setCreated({ name: k.name, key: k.key });
        setName("");
        void refresh();
      },
    }),
  );
  const revoke = useMutation(trpc.org.apiKeys.revoke.mutationOptions({ onSuccess: () => (setRevoking(null), void refresh()) }));
  const errors = fieldErrors(create.error);

  return (
    <div className="space-y-6">
      <Card title="Create a key" description="Keys act as an admin of this organization. Give each script or machine its own key so you can revoke it alone.">
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ name });
          }}
        >
          <Field label="Key name" error={errors.name} className="w-full max-w-sm">
            {(p) => <TextInput {...p} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. nightly-import" required maxLength={128} />}
          </Field>
          <Button type="submit" variant="primary" disabled={create.isPending || !name.trim()}>
            <Icon name="plus" className="size-4" /> Create key
          </Button>
        </form>
        {create.error && !errors.name ? <ErrorNote className="mt-3">{describeError(create.error)}</ErrorNote> : null}
      </Card>

      {keys.error ? <ErrorNote>{describeError(keys.error)}</ErrorNote> : null}
      {keys.data && keys.data.length === 0 ? (
        <EmptyState title="No API keys yet">Create one above, then run the scripts with COMPAT_API_KEY set to it (see docs/scripts.md).</EmptyState>
      ) : keys.data ? (
        <Card title="Keys" bodyClassName="p-0">
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-xs text-slate-500 uppercase">
                <tr>
                  <th className="px-5 py-2.5 font-medium">Name</th>
                  <th className="px-3 py-2.5 font-medium">Prefix</th>
                  <th className="px-3 py-2.5 font-medium">Created</th>
                  <th className="px-3 py-2.5 font-medium">Last used</th>
                  <th className="px-3 py-2.5 font-medium">Status</th>
                  <th className="px-5 py-2.5"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {keys.data.map((k) => (
                  <tr key={k.id}>
                    <td className="px-5 py-2.5 font-medium">{k.name}</td>
                    <td className="px-3 py-2.5 font-mono text-xs">{k.prefix}…</td>
                    <td className="px-3 py-2.5 text-slate-600">{formatTime(k.createdAt)}</td>
                    <td className="px-3 py-2.5 text-slate-600">{k.lastUsedAt ? formatTime(k.lastUsedAt) : "Never"}</td>
                    <td className="px-3 py-2.5">{k.revokedAt ? <Badge tone="bad">Revoked</Badge> : <Badge tone="ok">Active</Badge>}</td>
                    <td className="px-5 py-2.5 text-right">
                      {!k.revokedAt ? (
                        <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50" onClick={() => setRevoking({ id: k.id, name: k.name })}>
                          Revoke<span className="sr-only"> {k.name}</span>
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      ) : (
        <div className="h-40 animate-pulse rounded-xl bg-slate-100" />
      )}

      <Modal
        open={created !== null}
        onClose={() => setCreated(null)}
        title={`API key "${created?.name}" created`}
        description="Copy it now: this is the only time it is shown. Store it in your secret manager."
        size="md"
        footer={
          <Button variant="primary" onClick={() => setCreated(null)}>
            I've stored it
          </Button>
        }
      >
        <div className="flex items-center gap-2">
          <code data-testid="new-api-key" className="min-w-0 flex-1 rounded-md bg-slate-900 px-3 py-2 font-mono text-xs break-all text-slate-100">
            {created?.key}
          </code>
          {created ? <CopyButton text={created.key} /> : null}
        </div>
      </Modal>
      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title={`Revoke "${revoking?.name}"?`}
        description="Scripts using this key stop working immediately. This cannot be undone."
        confirmLabel="Revoke key"
        destructive
        busy={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate({ id: revoking.id })}
      >
        {revoke.error ? <ErrorNote>{describeError(revoke.error)}</ErrorNote> : null}
      </ConfirmDialog>
    </div>
  );
}
