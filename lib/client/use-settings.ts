"use client";

import useSWR from "swr";
import { apiFetch } from "@/lib/client/fetcher";
import type { Settings, TestAlertResult } from "@/lib/schemas/settings";

// Settings as the environment set them (GET /api/settings), and the test alert (POST /api/settings/test-alert).

const SETTINGS_URL = "/api/settings";

export function useSettings() {
  const { data, error, isLoading, mutate } = useSWR(SETTINGS_URL, (url: string) => apiFetch<Settings>(url));

  async function sendTestAlert(): Promise<TestAlertResult> {
    const result = await apiFetch<TestAlertResult>(`${SETTINGS_URL}/test-alert`, { method: "POST" });
    await mutate();
    return result;
  }

  return { settings: data, error: error as unknown, isLoading, retry: () => mutate(), sendTestAlert };
}
