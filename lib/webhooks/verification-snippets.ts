// Browser-safe: the signing-secret dialog shows these, docs/webhooks.md quotes them, and the test
// suite runs the Node and Python ones against real deliveries (valid, tampered, too old, rotated).
// Each verifies one delivery: `payload` is the raw body as received, or for a GET webhook
// `GET <request target>`; a timestamp more than 5 minutes from the clock is refused; during a
// secret rotation either of the two signatures may match.

export type SnippetLanguage = "node" | "node-crypto" | "python" | "ruby" | "php" | "go";

export const VERIFICATION_SNIPPETS: Record<SnippetLanguage, { label: string; code: string }> = {
  node: {
    label: "Node (standardwebhooks)",
    code: `// npm install standardwebhooks
import { Webhook } from "standardwebhooks";

// Throws unless a signature matches (either one during a rotation) and the timestamp is within
// 5 minutes. payload: the raw body as received; for a GET webhook, "GET " + the request target.
export function verifyReferwire(secret, headers, payload) {
  new Webhook(secret).verify(payload, headers, { jsonParse: false });
}
`,
  },
  "node-crypto": {
    label: "Node (node:crypto only)",
    code: `import { createHmac, timingSafeEqual } from "node:crypto";

const TOLERANCE_SECONDS = 5 * 60;

// Throws unless the delivery is Referwire's. payload: the raw body as received; for a GET
// webhook, "GET " + the request target. headers: lower-case names (as Node gives them).
export function verifyReferwire(secret, headers, payload) {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  const signatures = headers["webhook-signature"];
  if (!id || !timestamp || !signatures) throw new Error("missing webhook headers");
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) {
    throw new Error("timestamp outside the 5-minute tolerance");
  }
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key).update(\`\${id}.\${timestamp}.\${payload}\`).digest();
  // During a secret rotation two signatures are sent ("v1,<new> v1,<old>"): any may match.
  const valid = signatures.split(" ").some((entry) => {
    const [version, signature = ""] = entry.split(",");
    const given = Buffer.from(signature, "base64");
    return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!valid) throw new Error("no valid signature");
}
`,
  },
  python: {
    label: "Python (standard library)",
    code: `import base64
import hashlib
import hmac
import time

TOLERANCE_SECONDS = 5 * 60


def verify_referwire(secret: str, headers: dict, payload: bytes) -> None:
    """Raises ValueError unless the delivery is Referwire's. payload: the raw body as received;
    for a GET webhook, b"GET " + the request target. headers: lower-case names."""
    msg_id = headers.get("webhook-id")
    timestamp = headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature")
    if not (msg_id and timestamp and signatures):
        raise ValueError("missing webhook headers")
    if abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        raise ValueError("timestamp outside the 5-minute tolerance")
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{msg_id}.{timestamp}.".encode() + payload
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    # During a secret rotation two signatures are sent ("v1,<new> v1,<old>"): any may match.
    for entry in signatures.split(" "):
        version, _, signature = entry.partition(",")
        if version == "v1" and hmac.compare_digest(signature, expected):
            return
    raise ValueError("no valid signature")
`,
  },
  ruby: {
    label: "Ruby",
    code: `require "base64"
require "openssl"

TOLERANCE_SECONDS = 5 * 60

# Raises unless the delivery is Referwire's. payload: the raw body as received
# (request.raw_post); for a GET webhook, "GET " + the request target. headers: lower-case names.
def verify_referwire(secret, headers, payload)
  id, timestamp, signatures = headers.values_at("webhook-id", "webhook-timestamp", "webhook-signature")
  raise ArgumentError, "missing webhook headers" unless id && timestamp && signatures
  if (Time.now.to_i - timestamp.to_i).abs > TOLERANCE_SECONDS
    raise ArgumentError, "timestamp outside the 5-minute tolerance"
  end
  key = Base64.strict_decode64(secret.delete_prefix("whsec_"))
  expected = Base64.strict_encode64(OpenSSL::HMAC.digest("SHA256", key, "#{id}.#{timestamp}.#{payload}"))
  # During a secret rotation two signatures are sent ("v1,<new> v1,<old>"): any may match.
  valid = signatures.split(" ").any? do |entry|
    version, signature = entry.split(",", 2)
    version == "v1" && signature && OpenSSL.secure_compare(signature, expected)
  end
  raise ArgumentError, "no valid signature" unless valid
end
`,
  },
  php: {
    label: "PHP",
    code: `<?php
const REFERWIRE_TOLERANCE_SECONDS = 5 * 60;

// Throws unless the delivery is Referwire's. $payload: the raw body as received
// (file_get_contents('php://input')); for a GET webhook, "GET " . the request target.
// $headers: lower-case names.
function verify_referwire(string $secret, array $headers, string $payload): void
{
    $id = $headers['webhook-id'] ?? '';
    $timestamp = $headers['webhook-timestamp'] ?? '';
    $signatures = $headers['webhook-signature'] ?? '';
    if ($id === '' || $timestamp === '' || $signatures === '') {
        throw new RuntimeException('missing webhook headers');
    }
    if (abs(time() - (int) $timestamp) > REFERWIRE_TOLERANCE_SECONDS) {
        throw new RuntimeException('timestamp outside the 5-minute tolerance');
    }
    $key = base64_decode(preg_replace('/^whsec_/', '', $secret), true);
    $expected = base64_encode(hash_hmac('sha256', "$id.$timestamp.$payload", $key, true));
    // During a secret rotation two signatures are sent ("v1,<new> v1,<old>"): any may match.
    foreach (explode(' ', $signatures) as $entry) {
        [$version, $signature] = array_pad(explode(',', $entry, 2), 2, '');
        if ($version === 'v1' && hash_equals($expected, $signature)) {
            return;
        }
    }
    throw new RuntimeException('no valid signature');
}
`,
  },
  go: {
    label: "Go",
    code: `package referwire

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

const tolerance = 5 * time.Minute

// Verify returns nil when the delivery is Referwire's. payload is the raw body as received; for a
// GET webhook, "GET " + r.URL.RequestURI().
func Verify(secret string, header http.Header, payload []byte) error {
	id, timestamp, signatures := header.Get("webhook-id"), header.Get("webhook-timestamp"), header.Get("webhook-signature")
	if id == "" || timestamp == "" || signatures == "" {
		return errors.New("missing webhook headers")
	}
	seconds, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return errors.New("invalid webhook-timestamp")
	}
	if age := time.Since(time.Unix(seconds, 0)); age > tolerance || age < -tolerance {
		return errors.New("timestamp outside the 5-minute tolerance")
	}
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		return err
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + timestamp + "."))
	mac.Write(payload)
	expected := mac.Sum(nil)
	// During a secret rotation two signatures are sent ("v1,<new> v1,<old>"): any may match.
	for _, entry := range strings.Split(signatures, " ") {
		version, signature, _ := strings.Cut(entry, ",")
		given, err := base64.StdEncoding.DecodeString(signature)
		if version == "v1" && err == nil && hmac.Equal(given, expected) {
			return nil
		}
	}
	return errors.New("no valid signature")
}
`,
  },
};
