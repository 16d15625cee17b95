// Words for people and their identities, shared by the list and the detail.

import type { PersonRow } from "../bindings/PersonRow";

/** What a person is called on screen: their name, else their user id, else their email, else "Anonymous". */
export function personLabel(person: PersonRow): string {
  return person.name ?? person.userId ?? person.email ?? "Anonymous";
}

const IDENTITY_KINDS: Record<string, string> = {
  user_id: "User id",
  anonymous_id: "Anonymous id",
  email: "Email",
  group_id: "Group id",
};

export function identityKindLabel(kind: string): string {
  return IDENTITY_KINDS[kind] ?? kind;
}

/** A trait's value as it reads: strings without their JSON quotes, everything else as its JSON text. */
export function traitText(json: string): string {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === "string" ? value : json;
  } catch {
    return json;
  }
}
