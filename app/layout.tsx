import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "M2M Console", template: "%s · M2M Console" },
  description: "Test ZITADEL service-user credentials and see which organization they belong to.",
  robots: { index: false, follow: false },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
