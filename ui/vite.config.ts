import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Tauri serves `dist/` at the root of its own origin, so the default base ("/") is right.
export default defineConfig({
  plugins: [react()],
  // Tauri's dev tooling expects a fixed port and a clear error if it is taken.
  server: {
    port: 5173,
    strictPort: true,
    // The mock's template is checked against the one Switchboard ships (src/mocks/templates.test.ts).
    fs: { allow: [".", "../assets/templates"] },
  },
  build: {
    outDir: "dist",
    // WebKitGTK on Debian 12 is the oldest webview we ship to.
    target: ["es2022", "safari16"],
    // Mantine plus React is one big chunk by design; it is loaded from disk, not the network.
    chunkSizeWarningLimit: 1024,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    css: false,
    restoreMocks: true,
    env: { TZ: "UTC" },
    // Whole-screen tests type and click through jsdom; on a loaded 2-core machine they can take
    // several seconds, which vitest's 5-second default does not allow for.
    testTimeout: 20_000,
  },
});
