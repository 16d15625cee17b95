import { describe, expect, it } from "vitest";
import { readPlan } from "./plan";

const AT = "2025-06-14T15:30:00Z";

describe("the mock's plan reader", () => {
  it("reads Switchboard's shape: one JSON Schema of properties per event", () => {
    const view = readPlan(
      JSON.stringify({
        name: "Web",
        events: [
          {
            name: "Signed Up",
            description: "An account was created.",
            properties: {
              type: "object",
              properties: { plan: { type: "string" }, seats: { type: ["integer", "null"] }, extra: {} },
              required: ["plan"],
            },
          },
        ],
      }),
      AT,
    );
    expect(view.plan).toEqual({
      name: "Web",
      importedAt: AT,
      events: [
        {
          name: "Signed Up",
          description: "An account was created.",
          properties: [
            { name: "plan", types: "string", required: true },
            { name: "seats", types: "integer | null", required: false },
            { name: "extra", types: "", required: false },
          ],
          seen: 0,
          violating: 0,
        },
      ],
    });
  });

  it("reads Segment's Public API rules, tracks only", () => {
    const view = readPlan(
      JSON.stringify({
        rules: [
          { type: "IDENTIFY", jsonSchema: {} },
          { type: "TRACK", key: "Signed Up", jsonSchema: { properties: { properties: { properties: { plan: { type: "string" } } } } } },
        ],
      }),
      AT,
    );
    expect(view.plan?.name).toBe("Tracking plan");
    expect(view.plan?.events.map((e) => [e.name, e.properties])).toEqual([
      ["Signed Up", [{ name: "plan", types: "string", required: false }]],
    ]);
  });

  it("reads a Segment Config API export", () => {
    const view = readPlan(
      JSON.stringify({
        display_name: "Protocols plan",
        rules: {
          events: [
            {
              name: "Order Completed",
              rules: { properties: { properties: { properties: { revenue: { type: "number" } }, required: ["revenue"] } } },
            },
          ],
        },
      }),
      AT,
    );
    expect(view.plan?.name).toBe("Protocols plan");
    expect(view.plan?.events[0]?.properties).toEqual([{ name: "revenue", types: "number", required: true }]);
  });

  it("says in one sentence what is wrong with a bad file", () => {
    expect(() => readPlan("{ not json", AT)).toThrow(/^The plan is not valid JSON \(.+\); export it again or fix the file\.$/);
    expect(() => readPlan("{}", AT)).toThrow("The plan lists no events");
    expect(() => readPlan('{"events": [{"description": "x"}]}', AT)).toThrow("Event 1 in the plan has no name.");
    expect(() => readPlan('{"events": [{"name": "A"}, {"name": "A"}]}', AT)).toThrow("The plan lists `A` twice; keep one.");
  });
});
