import type { Metadata } from "next";
import { PageHeader } from "~/components/dashboard/page-parts";
import { publicOrigins } from "~/components/dashboard/origin";
import { SettingsForm } from "~/components/dashboard/settings-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const origins = await publicOrigins();
  return (
    <>
      <PageHeader title="Settings" description="Your organization's name, plan and public address." />
      <SettingsForm {...origins} />
    </>
  );
}
