import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { SAMPLE_EVENT_DATA } from "@/lib/events/samples";
import { buildEnvelope, serializePayload } from "./payload";
import { newSigningSecret, signatureHeaders } from "./sign";

const envelope = buildEnvelope({ id: "evt_1", type: "lead.qualified", timestamp: new Date().toISOString(), data: SAMPLE_EVENT_DATA["lead.qualified"] });

describe("Standard Webhooks signing", () => {
  it("is accepted by a receiver using the standardwebhooks library", () => {
    const secret = newSigningSecret();
    const { signedContent } = serializePayload("POST", envelope);
    const headers = signatureHeaders({ messageId: "msg_1", timestamp: new Date(), content: signedContent, secrets: [secret] });
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(new Webhook(secret).verify(signedContent, headers)).toEqual(envelope);
  });

  it("produces the standardwebhooks library's own signature, byte for byte", () => {
    const secret = newSigningSecret();
    const timestamp = new Date("2026-03-05T10:00:00.999Z");
    for (const content of [serializePayload("POST", envelope).signedContent, serializePayload("GET", envelope).signedContent, '{"name":"Zoë 🚀"}', ""]) {
      const headers = signatureHeaders({ messageId: "msg_5", timestamp, content, secrets: [secret] });
      expect(headers["webhook-signature"]).toBe(new Webhook(secret).sign("msg_5", timestamp, content));
      expect(headers["webhook-timestamp"]).toBe("1772704800");
    }
  });

  it("is rejected when the body is tampered with or the secret is wrong", () => {
    const secret = newSigningSecret();
    const { signedContent } = serializePayload("POST", envelope);
    const headers = signatureHeaders({ messageId: "msg_2", timestamp: new Date(), content: signedContent, secrets: [secret] });
    expect(() => new Webhook(secret).verify(signedContent.replace("Lin", "Eve"), headers)).toThrow();
    expect(() => new Webhook(newSigningSecret()).verify(signedContent, headers)).toThrow();
  });

  it("during a rotation, receivers with either the old or the new secret verify", () => {
    const [previous, current] = [newSigningSecret(), newSigningSecret()];
    const { signedContent } = serializePayload("POST", envelope);
    const headers = signatureHeaders({ messageId: "msg_3", timestamp: new Date(), content: signedContent, secrets: [current, previous] });
    expect(headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(() => new Webhook(previous).verify(signedContent, headers)).not.toThrow();
    expect(() => new Webhook(current).verify(signedContent, headers)).not.toThrow();
  });

  it("GET webhooks sign the query string in place of a body", () => {
    const secret = newSigningSecret();
    const { query, body, signedContent } = serializePayload("GET", envelope);
    expect(body).toBeNull();
    expect(signedContent).toBe(query);
    expect(new URLSearchParams(query!).get("data.user.email")).toBe("lin@example.com");
    const headers = signatureHeaders({ messageId: "msg_4", timestamp: new Date(), content: query!, secrets: [secret] });
    expect(() => new Webhook(secret).verify(query!, headers, { jsonParse: false })).not.toThrow();
  });
});
