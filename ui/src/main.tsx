// Entry point. Outside the Tauri webview (a browser on `vite` or `vite preview --?mock`)
// it first installs a mock back end with sample data, so the UI can be looked at without Rust.

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { createQueryClient } from "./queries";

async function start(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const inTauri = "__TAURI_INTERNALS__" in window;
  if (!inTauri && (import.meta.env.DEV || params.has("mock"))) {
    const { installMockBackend } = await import("./mocks/backend");
    installMockBackend(params.get("mock") ?? "");
  }
  const root = document.getElementById("root");
  if (!root) throw new Error("index.html has no #root element");
  createRoot(root).render(
    <StrictMode>
      <App queryClient={createQueryClient()} />
    </StrictMode>,
  );
}

void start();
