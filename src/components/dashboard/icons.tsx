/** A handful of 20px outline icons (decorative: always aria-hidden; the text beside them names the action). */
const paths = {
  home: "M3 9.5 10 4l7 5.5V16a1 1 0 0 1-1 1h-3.5v-5h-5v5H4a1 1 0 0 1-1-1V9.5Z",
  schema: "M4 4h12v4H4zM4 12h5v4H4zM11 12h5v4h-5z",
  dataset: "M10 3c3.9 0 7 1.1 7 2.5v9c0 1.4-3.1 2.5-7 2.5s-7-1.1-7-2.5v-9C3 4.1 6.1 3 10 3Zm7 2.5c0 1.4-3.1 2.5-7 2.5S3 6.9 3 5.5M17 10c0 1.4-3.1 2.5-7 2.5S3 11.4 3 10",
  page: "M5 3h7l4 4v10H5zM12 3v4h4M8 11h5M8 14h5",
  key: "M12.5 3a4.5 4.5 0 1 1-1.3 8.8L9 14H7v2H5v2H3v-3l5.2-5.2A4.5 4.5 0 0 1 12.5 3Zm1 3.2h.01",
  audit: "M4 4h12v12H4zM7 8h6M7 11h6M7 14h3",
  settings: "M10 7a3 3 0 1 1 0 6 3 3 0 0 1 0-6Zm0-4 1.3 2.1 2.4-.6.6 2.4L16.5 8l-1 2 1 2-2.2 1.1-.6 2.4-2.4-.6L10 17l-1.3-2.1-2.4.6-.6-2.4L3.5 12l1-2-1-2 2.2-1.1.6-2.4 2.4.6Z",
  menu: "M3 6h14M3 10h14M3 14h14",
  close: "M5 5l10 10M15 5 5 15",
  up: "M10 15V5M5 10l5-5 5 5",
  down: "M10 5v10M5 10l5 5 5-5",
  grip: "M7 5h.01M7 10h.01M7 15h.01M13 5h.01M13 10h.01M13 15h.01",
  upload: "M10 13V3M6 7l4-4 4 4M4 13v3h12v-3",
  download: "M10 3v10M6 9l4 4 4-4M4 16h12",
  external: "M11 4h5v5M16 4l-7 7M14 12v4H4V6h4",
  copy: "M7 7h9v9H7zM4 13V4h9",
  plus: "M10 4v12M4 10h12",
  trash: "M4 6h12M8 6V4h4v2M6 6l1 10h6l1-10",
  check: "M4 10.5 8 14l8-8",
  logout: "M8 4H4v12h4M12 6l4 4-4 4M16 10H8",
  webhook: "M7 8a3 3 0 1 1 4.5 2.6L14 15M6 16a3 3 0 1 1 1-5.8M14 15a3 3 0 1 1-2.6 1.5H7",
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name, className = "size-5" }: { name: IconName; className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.6} strokeLinecap="round" strokeLinejoin="round" className={className}>
      <path d={paths[name]} />
    </svg>
  );
}
