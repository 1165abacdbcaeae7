import { TRPCReactProvider } from "~/trpc/react";

/** Admin area (sign-in + dashboard): tRPC on the admin host's `/api/trpc`. */
export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return <TRPCReactProvider>{children}</TRPCReactProvider>;
}
