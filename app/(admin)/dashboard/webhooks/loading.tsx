import { RouteLoading } from "~/components/dashboard/route-loading";

export default function Loading() {
  return <RouteLoading title="Webhooks" />;
}
