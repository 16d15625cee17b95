// Test environment: jest-dom matchers, the browser APIs Mantine needs that jsdom lacks,
// and a clean slate (DOM, IPC mocks, stored theme) after every test.

import "@testing-library/jest-dom/vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

Object.defineProperty(window, "matchMedia", {
  writable: true,
  value: (query: string): MediaQueryList =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as unknown as MediaQueryList,
});

window.ResizeObserver = class {
  observe(): void {
    // jsdom does no layout, so there is never anything to report.
  }
  unobserve(): void {
    // as above
  }
  disconnect(): void {
    // as above
  }
};

HTMLElement.prototype.scrollIntoView = () => undefined;

afterEach(() => {
  cleanup();
  clearMocks();
  localStorage.clear();
});
