// Test environment: jest-dom matchers, the browser APIs Mantine and CodeMirror need that jsdom lacks,
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

// CodeMirror measures text through ranges; jsdom lays nothing out, so every measure is empty.
const NO_RECT = { x: 0, y: 0, width: 0, height: 0, top: 0, right: 0, bottom: 0, left: 0, toJSON: () => ({}) } as DOMRect;
Range.prototype.getClientRects = () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] });
Range.prototype.getBoundingClientRect = () => NO_RECT;

afterEach(() => {
  cleanup();
  clearMocks();
  localStorage.clear();
});
