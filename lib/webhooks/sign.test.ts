import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { SAMPLE_EVENT_DATA } from "@/lib/events/samples";
import { buildEnvelope, requestUrl, serializePayload } from "./payload";
import { newSigningSecret, signatureHeaders, signedContent } from "./sign";

const envelope = buildEnvelope({
  id: "evt_1",
  type: "lead.qualified",
  timestamp: new Date().toISOString(),
  data: SAMPLE_EVENT_DATA["lead.qualified"],
});
const postBody = serializePayload("POST", envelope).body!;

/** A GET request as a delivery builds it: the payload's parameters after the webhook URL's own. */
function getRequest(webhookUrl: string) {
  const url = requestUrl(webhookUrl, serializePayload("GET", envelope).query);
  return { method: "GET" as const, url, body: null };
}

describe("Standard Webhooks signing", () => {
  it("is accepted by a receiver using the standardwebhooks library", () => {
    const secret = newSigningSecret();
    const content = signedContent({ method: "POST", url: "https://hooks.example.com/referwire", body: postBody });
    expect(content).toBe(postBody); // Standard Webhooks: the body, unchanged
    const headers = signatureHeaders({ messageId: "msg_1", timestamp: new Date(), content, secrets: [secret] });
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(new Webhook(secret).verify(postBody, headers)).toEqual(envelope);
  });

  it("produces the standardwebhooks library's own signature, byte for byte", () => {
    const secret = newSigningSecret();
    const timestamp = new Date("2026-03-05T10:00:00.999Z");
    for (const content of [
      postBody,
      signedContent(getRequest("https://hooks.example.com/referwire?src=rw")),
      '{"name":"Zoë 🚀"}',
      "",
    ]) {
      const headers = signatureHeaders({ messageId: "msg_5", timestamp, content, secrets: [secret] });
      expect(headers["webhook-signature"]).toBe(new Webhook(secret).sign("msg_5", timestamp, content));
      expect(headers["webhook-timestamp"]).toBe("1772704800");
    }
  });

  it("is rejected when the body is tampered with or the secret is wrong", () => {
    const secret = newSigningSecret();
    const headers = signatureHeaders({
      messageId: "msg_2",
      timestamp: new Date(),
      content: postBody,
      secrets: [secret],
    });
    expect(() => new Webhook(secret).verify(postBody.replace("Lin", "Eve"), headers)).toThrow();
    expect(() => new Webhook(newSigningSecret()).verify(postBody, headers)).toThrow();
  });

  it("during a rotation, receivers with either the old or the new secret verify", () => {
    const [previous, current] = [newSigningSecret(), newSigningSecret()];
    const headers = signatureHeaders({
      messageId: "msg_3",
      timestamp: new Date(),
      content: postBody,
      secrets: [current, previous],
    });
    expect(headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(() => new Webhook(previous).verify(postBody, headers)).not.toThrow();
    expect(() => new Webhook(current).verify(postBody, headers)).not.toThrow();
  });

  it("GET webhooks sign the method and the request target: the path and the whole query as sent, the URL's own parameters included", () => {
    const secret = newSigningSecret();
    const request = getRequest("https://hooks.example.com/referwire?a=1&b=2#fragment");
    const target = new URL(request.url).pathname + new URL(request.url).search;
    expect(target).toMatch(/^\/referwire\?a=1&b=2&id=evt_1&type=lead.qualified&/);
    expect(new URL(request.url).searchParams.get("data.user.email")).toBe("lin@example.com");
    expect(signedContent(request)).toBe(`GET ${target}`);
    const headers = signatureHeaders({
      messageId: "msg_4",
      timestamp: new Date(),
      content: signedContent(request),
      secrets: [secret],
    });
    const verifies = (content: string) => {
      try {
        new Webhook(secret).verify(content, headers, { jsonParse: false });
        return true;
      } catch {
        return false;
      }
    };
    expect(verifies(`GET ${target}`)).toBe(true);
    const query = target.slice(target.indexOf("?") + 1);
    const forged = {
      "a parameter put in front": `GET /referwire?data.user.email=attacker%40evil.example&${query}`,
      "a parameter added at the end": `GET ${target}&data.user.email=attacker%40evil.example`,
      "the webhook URL's own parameter changed": `GET ${target.replace("a=1", "a=2")}`,
      "the webhook URL's own parameters left out": `GET /referwire?${query.slice("a=1&b=2&".length)}`,
      "another path": `GET /elsewhere?${query}`,
      "the query reordered": `GET /referwire?${query.split("&").reverse().join("&")}`,
      "another method": `POST ${target}`,
      "only Referwire's part, as signed before": query.slice("a=1&b=2&".length),
    };
    for (const [what, content] of Object.entries(forged)) expect(verifies(content), what).toBe(false);
  });

  it("a GET to a URL without a path or query of its own signs `/` and the payload's query", () => {
    const request = getRequest("https://hooks.example.com");
    expect(signedContent(request)).toMatch(/^GET \/\?id=evt_1&type=lead\.qualified&/);
  });
});
